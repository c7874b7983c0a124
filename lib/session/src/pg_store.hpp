// Private to lib/session: the PostgreSQL session store (the schema of the Python package
// telethon-session-sqlalchemy, one row set per session_id) behind the same entry points as the
// file formats. Split by job: pg_location (URLs), pg_conn (libpq connections), pg_schema
// (create/check the tables), pg_rows (SessionData <-> rows), pg_lease (advisory locks).
#pragma once

#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pg_api.hpp"
#include "pg_libpq.hpp"
#include "tgs/session/session_data.hpp"

namespace tgs::session::detail {

/// postgresql://[user[:pass]@]host[:port]/db?session=NAME[&table_prefix=P][&libpq params]
struct StoreUrl {
    std::string conninfo;  // a libpq URI: no password, no session/table_prefix parameters
    std::optional<std::string> session;
    std::string prefix;
    std::string display;  // the location as given, password removed (safe to print)
};

/// Throws SESSION_STORE_URL_INVALID (exit 64) for a malformed URL or table prefix.
StoreUrl parse_store_url(std::string_view location);
/// The password a URL of this process carried for `conninfo`, if any.
std::optional<std::string> remembered_password(const std::string& conninfo);
/// The same store, naming one session.
std::string store_url_with_session(const StoreUrl& store, const std::string& session);

/// Result of one libpq call, cleared on destruction.
class PgResult {
  public:
    explicit PgResult(PGresult* r) : r_(r) {}
    PgResult(const PgResult&) = delete;
    PgResult& operator=(const PgResult&) = delete;
    PgResult(PgResult&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
    PgResult& operator=(PgResult&&) = delete;
    ~PgResult() {
        if (r_) libpq().clear(r_);
    }
    int rows() const { return libpq().ntuples(r_); }
    bool null(int row, int col) const { return libpq().getisnull(r_, row, col) != 0; }
    std::string text(int row, int col) const { return libpq().getvalue(r_, row, col); }
    std::int64_t i64(int row, int col) const;
    PGresult* get() const { return r_; }

  private:
    PGresult* r_;
};

/// One open connection to one database, shared by every store call of this process for that
/// database (a lease lives on it, so reads and writes of a leased session go through the holder).
/// Calls lock `mutex`; they are short.
class PgConn {
  public:
    explicit PgConn(const StoreUrl& url);
    PgConn(const PgConn&) = delete;
    PgConn& operator=(const PgConn&) = delete;
    ~PgConn();

    /// Runs `sql` with text parameters (nullopt = NULL). Throws SESSION_STORE_UNAVAILABLE when
    /// the connection is gone, SESSION_STORE_ERROR otherwise (the server's message).
    PgResult exec(const std::string& sql,
                  const std::vector<std::optional<std::string>>& params = {});
    /// The same, as a statement prepared once per connection under `name` (for the reads a
    /// fleet check repeats thousands of times).
    PgResult exec_prepared(const std::string& name, const std::string& sql,
                           const std::vector<std::optional<std::string>>& params);
    /// A bytea parameter in text form ("\x" + hex).
    static std::string bytea(ByteView b);
    bool healthy() const;
    /// Ends a failed transaction; never throws (the error that got us here is the one to tell).
    void rollback() noexcept;

    std::mutex mutex;
    std::set<std::string> checked_prefixes;  // schema already verified on this connection
    std::set<std::string> prepared;          // statement names prepared on this connection
    std::string display;                     // server part of the location, for messages

  private:
    PgResult checked(PgResult r);
    PGconn* c_ = nullptr;
};

/// The shared connection for `url` (opened on first use).
std::shared_ptr<PgConn> store_connection(const StoreUrl& url);

/// Verifies the five tables under `prefix` (SESSION_STORE_SCHEMA_MISMATCH, exit 65, when they
/// differ; never altered). Missing tables are created when `create` is true, else
/// SESSION_NOT_FOUND. Caller holds conn.mutex.
void ensure_schema(PgConn& conn, const std::string& prefix, bool create);

/// A PostgreSQL array literal of `items` (each quoted: a session id may hold anything); for
/// text[] and bigint[] parameters.
std::string pg_array(const std::vector<std::string>& items);

// Rows of sessions. Caller holds conn.mutex and has run ensure_schema.
SessionData read_store_session(PgConn& conn, const StoreUrl& url);
/// One read of a session in a batch: its data or what reading it threw.
struct StoreRow {
    std::optional<SessionData> data;
    std::exception_ptr error;
};
/// Sessions of one table prefix (every url names a session), in one query: an answer per url,
/// in order (SESSION_NOT_FOUND for one without rows).
std::vector<StoreRow> read_store_sessions(PgConn& conn, const std::vector<StoreUrl>& urls);
/// One transaction; `discard_other_rows` also drops the entity and sent-file cache.
void write_store_session(PgConn& conn, const StoreUrl& url, const SessionData& d,
                         bool discard_other_rows);
void delete_store_session(PgConn& conn, const StoreUrl& url);
bool store_session_exists(PgConn& conn, const StoreUrl& url);
std::vector<std::string> list_store_sessions(PgConn& conn, const std::string& prefix);

/// The advisory-lock key of a session: the first 8 bytes of
/// SHA-256("tgsession-lease:" + prefix + ":" + session_id), big-endian, signed.
std::int64_t lease_key(const std::string& prefix, const std::string& session_id);
/// "in use by …" for whoever holds `key` now (docs/postgres-store.md names the fields).
std::string lease_holder(PgConn& conn, std::int64_t key);
/// Throws SESSION_LOCKED naming whoever holds `key` now.
[[noreturn]] void fail_locked(PgConn& conn, const StoreUrl& url, std::int64_t key);
/// Inside an open transaction: takes the transaction-scoped form of the lease (granted at once
/// when this connection holds the lease itself), else SESSION_LOCKED.
void lock_for_write(PgConn& conn, const StoreUrl& url);

/// A held lease (session-level advisory lock on the shared connection).
struct StoreLease {
    std::shared_ptr<PgConn> conn;
    std::int64_t key = 0;
    ~StoreLease();
};

}  // namespace tgs::session::detail
