#include "salt_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>

#include "errors.hpp"
#include "tgs/atomic_file.hpp"
#include "xdg_paths.hpp"

namespace tgsession {
namespace {

// 10,000 keys make about 500 KB; anything much bigger was not written by us.
constexpr off_t kMaxFileBytes = 16 * 1024 * 1024;

// An auth key id as auth_key_id_hex() writes it: its 8 bytes as 16 lowercase hex digits.
std::optional<std::uint64_t> parse_key_id(std::string_view hex) {
    if (hex.size() != 16) return std::nullopt;
    std::uint64_t id = 0;
    for (const char c : hex) {
        const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (digit < 0) return std::nullopt;
        id = id << 4 | static_cast<std::uint64_t>(digit);
    }
    return id;
}

void append_key_id(std::string& out, std::uint64_t id) {
    char hex[16];
    for (int i = 15; i >= 0; --i, id >>= 4) hex[i] = "0123456789abcdef"[id & 0xf];
    out.append(hex, sizeof hex);
}

bool fresh(std::int64_t saved_at, std::int64_t now, std::int64_t max_age) {
    return saved_at <= now && now - saved_at <= max_age;
}

void append_number(std::string& out, std::int64_t v) {
    char digits[24];
    const auto r = std::to_chars(digits, digits + sizeof digits, v);
    out.append(digits, r.ptr);
}

// One "<key id> <salt> <unix time>" line; false when it is anything else.
bool parse_line(std::string_view line, std::uint64_t& id, std::int64_t& salt,
                std::int64_t& saved_at) {
    const auto space = line.find(' ');
    if (space == std::string_view::npos) return false;
    const auto parsed_id = parse_key_id(line.substr(0, space));
    const char* p = line.data() + space + 1;
    const char* end = line.data() + line.size();
    auto r = std::from_chars(p, end, salt);
    if (!parsed_id || r.ec != std::errc{} || r.ptr == end || *r.ptr != ' ') return false;
    r = std::from_chars(r.ptr + 1, end, saved_at);
    id = *parsed_id;
    return r.ec == std::errc{} && r.ptr == end && salt != 0;
}

// Calls f(id, salt, saved_at, line) for each well-formed line of `text`. A last line without
// its newline is the end of a file cut short: not trusted.
template <class F>
void for_each_entry(std::string_view text, F f) {
    while (!text.empty()) {
        const auto eol = text.find('\n');
        if (eol == std::string_view::npos) break;
        const auto line = text.substr(0, eol);
        std::uint64_t id = 0;
        std::int64_t salt = 0;
        std::int64_t saved_at = 0;
        if (parse_line(line, id, salt, saved_at)) f(id, salt, saved_at, line);
        text.remove_prefix(eol + 1);
    }
}

// The file's bytes; empty when it is missing or not a plain file of ours. O_NOFOLLOW: never
// through a link; O_NONBLOCK: a FIFO there cannot hang us.
std::string read_text(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return {};
    std::string text;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid() &&
        st.st_size <= kMaxFileBytes) {
        text.resize(static_cast<std::size_t>(st.st_size));
        const ssize_t n = ::read(fd, text.data(), text.size());
        text.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    }
    ::close(fd);
    return text;
}

}  // namespace

SaltCache::SaltCache(std::filesystem::path file) : file_(std::move(file)) {}

std::string SaltCache::read_file() const {
    try {
        require_private(file_.parent_path());  // a salt planted by another user is not worth a look
    } catch (const std::exception&) {
        return {};
    }
    return read_text(file_);
}

std::optional<std::int64_t> SaltCache::load(const std::string& key_id_hex, std::int64_t now,
                                            std::int64_t max_age_seconds) {
    const auto id = parse_key_id(key_id_hex);
    if (file_.empty() || !id) return std::nullopt;
    const std::lock_guard lock(mutex_);
    if (!loaded_) {
        loaded_ = true;
        const std::string text = read_file();
        entries_.reserve(text.size() / 40);
        for_each_entry(text, [this](std::uint64_t key, std::int64_t salt, std::int64_t saved_at,
                                    std::string_view) {
            entries_[key] = Entry{salt, saved_at};
        });
    }
    const auto it = entries_.find(*id);
    if (it == entries_.end() || !fresh(it->second.saved_at, now, max_age_seconds)) {
        return std::nullopt;
    }
    return it->second.salt;
}

void SaltCache::save(const std::string& key_id_hex, std::int64_t salt, std::int64_t now) {
    const auto id = parse_key_id(key_id_hex);
    if (file_.empty() || !id || salt == 0) return;
    const std::lock_guard lock(mutex_);
    entries_[*id] = Entry{salt, now, true};
    unsaved_ = true;
}

void SaltCache::flush(std::int64_t now) {
    const std::lock_guard lock(mutex_);
    if (!unsaved_) return;
    unsaved_ = false;
    try {
        ensure_private_dir(file_.parent_path(), file_.parent_path(), errc::salt_cache_write);
        // What the file holds now, line by line as it is, less the keys saved here and the
        // stale lines; then the salts saved here.
        const std::string now_on_disk = read_file();
        std::string text;
        text.reserve(now_on_disk.size() + entries_.size() * 48);
        for_each_entry(now_on_disk, [&](std::uint64_t id, std::int64_t, std::int64_t saved_at,
                                        std::string_view line) {
            const auto mine = entries_.find(id);
            if (!fresh(saved_at, now, kMaxAge) || (mine != entries_.end() && mine->second.unsaved))
                return;
            text.append(line).push_back('\n');
        });
        for (auto& [id, e] : entries_) {
            if (!e.unsaved) continue;
            e.unsaved = false;
            if (!fresh(e.saved_at, now, kMaxAge)) continue;
            append_key_id(text, id);
            text.push_back(' ');
            append_number(text, e.salt);
            text.push_back(' ');
            append_number(text, e.saved_at);
            text.push_back('\n');
        }
        tgs::write_file_atomically(file_, tgs::as_bytes(text), errc::salt_cache_write,
                                   tgs::Durability::Cache);
    } catch (const std::exception&) {
        // A cache: an unsafe or unwritable state dir only costs a round trip next time.
    }
}

SaltCache& default_salt_cache() {
    static SaltCache cache = [] {
        try {
            return SaltCache(xdg_state_home() / "tgsession" / "server-salts");
        } catch (const std::exception&) {
            return SaltCache({});  // no home directory: no cache (it only saves a round trip)
        }
    }();
    return cache;
}

}  // namespace tgsession
