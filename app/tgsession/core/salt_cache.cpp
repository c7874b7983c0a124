#include "salt_cache.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <charconv>

#include "errors.hpp"
#include "xdg_paths.hpp"

namespace tgsession {
namespace {

bool is_hex_id(const std::string& s) {
    return !s.empty() && s.size() <= 32 &&
           s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// "<salt> <unix time>\n" (a few dozen bytes).
bool parse_entry(std::string_view text, std::int64_t& salt, std::int64_t& saved_at) {
    const char* p = text.data();
    const char* end = p + text.size();
    auto r = std::from_chars(p, end, salt);
    if (r.ec != std::errc{} || r.ptr == end || *r.ptr != ' ') return false;
    r = std::from_chars(r.ptr + 1, end, saved_at);
    return r.ec == std::errc{} && (r.ptr == end || *r.ptr == '\n');
}

}  // namespace

SaltCache::SaltCache(std::filesystem::path dir) : dir_(std::move(dir)) {}

bool SaltCache::dir_ready(bool create) const {
    if (checked_.load(std::memory_order_acquire)) return true;
    try {
        if (create) {
            ensure_private_dir(dir_.parent_path(), dir_, errc::salt_cache_write);
        } else {
            require_private(dir_);  // a salt planted by another user is not worth a look
            if (::access(dir_.c_str(), F_OK) != 0) return false;  // nothing saved yet
        }
    } catch (const std::exception&) {
        return false;  // a cache: an unsafe or unwritable state dir only costs a round trip
    }
    checked_.store(true, std::memory_order_release);
    return true;
}

std::optional<std::int64_t> SaltCache::load(const std::string& key_id_hex, std::int64_t now,
                                            std::int64_t max_age_seconds) const {
    if (dir_.empty() || !is_hex_id(key_id_hex) || !dir_ready(false)) return std::nullopt;
    // O_NOFOLLOW: never through a link; O_NONBLOCK: a FIFO planted there cannot hang us (its
    // read fails, which reads as no entry).
    const int fd =
        ::open((dir_ / key_id_hex).c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::array<char, 64> buf{};
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    ::close(fd);
    if (n <= 0 || static_cast<std::size_t>(n) == buf.size()) return std::nullopt;
    std::int64_t salt = 0;
    std::int64_t saved_at = 0;
    if (!parse_entry(std::string_view(buf.data(), static_cast<std::size_t>(n)), salt, saved_at)) {
        return std::nullopt;
    }
    if (saved_at > now || now - saved_at > max_age_seconds) return std::nullopt;
    return salt;
}

void SaltCache::save(const std::string& key_id_hex, std::int64_t salt, std::int64_t now) const {
    if (dir_.empty() || !is_hex_id(key_id_hex) || salt == 0 || !dir_ready(true)) return;
    const std::string text = std::to_string(salt) + " " + std::to_string(now) + "\n";
    const int fd = ::open((dir_ / key_id_hex).c_str(),
                          O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
    if (fd < 0) return;  // a cache: a failed write only costs a round trip next time
    [[maybe_unused]] const ssize_t written = ::write(fd, text.data(), text.size());
    ::close(fd);
}

const SaltCache& default_salt_cache() {
    static const SaltCache cache = [] {
        try {
            return SaltCache(xdg_state_home() / "tgsession" / "salts");
        } catch (const std::exception&) {
            return SaltCache({});  // no home directory: no cache (it only saves a round trip)
        }
    }();
    return cache;
}

}  // namespace tgsession
