// Which on-disk or string layout a session is in, and how to tell from the bytes alone.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace tgs::session {

enum class Format {
    Telethon,        // Telethon v1 SQLite, schema 7 (the default; what `.session` usually means)
    Telethon2,       // Telethon v2 SQLite, schema 10
    Pyrogram,        // Pyrogram SQLite, schema 3
    Kurigram,        // Kurigram (Pyrogram fork) SQLite, schema 7; read only
    TelethonString,  // Telethon StringSession ("1" + url-safe base64, padded)
    GramjsString,    // GramJS StringSession ("1" + standard base64, text IP)
    PyrogramString,  // Pyrogram export_session_string (url-safe base64, unpadded)
    Sealed,          // tgsession's encrypted-at-rest file
    // Telethon's tables in a PostgreSQL database, as the Python package
    // telethon-session-sqlalchemy keeps them (a postgresql:// location; location.hpp).
    TelethonSqlalchemy,
    // A Telegram Desktop `tdata` folder (tdata.hpp): read and written by the tdata API only.
    Tdata,
};

/// Stable lower-case name ("telethon", "telethon2", "pyrogram", "kurigram", "telethon-string",
/// "gramjs-string", "pyrogram-string", "sealed", "telethon-sqlalchemy", "tdata").
std::string_view format_name(Format f);
/// Inverse of format_name; also accepts "telethon1"/"telethon-v1". nullopt when unknown.
std::optional<Format> parse_format(std::string_view name);
bool is_string_format(Format f);
bool is_sqlite_format(Format f);
/// Formats we can write (all but kurigram).
bool is_writable_format(Format f);

/// Looks at a file: by its magic/header, then by its SQLite table and column sets (never by the
/// version number alone). A file holding a session string (text) is detected as that string.
/// Throws SESSION_NOT_FOUND, SESSION_EMPTY, SESSION_CORRUPT, SESSION_FOREIGN,
/// SESSION_UNSUPPORTED_VERSION. Never writes, never creates journal files. A store location is
/// telethon_sqlalchemy (checked when it is read).
Format detect_file_format(const std::filesystem::path& path);

/// Classifies a session string (surrounding whitespace ignored). Throws SESSION_STRING_INVALID.
Format detect_string_format(std::string_view s);

/// The docs/architecture.md §3 path rule (Telethon v1's): a name without an extension gets
/// ".session"
/// ("dir/" is left alone). A store URL is returned without its password (kept in memory for
/// connecting), so the result can be printed.
std::filesystem::path session_path(const std::filesystem::path& name);

}  // namespace tgs::session
