#include "status_inputs.hpp"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

#include "errors.hpp"
#include "session_path.hpp"
#include "tgs/error.hpp"
#include "tgs/resource_error.hpp"
#include "tgs/session/location.hpp"
#include "tgs/session/tdata.hpp"

namespace tgsession {
namespace {

namespace fs = std::filesystem;

class Collector {
  public:
    Collector() : cwd_(fs::current_path()) {}

    void add(std::string path) {
        if (seen_.insert(key_of(path)).second) {
            out.paths.push_back(std::move(path));
        } else {
            ++out.duplicates;
        }
    }

    void add_directory(const fs::path& dir) {
        std::error_code ec;
        std::vector<std::string> names;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            const auto& p = it->path();
            if (p.extension() != ".session") continue;
            std::error_code type_ec;
            if (it->is_directory(type_ec)) continue;
            names.push_back(p.string());
        }
        if (ec) {
            // Out of descriptors is the process's state, not a missing folder (exit 71).
            tgs::resource::throw_if_exhausted(ec.value(), "cannot list " + dir.string());
            throw tgs::Error(errc::status_list_missing,
                             "cannot list " + dir.string() + ": " + ec.message());
        }
        std::sort(names.begin(), names.end());
        for (auto& n : names) add(std::move(n));
    }

    StatusInputs out;

  private:
    // "./a.session", "a.session", "link/a.session" and "dir/" (link -> dir) are one file once
    // the folder is resolved: once per folder as spelled, never a system call per name. The
    // folder is resolved as given, ".." and all: "link/.." is the link target's parent, which
    // removing "link/.." by hand would mistake for this folder.
    std::string key_of(const std::string& path) {
        const fs::path p(path);
        const fs::path abs = p.is_absolute() ? p : cwd_ / p;
        const auto [it, added] = folders_.try_emplace(abs.parent_path().string());
        if (added) {
            std::error_code ec;
            const auto real = fs::weakly_canonical(abs.parent_path(), ec);
            it->second = ec ? abs.parent_path().lexically_normal().string() : real.string();
        }
        return (fs::path(it->second) / abs.filename()).string();
    }

    fs::path cwd_;
    std::unordered_set<std::string> seen_;
    std::unordered_map<std::string, std::string> folders_;  // as named -> resolved
};

}  // namespace

std::vector<std::string> split_file_list(std::istream& in, bool nul_separated) {
    std::vector<std::string> out;
    std::string entry;
    while (std::getline(in, entry, nul_separated ? '\0' : '\n')) {
        if (!entry.empty()) out.push_back(std::move(entry));
        entry.clear();
    }
    return out;
}

StatusInputs collect_status_inputs(const StatusOptions& o, std::istream& standard_input) {
    Collector c;
    for (const auto& arg : o.sessions) {
        std::error_code ec;
        if (fs::is_directory(arg, ec) && tgs::session::tdata::is_tdata_folder(arg)) {
            c.add(arg);  // a Telegram Desktop folder is one session
        } else if (fs::is_directory(arg, ec)) {
            c.add_directory(arg);
        } else if (tgs::session::is_store_location(arg) && tgs::session::is_collection(arg)) {
            // A session store named without session=: every session in it, listed a page at a
            // time by the reader (tgs/session/batch_read.hpp), never all at once.
            c.add(session_path(arg).string());
        } else {
            c.add(session_path(arg).string());
        }
    }
    if (o.files_from) {
        std::vector<std::string> listed;
        if (*o.files_from == "-") {
            listed = split_file_list(standard_input, o.null_separated);
        } else {
            std::ifstream in(*o.files_from, std::ios::binary);
            if (!in) {
                tgs::resource::throw_if_exhausted(errno, "cannot read the list " + *o.files_from);
                throw tgs::Error(errc::status_list_missing,
                                 "cannot read the list " + *o.files_from);
            }
            listed = split_file_list(in, o.null_separated);
        }
        // Names from a list are used as given (find prints real names; no .session rule).
        for (auto& name : listed) c.add(std::move(name));
    }
    return std::move(c.out);
}

}  // namespace tgsession
