#include "tgs/session/format.hpp"

#include <sys/stat.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "internal.hpp"
#include "pg_api.hpp"
#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"
#include "tgs/session/sealed.hpp"

namespace tgs::session {
using detail::fail;

namespace {
constexpr std::array<std::pair<Format, std::string_view>, 10> kNames{{
    {Format::Telethon, "telethon"},
    {Format::Telethon2, "telethon2"},
    {Format::Pyrogram, "pyrogram"},
    {Format::Kurigram, "kurigram"},
    {Format::TelethonString, "telethon-string"},
    {Format::GramjsString, "gramjs-string"},
    {Format::PyrogramString, "pyrogram-string"},
    {Format::Sealed, "sealed"},
    {Format::TelethonSqlalchemy, "telethon-sqlalchemy"},
    {Format::Tdata, "tdata"},
}};

constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};

// Rejects SQLite files shorter than their header says: SQLite would read the missing pages as
// absent and might not notice.
void check_sqlite_size(const std::filesystem::path& path, const Bytes& head, std::uintmax_t size) {
    if (head.size() < 100) fail(errc::corrupt, path.string() + ": truncated SQLite header");
    std::uint32_t page = (head[16] << 8) | head[17];
    if (page == 1) page = 65536;
    if (page < 512 || (page & (page - 1)) != 0)
        fail(errc::corrupt, path.string() + ": bad SQLite page size");
    if (size % page != 0)
        fail(errc::corrupt, path.string() + ": truncated (not a whole number of pages)");
    auto be32 = [&](std::size_t o) {
        return (std::uint32_t{head[o]} << 24) | (head[o + 1] << 16) | (head[o + 2] << 8) |
               head[o + 3];
    };
    const std::uint32_t pages = be32(28);
    if (pages != 0 && be32(24) == be32(92) && size < std::uintmax_t{pages} * page) {
        fail(errc::corrupt, path.string() + ": truncated (" + std::to_string(size / page) + " of " +
                                std::to_string(pages) + " pages)");
    }
}
}  // namespace

std::string_view format_name(Format f) {
    for (const auto& [fmt, name] : kNames) {
        if (fmt == f) return name;
    }
    return "unknown";
}

std::optional<Format> parse_format(std::string_view name) {
    if (name == "telethon1" || name == "telethon-v1" || name == "telethon-v7")
        return Format::Telethon;
    if (name == "telethon-v2") return Format::Telethon2;
    for (const auto& [fmt, n] : kNames) {
        if (n == name) return fmt;
    }
    return std::nullopt;
}

bool is_string_format(Format f) {
    return f == Format::TelethonString || f == Format::GramjsString || f == Format::PyrogramString;
}
bool is_sqlite_format(Format f) {
    return f == Format::Telethon || f == Format::Telethon2 || f == Format::Pyrogram ||
           f == Format::Kurigram;
}
bool is_writable_format(Format f) {
    // tdata folders are written by tdata::write_folder, not by save().
    return f != Format::Kurigram && f != Format::Tdata;
}

std::filesystem::path session_path(const std::filesystem::path& name) {
    if (detail::is_store_url(name.native())) return detail::strip_store_password(name.native());
    // filename() of "dir/" is empty: leave such paths alone and let the caller's open fail.
    if (name.filename().empty() || name.has_extension()) return name;
    auto p = name;
    p += ".session";
    return p;
}

namespace detail {
std::optional<Format> format_from_head(const std::filesystem::path& path, const FileProbe& probe) {
    const std::string_view text(reinterpret_cast<const char*>(probe.head.data()),
                                probe.head.size());
    if (text.starts_with(kSealMagic)) return Format::Sealed;
    if (text.starts_with(kSqliteMagic)) {
        check_sqlite_size(path, probe.head, probe.size);
        return std::nullopt;
    }
    if (probe.size < 4096) {
        try {
            return detect_string_format(text);
        } catch (const Error&) {
            // fall through: neither SQLite nor a string
        }
    }
    fail(errc::corrupt,
         path.string() + ": not a SQLite database, sealed session or session string");
}
}  // namespace detail

Format detect_file_format(const std::filesystem::path& path) {
    if (detail::is_store_url(path.native())) return Format::TelethonSqlalchemy;
    const auto probe = detail::probe_file(path);
    if (auto f = detail::format_from_head(path, probe)) return *f;
    try {
        auto db = detail::open_sqlite_read_only(path);
        detail::fail_if_damaged(db, path);
        return detail::classify_sqlite(db);
    } catch (const SQLite::Exception& e) {
        detail::fail_sqlite(path, e);
    }
}

}  // namespace tgs::session
