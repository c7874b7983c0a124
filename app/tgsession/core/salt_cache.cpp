#include "salt_cache.hpp"

#include <sstream>

#include "tgs/atomic_file.hpp"
#include "xdg_paths.hpp"

namespace tgsession {
namespace {

bool is_hex_id(const std::string& s) {
    return !s.empty() && s.size() <= 32 &&
           s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

SaltCache::SaltCache(std::filesystem::path dir) : dir_(std::move(dir)) {}

std::optional<std::int64_t> SaltCache::load(const std::string& key_id_hex, std::int64_t now,
                                            std::int64_t max_age_seconds) const {
    if (dir_.empty() || !is_hex_id(key_id_hex)) return std::nullopt;
    try {
        require_private(dir_);  // a salt planted by another user is not worth a look
    } catch (const std::exception&) {
        return std::nullopt;
    }
    std::optional<std::string> text;
    try {
        text = tgs::read_file_nofollow(dir_ / key_id_hex, "SALT_CACHE_READ");
    } catch (const std::exception&) {
        return std::nullopt;  // a link or an unreadable file: ask the server instead
    }
    if (!text) return std::nullopt;
    std::istringstream in(*text);
    std::int64_t salt = 0;
    std::int64_t saved_at = 0;
    if (!(in >> salt >> saved_at)) return std::nullopt;
    if (saved_at > now || now - saved_at > max_age_seconds) return std::nullopt;
    return salt;
}

void SaltCache::save(const std::string& key_id_hex, std::int64_t salt, std::int64_t now) const {
    if (dir_.empty() || !is_hex_id(key_id_hex) || salt == 0) return;
    try {
        ensure_private_dir(dir_.parent_path(), dir_, "SALT_CACHE_WRITE");
    } catch (const std::exception&) {
        return;  // a cache: an unsafe or unwritable state dir only costs a round trip
    }
    const std::string text = std::to_string(salt) + " " + std::to_string(now) + "\n";
    try {
        tgs::write_file_atomically(dir_ / key_id_hex, tgs::as_bytes(text), "SALT_CACHE_WRITE",
                                   tgs::Durability::cache);
    } catch (const std::exception&) {
        // A cache: a failed write only costs a round trip next time.
    }
}

SaltCache default_salt_cache() {
    try {
        return SaltCache(xdg_state_home() / "tgsession" / "salts");
    } catch (const std::exception&) {
        return SaltCache({});  // no home directory: no cache (it only saves a round trip)
    }
}

}  // namespace tgsession
