#include "unsaved_login.hpp"

#include <ctime>
#include <string>

#include "tgs/session/errors.hpp"
#include "tgs/session/location.hpp"
#include "xdg_paths.hpp"

namespace tgsession {
namespace {

// The session's name as a file name: a store's session id may hold '/'.
std::string file_name_for(const std::filesystem::path& target) {
    std::string name = tgs::session::session_name(target.string());
    for (char& c : name) {
        if (c == '/' || c == '\0') c = '_';
    }
    char stamp[32];
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    return (name.empty() ? std::string("session") : name) + "-" + stamp + ".session";
}

}  // namespace

void rethrow_keeping_login(const tgs::Error& failed, const std::filesystem::path& target,
                           const tgs::session::SessionData& d,
                           const tgs::session::SaveOptions& opts) {
    // what() is "CODE: message": the message alone goes on.
    std::string message = failed.what();
    if (message.starts_with(failed.code() + ": ")) message.erase(0, failed.code().size() + 2);
    std::filesystem::path kept;
    try {
        const auto dir = xdg_state_home() / "tgsession" / "unsaved";
        ensure_private_dir(dir.parent_path(), dir, tgs::session::errc::write_failed);
        kept = dir / file_name_for(target);
        const auto format =
            opts.seal_key ? tgs::session::Format::Sealed : tgs::session::Format::Telethon;
        tgs::session::save(kept, d, format, opts);
    } catch (const std::exception& e) {
        throw tgs::Error(failed.code(), message + "; the new login could not be kept either (" +
                                            e.what() + "): it is live but its key is lost");
    }
    throw tgs::Error(failed.code(), message + "; the new login is kept in " + kept.string() +
                                        ": put it in place with `tgsession convert " +
                                        kept.string() + " " + target.string() + " --force`");
}

}  // namespace tgsession
