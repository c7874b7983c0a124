#include "salt_cache_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>

namespace tgsession::salt_file {
namespace {

// A shard of 10,000 keys' cache is about 8 KB; anything much bigger was not written by us.
constexpr off_t kMaxFileBytes = 16 * 1024 * 1024;

void append_number(std::string& out, std::int64_t v) {
    char digits[24];
    const auto r = std::to_chars(digits, digits + sizeof digits, v);
    out.append(digits, r.ptr);
}

bool owned_and_not_shared(const struct stat& st) {
    return st.st_uid == ::geteuid() && (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

}  // namespace

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

void append_line(std::string& out, std::uint64_t key_id, std::int64_t salt, std::int64_t saved_at) {
    char hex[16];
    for (int i = 15; i >= 0; --i, key_id >>= 4) hex[i] = "0123456789abcdef"[key_id & 0xf];
    out.append(hex, sizeof hex);
    out.push_back(' ');
    append_number(out, salt);
    out.push_back(' ');
    append_number(out, saved_at);
    out.push_back('\n');
}

bool parse_line(std::string_view line, std::uint64_t& key_id, std::int64_t& salt,
                std::int64_t& saved_at) {
    const auto space = line.find(' ');
    if (space == std::string_view::npos) return false;
    const auto parsed_id = parse_key_id(line.substr(0, space));
    const char* p = line.data() + space + 1;
    const char* end = line.data() + line.size();
    auto r = std::from_chars(p, end, salt);
    if (!parsed_id || r.ec != std::errc{} || r.ptr == end || *r.ptr != ' ') return false;
    r = std::from_chars(r.ptr + 1, end, saved_at);
    key_id = *parsed_id;
    return r.ec == std::errc{} && r.ptr == end && salt != 0;
}

bool is_private_dir(const std::filesystem::path& dir) {
    struct stat st {};
    return ::lstat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && owned_and_not_shared(st);
}

std::string read_if_ours(const std::filesystem::path& file) {
    // O_NOFOLLOW: never through a link; O_NONBLOCK: a FIFO there cannot hang us.
    const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return {};
    std::string text;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && owned_and_not_shared(st) &&
        st.st_size <= kMaxFileBytes) {
        text.resize(static_cast<std::size_t>(st.st_size));
        const ssize_t n = ::read(fd, text.data(), text.size());
        text.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    }
    ::close(fd);
    return text;
}

}  // namespace tgsession::salt_file
