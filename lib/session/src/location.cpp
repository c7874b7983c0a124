// Location-generic helpers: each one is the file case or the store case (pg_api.hpp).
#include "tgs/session/location.hpp"

#include <algorithm>
#include <system_error>

#include "internal.hpp"
#include "pg_api.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session {
namespace {
constexpr std::size_t kStorePage = 128;  // names per query, as BatchReader lists them
}  // namespace

bool is_store_location(std::string_view location) {
    return detail::is_store_url(location);
}

bool session_exists(const std::filesystem::path& location) {
    if (detail::is_store_url(location.native())) return detail::store_exists(location.native());
    std::error_code ec;
    return std::filesystem::is_regular_file(location, ec) &&
           std::filesystem::file_size(location, ec) > 0 && !ec;
}

void remove_session(const std::filesystem::path& location) {
    if (detail::is_store_url(location.native())) return detail::store_remove(location.native());
    std::filesystem::remove(location);
}

bool is_collection(const std::string& location) {
    if (detail::is_store_url(location)) return detail::is_store_collection(location);
    std::error_code ec;
    return std::filesystem::is_directory(location, ec);
}

std::optional<std::vector<std::string>> sessions_in(const std::string& location) {
    if (detail::is_store_url(location)) return detail::store_sessions(location);
    std::error_code ec;
    if (!std::filesystem::is_directory(location, ec)) return std::nullopt;
    // Every *.session name that is not a folder, as `status DIR` takes them: a dangling link or
    // a FIFO there is reported by whoever reads it, never skipped in silence. A folder that
    // cannot be listed (out of descriptors, no permission) is an error, not an empty folder.
    std::vector<std::string> out;
    std::filesystem::directory_iterator it(location, ec);
    for (const std::filesystem::directory_iterator end; !ec && it != end; it.increment(ec)) {
        std::error_code type_ec;
        if (it->path().extension() == ".session" && !it->is_directory(type_ec)) {
            out.push_back(it->path().string());
        }
    }
    if (ec) detail::fail_errno(ec.value(), location, "cannot list the folder");
    std::sort(out.begin(), out.end());
    return out;
}

bool for_each_session_in(const std::string& location,
                         const std::function<void(const std::string&)>& visit) {
    if (!detail::is_store_url(location)) {
        auto members = sessions_in(location);
        if (!members) return false;
        for (const auto& m : *members) visit(m);
        return true;
    }
    if (!detail::is_store_collection(location)) return false;
    detail::StoreListing listing(location);
    for (auto page = listing.next_page(kStorePage); !page.empty();
         page = listing.next_page(kStorePage)) {
        for (const auto& m : page) visit(m);
    }
    return true;
}

std::string session_in(const std::string& collection, const std::string& name) {
    if (detail::is_store_url(collection)) return detail::store_session_in(collection, name);
    // A name comes from wherever the session was (a session id in a shared store may hold
    // anything): "../x" or "/x" would put the file outside the folder.
    if (name.empty() || name.find('/') != std::string::npos ||
        name.find('\0') != std::string::npos) {
        detail::fail(errc::write_failed, "a session named \"" + name + "\" cannot be a file in " +
                                             collection + " (a file name has no '/')");
    }
    return (std::filesystem::path(collection) / (name + ".session")).string();
}

std::string session_name(const std::string& location) {
    if (detail::is_store_url(location)) return detail::store_session_name(location);
    return std::filesystem::path(location).stem().string();
}

}  // namespace tgs::session
