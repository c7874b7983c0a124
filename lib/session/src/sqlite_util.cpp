#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <cerrno>

#include "internal.hpp"
#include "tgs/resource_error.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session::detail {
namespace {
// SQLite URIs need '%', '?' and '#' escaped in the path.
std::string file_uri(const std::filesystem::path& path) {
    std::string out = "file:";
    for (char c : std::filesystem::absolute(path).string()) {
        if (c == '%' || c == '?' || c == '#') {
            static const char* hex = "0123456789ABCDEF";
            out += '%';
            out += hex[(static_cast<unsigned char>(c) >> 4) & 0xF];
            out += hex[static_cast<unsigned char>(c) & 0xF];
        } else {
            out += c;
        }
    }
    return out;
}

bool exists_beside(const std::filesystem::path& path, const char* suffix) {
    struct stat st {};
    return ::stat((path.string() + suffix).c_str(), &st) == 0;
}

/// Session files come from anywhere (they are traded): SQLite treats them as hostile. Defensive
/// mode (no writable_schema, no direct page edits), no triggers or views (a trigger in a file
/// we update would run its SQL on our write), schema functions untrusted, and no string or blob
/// beyond kMaxValue bytes (an auth key is 256; nothing a session holds comes near).
SQLite::Database& harden(SQLite::Database& db) {
    constexpr int kMaxValue = 1 << 20;
    sqlite3* h = db.getHandle();
    sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
    sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
    sqlite3_limit(h, SQLITE_LIMIT_LENGTH, kMaxValue);
    sqlite3_limit(h, SQLITE_LIMIT_ATTACHED, 0);
    return db;
}
}  // namespace

bool no_writer_beside(const std::filesystem::path& path) {
    return !exists_beside(path, "-journal") && !exists_beside(path, "-wal");
}

SQLite::Database open_sqlite_read_only(const std::filesystem::path& path, SqliteRead how) {
    // A journal or WAL beside the file means a writer is (or was, before a crash) mid-way: only
    // SQLite's own locking and recovery give a consistent view then, so no immutable snapshot.
    const bool quiet = how == SqliteRead::Snapshot && no_writer_beside(path);
    const int busy_ms = how == SqliteRead::Locking ? 1000 : 0;
    errno = 0;
    try {
        SQLite::Database db(file_uri(path) + (quiet ? "?mode=ro&immutable=1" : "?mode=ro"),
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, busy_ms);
        harden(db);
        return db;
    } catch (const SQLite::Exception& e) {
        // SQLiteCpp closes the handle before throwing, so sqlite3_system_errno is gone; errno
        // still holds the open(2) failure.
        if (e.getErrorCode() == SQLITE_CANTOPEN) fail_errno(errno, path, "SQLite cannot open it");
        fail_sqlite(path, e);
    }
}

void fail_sqlite(const std::filesystem::path& path, const SQLite::Exception& e) {
    const std::string what = path.string() + ": " + e.what();
    switch (e.getErrorCode()) {
        case SQLITE_NOMEM:
            fail(resource::memory, what);
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            fail(errc::busy, what + " (another program is writing it; try again)");
        case SQLITE_CANTOPEN:
        case SQLITE_IOERR:
        case SQLITE_PERM:
        case SQLITE_AUTH:
            if (e.getExtendedErrorCode() == SQLITE_IOERR_NOMEM) fail(resource::memory, what);
            fail(errc::unreadable, what);
        default:
            fail(errc::corrupt, what);
    }
}

SQLite::Database open_sqlite_read_write(const std::filesystem::path& path) {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE, 1000);
    harden(db);
    return db;
}

void fail_if_damaged(SQLite::Database& db, const std::filesystem::path& path) {
    SQLite::Statement check(db, "pragma quick_check");
    if (!check.executeStep() || check.getColumn(0).getString() != "ok") {
        fail(errc::corrupt, path.string() + ": SQLite integrity check failed");
    }
}

