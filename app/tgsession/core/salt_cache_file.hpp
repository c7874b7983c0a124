// One file of the server-salt cache: its text format, a line per auth key id,
// "<key id, 16 hex digits> <salt> <unix time>\n", and the checks that decide whether a file or
// directory there is ours to trust.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace tgsession::salt_file {

/// An auth key id as auth_key_id_hex() writes it: its 8 bytes as 16 lowercase hex digits.
std::optional<std::uint64_t> parse_key_id(std::string_view hex);

/// Appends the line for one entry.
void append_line(std::string& out, std::uint64_t key_id, std::int64_t salt, std::int64_t saved_at);

/// One line without its newline; false when it is anything but a well-formed entry.
bool parse_line(std::string_view line, std::uint64_t& key_id, std::int64_t& salt,
                std::int64_t& saved_at);

/// Calls f(key_id, salt, saved_at, line) for each well-formed line of `text`. A last line
/// without its newline is the end of a file cut short: not trusted.
template <class F>
void for_each_entry(std::string_view text, F f) {
    while (!text.empty()) {
        const auto eol = text.find('\n');
        if (eol == std::string_view::npos) break;
        const auto line = text.substr(0, eol);
        std::uint64_t key_id = 0;
        std::int64_t salt = 0;
        std::int64_t saved_at = 0;
        if (parse_line(line, key_id, salt, saved_at)) f(key_id, salt, saved_at, line);
        text.remove_prefix(eol + 1);
    }
}

/// True when `dir` is a directory itself (not a link to one), owned by this user and not
/// writable by group or others: only then is a salt found in it worth a look.
bool is_private_dir(const std::filesystem::path& dir);

/// The bytes of `file`; empty when it is missing, unreadable or not ours: a link, not a regular
/// file, owned by another user, writable by group or others, or far bigger than we write.
std::string read_if_ours(const std::filesystem::path& file);

}  // namespace tgsession::salt_file
