#include "xdg_paths.hpp"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <vector>

#include "errors.hpp"
#include "tgs/error.hpp"

namespace tgsession {
namespace {

std::filesystem::path from_env(const char* var, const char* home_relative) {
    // The spec says relative values are invalid and must be ignored.
    if (const char* v = std::getenv(var); v != nullptr && *v == '/') return v;
    const auto home = home_dir();
    if (!home) {
        throw tgs::Error(errc::path_no_home, std::string("no home directory: set HOME or ") + var);
    }
    return *home / home_relative;
}

}  // namespace

std::optional<std::filesystem::path> home_dir() {
    if (const char* h = std::getenv("HOME"); h != nullptr && *h == '/') return h;
    std::vector<char> buf(16384);
    struct passwd pw {};
    struct passwd* found = nullptr;
    if (::getpwuid_r(::getuid(), &pw, buf.data(), buf.size(), &found) == 0 && found != nullptr &&
        found->pw_dir != nullptr && found->pw_dir[0] == '/') {
        return std::filesystem::path(found->pw_dir);
    }
    return std::nullopt;
}

std::filesystem::path xdg_config_home() {
    return from_env("XDG_CONFIG_HOME", ".config");
}
std::filesystem::path xdg_state_home() {
    return from_env("XDG_STATE_HOME", ".local/state");
}

void require_private(const std::filesystem::path& p) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return;  // missing: created private later
    if (st.st_uid != ::geteuid()) {
        throw tgs::Error(errc::path_unsafe,
                         p.string() + " is owned by another user; refusing to use it");
    }
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        throw tgs::Error(errc::path_unsafe, p.string() +
                                                " is writable by other users; refusing to use it "
                                                "(chmod go-w)");
    }
}

void ensure_private_dir(const std::filesystem::path& base, const std::filesystem::path& dir,
                        const char* write_error) {
    std::error_code ec;
    std::vector<std::filesystem::path> created;  // levels this call makes: 0700 whatever the umask
    for (auto p = dir; !p.empty() && !std::filesystem::exists(p, ec); p = p.parent_path()) {
        created.push_back(p);
        if (p == p.parent_path()) break;
    }
    std::filesystem::create_directories(dir, ec);
    if (ec) throw tgs::Error(write_error, "cannot create " + dir.string());
    for (const auto& p : created) ::chmod(p.c_str(), 0700);
    for (auto p = dir;; p = p.parent_path()) {
        require_private(p);
        if (p == base || p == p.parent_path() || p.empty()) break;
    }
}

}  // namespace tgsession