Schema read_schema(SQLite::Database& db) {
    // One statement for every table's columns: each statement costs a prepare, and a fleet
    // check reads thousands of files.
    Schema schema;
    SQLite::Statement q(db,
                        "select m.name, p.name from sqlite_master m, pragma_table_info(m.name) p "
                        "where m.type = 'table'");
    while (q.executeStep()) schema[q.getColumn(0).getString()].insert(q.getColumn(1).getString());
    return schema;
}

namespace {
bool has_columns(const Schema& s, const std::string& table,
                 std::initializer_list<const char*> cols) {
    auto it = s.find(table);
    if (it == s.end()) return false;
    for (const char* c : cols) {
        if (!it->second.contains(c)) return false;
    }
    return true;
}

std::optional<std::int64_t> version_value(SQLite::Database& db, const char* column) {
    SQLite::Statement q(db, std::string("select max(") + column + ") from version");
    if (!q.executeStep() || q.getColumn(0).isNull()) return std::nullopt;
    if (q.getColumn(0).getType() != SQLITE_INTEGER) return std::nullopt;
    return q.getColumn(0).getInt64();
}

[[noreturn]] void unsupported(const char* what, std::optional<std::int64_t> v, const char* want) {
    fail(errc::unsupported, std::string(what) + " session schema version " +
                                (v ? std::to_string(*v) : std::string("(missing)")) +
                                " is not supported (expected " + want + ")");
}
}  // namespace

Format classify_sqlite(SQLite::Database& db) {
    const Schema s = read_schema(db);
    if (has_columns(s, "datacenter", {"id", "ipv4_addr", "ipv6_addr", "auth"}) &&
        has_columns(s, "version", {"version"}) &&
        has_columns(s, "user", {"id", "dc", "bot", "username"}) &&
        has_columns(s, "state", {"pts", "qts", "date", "seq"}) &&
        has_columns(s, "channelstate", {"id", "pts"})) {
        auto v = version_value(db, "version");
        if (v != 10) unsupported("Telethon v2", v, "10");
        return Format::Telethon2;
    }
    if (has_columns(s, "sessions", {"dc_id", "server_address", "port", "auth_key"}) &&
        has_columns(s, "version", {"version"}) && !s.at("sessions").contains("test_mode")) {
        auto v = version_value(db, "version");
        if (v != 7) unsupported("Telethon v1", v, "7");
        if (!has_columns(s, "sessions", {"takeout_id"}) ||
            !has_columns(s, "entities", {"id", "hash", "username", "phone", "name", "date"}) ||
            !has_columns(s, "update_state", {"id", "pts", "qts", "date", "seq"})) {
            fail(errc::foreign, "tables look like Telethon v1 but columns of schema 7 are missing");
        }
        return Format::Telethon;
    }
    if (has_columns(s, "version", {"number"}) &&
        has_columns(s, "sessions", {"dc_id", "test_mode", "auth_key", "user_id", "is_bot"})) {
        auto v = version_value(db, "number");
        if (has_columns(s, "sessions", {"server_address", "port"}) && s.contains("usernames")) {
            if (v != 7) unsupported("Kurigram", v, "7");
            return Format::Kurigram;
        }
        if (v != 3) unsupported("Pyrogram", v, "3");
        if (!has_columns(s, "sessions", {"api_id", "date"}) || !s.contains("peers")) {
            fail(errc::foreign, "tables look like Pyrogram but columns of schema 3 are missing");
        }
        return Format::Pyrogram;
    }
    fail(errc::foreign, "SQLite database without the tables of any known session format");
}

std::optional<Endpoint> parse_endpoint(const std::string& s) {
    auto colon = s.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 >= s.size()) return std::nullopt;
    int port = 0;
    for (char c : s.substr(colon + 1)) {
        if (c < '0' || c > '9' || port > 65535) return std::nullopt;
        port = port * 10 + (c - '0');
    }
    std::string host = s.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    return Endpoint{host, port};
}

std::string format_endpoint(const Endpoint& e) {
    return e.host + ":" + std::to_string(e.port);
}

}  // namespace tgs::session::detail
