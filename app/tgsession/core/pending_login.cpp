#include "pending_login.hpp"

#include <chrono>
#include <nlohmann/json.hpp>

#include "errors.hpp"
#include "secret_source.hpp"
#include "tgs/atomic_file.hpp"
#include "tgs/crypto/secure.hpp"
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
    ensure_private_dir(dir.parent_path(), dir, errc::pending_login_write);
}

/// The key's hex inside a parsed or built document, wiped before the document is freed.
void wipe_key_hex(nlohmann::json& j) {
    auto it = j.find("auth_key");
    if (it != j.end() && it->is_string()) wipe(it->get_ref<std::string&>());
}

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

PendingLogin::~PendingLogin() {
    tgs::crypto::secure_zero(auth_key);
}

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
    tgs::remove_stale_temporaries(dir_, std::chrono::hours(1));
    nlohmann::json j{{"version", 1},
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
    std::string text = j.dump(2) + "\n";
    wipe_key_hex(j);
    try {
        tgs::write_file_atomically(path_for(std::filesystem::path(p.session_path)),
                                   tgs::as_bytes(text), errc::pending_login_write);
    } catch (...) {
        wipe(text);
        throw;
    }
    wipe(text);
}

std::optional<PendingLogin> PendingLoginStore::load(const std::filesystem::path& session) const {
    return load(session, unix_now());
}

std::optional<PendingLogin> PendingLoginStore::load(const std::filesystem::path& session,
                                                    std::int64_t now) const {
    const auto file = path_for(session);
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::symlink_status(file, ec))) return std::nullopt;
    require_private(dir_);  // a pending login planted by someone else is never continued
    require_private(file);
    auto text = tgs::read_file_nofollow(file, errc::pending_login_corrupt);
    if (!text) return std::nullopt;
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(*text);
        wipe(*text);
        PendingLogin p;
        p.session_path = j.at("session_path").get<std::string>();
        if (p.session_path != absolute_session_key(session).string()) {
            throw tgs::Error(errc::pending_login_corrupt,
                             "pending login belongs to another session");
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
        wipe_key_hex(j);
        if (now - p.created_at > kPendingLifetimeSeconds || p.created_at > now + 60) {
            std::filesystem::remove(file, ec);  // its key never logged in: nothing to keep
            return std::nullopt;
        }
        return p;
    } catch (const tgs::Error& e) {
        wipe(*text);
        wipe_key_hex(j);
        if (e.code() == errc::pending_login_corrupt) throw;
        throw tgs::Error(errc::pending_login_corrupt, "cannot parse " + file.string());
    } catch (const std::exception&) {
        wipe(*text);
        wipe_key_hex(j);
        throw tgs::Error(errc::pending_login_corrupt, "cannot parse " + file.string());
    }
}

void PendingLoginStore::remove(const std::filesystem::path& session) const {
    std::error_code ec;
    std::filesystem::remove(path_for(session), ec);
}

}  // namespace tgsession
