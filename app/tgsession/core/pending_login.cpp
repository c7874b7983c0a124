#include "pending_login.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tgs/error.hpp"
#include "xdg_paths.hpp"

namespace tgsession {
namespace {

// FNV-1a: stable across builds and platforms, unlike std::hash.
std::uint64_t fnv1a(const std::string& s) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

/// `dir` is <state>/tgsession/pending: it and <state>/tgsession must be this user's alone.
void make_private_dir(const std::filesystem::path& dir) {
    ensure_private_dir(dir.parent_path(), dir, "PENDING_LOGIN_WRITE");
}

void write_all(int fd, const std::string& data, const std::filesystem::path& where) {
    std::size_t off = 0;
    while (off < data.size()) {
        const auto n = ::write(fd, data.data() + off, data.size() - off);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw tgs::Error("PENDING_LOGIN_WRITE", "cannot write " + where.string());
        off += static_cast<std::size_t>(n);
    }
}

}  // namespace

std::filesystem::path absolute_session_key(const std::filesystem::path& session) {
    return std::filesystem::absolute(session).lexically_normal();
}

PendingLoginStore::PendingLoginStore(std::filesystem::path state_dir)
    : dir_(std::move(state_dir) / "pending") {}

std::filesystem::path PendingLoginStore::path_for(const std::filesystem::path& session) const {
    char name[32];
    std::snprintf(name, sizeof name, "%016llx.json",
                  static_cast<unsigned long long>(fnv1a(absolute_session_key(session).string())));
    return dir_ / name;
}

void PendingLoginStore::save(const PendingLogin& p) const {
    make_private_dir(dir_);
    const nlohmann::json j{{"version", 1},
                           {"session_path", p.session_path},
                           {"phone", p.phone},
                           {"phone_code_hash", p.phone_code_hash},
                           {"dc_id", p.dc_id},
                           {"server_address", p.server_address},
                           {"port", p.port},
                           {"auth_key", tgs::to_hex(p.auth_key)},
                           {"code_type", p.code_type},
                           {"code_length", p.code_length},
                           {"created_at", p.created_at}};
    const std::string text = j.dump(2) + "\n";
    const auto target = path_for(std::filesystem::path(p.session_path));
    auto tmp = target;
    tmp += ".tmp." + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw tgs::Error("PENDING_LOGIN_WRITE", "cannot create " + tmp.string());
    ::fchmod(fd, 0600);  // whatever the umask
    try {
        write_all(fd, text, tmp);
        if (::fsync(fd) != 0) throw tgs::Error("PENDING_LOGIN_WRITE", "fsync failed");
    } catch (...) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
    ::close(fd);
    if (::rename(tmp.c_str(), target.c_str()) != 0) {
        ::unlink(tmp.c_str());
        throw tgs::Error("PENDING_LOGIN_WRITE", "cannot rename into " + target.string());
    }
}

std::optional<PendingLogin> PendingLoginStore::load(const std::filesystem::path& session) const {
    const auto file = path_for(session);
    if (!std::filesystem::exists(file)) return std::nullopt;
    require_private(dir_);  // a pending login planted by someone else is never continued
    require_private(file);
    std::ifstream in(file);
    if (!in) return std::nullopt;
    std::stringstream buf;
    buf << in.rdbuf();
    try {
        const auto j = nlohmann::json::parse(buf.str());
        PendingLogin p;
        p.session_path = j.at("session_path").get<std::string>();
        if (p.session_path != absolute_session_key(session).string()) {
            throw tgs::Error("PENDING_LOGIN_CORRUPT", "pending login belongs to another session");
        }
        p.phone = j.at("phone").get<std::string>();
        p.phone_code_hash = j.at("phone_code_hash").get<std::string>();
        p.dc_id = j.at("dc_id").get<int>();
        p.server_address = j.value("server_address", "");
        p.port = j.value("port", 0);
        p.auth_key = tgs::from_hex(j.at("auth_key").get<std::string>());
        p.code_type = j.value("code_type", "");
        p.code_length = j.value("code_length", 0);
        p.created_at = j.value("created_at", std::int64_t{0});
        return p;
    } catch (const tgs::Error& e) {
        if (e.code() == "PENDING_LOGIN_CORRUPT") throw;
        throw tgs::Error("PENDING_LOGIN_CORRUPT", "cannot parse " + file.string());
    } catch (const std::exception&) {
        throw tgs::Error("PENDING_LOGIN_CORRUPT", "cannot parse " + file.string());
    }
}

void PendingLoginStore::remove(const std::filesystem::path& session) const {
    std::error_code ec;
    std::filesystem::remove(path_for(session), ec);
}

}  // namespace tgsession
