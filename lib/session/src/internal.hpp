// Private helpers shared by the stores: errors, base64, SQLite access, file I/O.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tgs/bytes.hpp"
#include "tgs/session/format.hpp"
#include "tgs/session/session_data.hpp"

namespace tgs::session {
struct FileIdentity;  // store.hpp
}  // namespace tgs::session

namespace tgs::session::detail {

[[noreturn]] void fail(std::string_view code, const std::string& message);

/// Bytes that carry key material (a decoded session string holds the auth key): zeroed, up to
/// their capacity, when freed.
class WipedBytes : public Bytes {
  public:
    using Bytes::Bytes;
    WipedBytes(const WipedBytes&) = default;
    WipedBytes(WipedBytes&&) noexcept = default;
    WipedBytes& operator=(const WipedBytes&) = delete;
    WipedBytes& operator=(WipedBytes&&) = delete;
    ~WipedBytes();
};

// libsodium base64 variants, named.
enum class B64 { Standard, StandardUnpadded, Urlsafe, UrlsafeUnpadded };
std::string b64_encode(ByteView data, B64 variant);
std::optional<WipedBytes> b64_decode(std::string_view text, B64 variant);

/// Throws the error an errno from open/read means: SESSION_NOT_FOUND, RESOURCE_* (out of
/// descriptors or memory), else SESSION_UNREADABLE. Never SESSION_CORRUPT: nothing was read.
[[noreturn]] void fail_errno(int err, const std::filesystem::path& path, const std::string& doing);

/// A file's size, mode and first `head_limit` bytes, through one descriptor (closed again).
struct FileProbe {
    std::uintmax_t size = 0;
    unsigned mode = 0;
    Bytes head;
};
/// Throws as fail_errno, plus SESSION_FOREIGN (not a regular file) and SESSION_EMPTY.
/// `identity` (if given) is set once the file is open and stat'ed, before any of those checks.
FileProbe probe_file(const std::filesystem::path& path, std::size_t head_limit = 4096,
                     FileIdentity* identity = nullptr);

/// The format a file's first bytes show: sealed or a session string; nullopt for SQLite (after
/// checking the size its header promises: the tables decide which SQLite format). Throws
/// SESSION_CORRUPT for anything else.
std::optional<Format> format_from_head(const std::filesystem::path& path, const FileProbe& probe);

/// Table name → column names, from sqlite_master + pragma table_info.
using Schema = std::map<std::string, std::set<std::string>>;
Schema read_schema(SQLite::Database& db);

/// How a read-only open treats other programs' locks.
enum class SqliteRead {
    /// Shared locks, waiting up to 1 s for a writer (before replacing a file: a consistent view).
    Locking,
    /// A snapshot that never takes or waits for a lock: immutable=1 when no rollback journal or
    /// WAL lies beside the file (no writer is mid-transaction); otherwise a shared lock that
    /// fails at once with SESSION_BUSY while a writer holds the file.
    Snapshot,
};

/// No rollback journal or WAL lies beside the file: no writer is mid-transaction (or crashed
/// in one), so the file's bytes alone are the database.
bool no_writer_beside(const std::filesystem::path& path);
/// Opens an existing SQLite file read-only (creates no journal). Throws via fail_sqlite.
SQLite::Database open_sqlite_read_only(const std::filesystem::path& path,
                                       SqliteRead how = SqliteRead::Locking);
/// Throws what a SQLite error means: SESSION_CORRUPT only for bytes that are not a database
/// (SQLITE_CORRUPT, SQLITE_NOTADB, bad schema); RESOURCE_* for memory/descriptors,
/// SESSION_BUSY for locks, SESSION_UNREADABLE for I/O and open failures.
[[noreturn]] void fail_sqlite(const std::filesystem::path& path, const SQLite::Exception& e);
/// Opens (creating if empty) a file for writing; used only on our private temp copies.
SQLite::Database open_sqlite_read_write(const std::filesystem::path& path);

/// SESSION_CORRUPT unless `pragma quick_check` says ok (reads every page).
void fail_if_damaged(SQLite::Database& db, const std::filesystem::path& path);

/// Identifies an open SQLite session database (tables/columns first, then the version value).
Format classify_sqlite(SQLite::Database& db);

// The per-format row mappers. Writers assume an open transaction; `fresh` = create the schema.
SessionData read_telethon_v1(SQLite::Database& db);
/// Telethon's table definitions ('create table ' + each is the DDL it runs).
std::span<const char* const> telethon_v1_tables();
/// update_state rows (in id order) → UpdateState, as both readers of Telethon files fold them.
class TelethonStateRows {
  public:
    void add(std::int64_t id, std::int32_t pts, std::int32_t qts, std::int64_t date,
             std::int32_t seq);
    std::optional<UpdateState> result() const;

  private:
    UpdateState state_;
    bool known_ = false;
};
/// The account of a Telethon file from its first two user entities (id > 0, in id order).
std::optional<SelfUser> telethon_self_user(const std::vector<SelfUser>& first_two);
void write_telethon_v1(SQLite::Database& db, const SessionData& d, bool fresh);
SessionData read_telethon_v2(SQLite::Database& db);
void write_telethon_v2(SQLite::Database& db, const SessionData& d, bool fresh);
SessionData read_pyrogram(SQLite::Database& db, bool kurigram);
void write_pyrogram(SQLite::Database& db, const SessionData& d, bool fresh);

// Telethon's entity row for the self user (shared by its SQLite file and the PostgreSQL store).
/// utils.get_display_name of a user: "First Last", or whichever is set.
std::string telethon_display_name(const SelfUser& u);
std::string ascii_lower(std::string s);
/// Telethon binds the phone as text into an integer column: digits become an integer.
std::optional<std::int64_t> phone_as_integer(const std::string& phone);

/// Whole-file read (throws SESSION_NOT_FOUND / SESSION_CORRUPT on errors).
Bytes read_file(const std::filesystem::path& path);

/// "ip:port" → Endpoint (the last ':' splits; IPv6 hosts unbracketed as Telethon v2 writes).
std::optional<Endpoint> parse_endpoint(const std::string& s);
std::string format_endpoint(const Endpoint& e);

}  // namespace tgs::session::detail
