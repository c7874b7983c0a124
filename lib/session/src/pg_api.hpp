// Private to lib/session: what the location-generic functions call for a postgresql:// location.
// Only pg_*.cpp include libpq; everything else sees these.
#pragma once

#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tgs/session/store.hpp"

namespace tgs::session::detail {

bool is_store_url(std::string_view location);
/// The location without a password written in the URL; the password is kept in this process's
/// memory for connecting, so the returned location can be printed, logged and kept.
std::string strip_store_password(std::string_view location);

LoadedSession store_read(const std::string& location);
std::vector<std::string> store_save(const std::string& location, const SessionData& d, Format f,
                                    bool discard_other_rows);
bool store_exists(const std::string& location);
void store_remove(const std::string& location);
bool is_store_collection(const std::string& location);
std::optional<std::vector<std::string>> store_sessions(const std::string& location);
std::string store_session_in(const std::string& collection, const std::string& name);
std::string store_session_name(const std::string& location);

// Batch reads for BatchReader (batch_read.cpp), on a connection of their own.
class PgConn;
/// Which locations one batch may hold: the same database (libpq conninfo) and table prefix.
struct StoreBatchGroup {
    std::string conninfo;
    std::string prefix;
    bool operator==(const StoreBatchGroup&) const = default;
};
StoreBatchGroup store_batch_group(const std::string& location);
/// For each group, the first group that is the same store (itself when none is): one that
/// names the same database and prefix in another spelling is asked which server, database and
/// table it reaches (pg_identity.cpp). Never throws: a store that cannot be asked is itself.
std::vector<std::uint32_t> same_store_groups(const std::vector<StoreBatchGroup>& groups);
/// A new connection to the database of `location`, not the shared one: the leases a batch
/// takes live on it, and its queries never wait behind the shared connection's lock.
std::shared_ptr<PgConn> open_batch_connection(const std::string& location);
struct StoreBatchItem {
    std::optional<LoadedSession> session;
    std::exception_ptr error;
    std::optional<std::int64_t> lease;  // held on the batch connection until released
};
/// Sessions of one group, an answer per location, in order. With `lease`, each session's lease
/// is tried first (SESSION_LOCKED when another holds it), then every row read: one query
/// each, whatever the number of locations. Locks conn's mutex.
std::vector<StoreBatchItem> store_read_batch(PgConn& conn,
                                             const std::vector<std::string>& locations, bool lease);
/// Gives back leases store_read_batch took on `conn`, in one query. Never throws: a broken
/// connection has lost them already.
void store_release_leases(PgConn& conn, const std::vector<std::int64_t>& keys) noexcept;

/// The sessions of a store named without session=, in name order, as of one snapshot held
/// while the listing lives (on a connection of its own): their number at once, their locations
/// a page at a time, so a reader of the whole store holds a page, never the whole list.
class StoreListing {
  public:
    /// Throws what sessions_in would (SESSION_STORE_*; SESSION_NOT_FOUND naming the database
    /// and prefix when the store has no tables: a typo, not an empty store).
    /// `skip`: sessions named alone before the store (BatchReader reads each once); those the
    /// store holds are left out of size() and the pages.
    explicit StoreListing(const std::string& collection, const std::vector<std::string>& skip = {});
    StoreListing(const StoreListing&) = delete;
    StoreListing& operator=(const StoreListing&) = delete;
    ~StoreListing();
    std::size_t size() const { return size_; }
    /// The locations of the next sessions, `n` at most (none once all were listed).
    std::vector<std::string> next_page(std::size_t n);
    /// The location of session `i` (< size()), found on its own: for a page gone by.
    std::string at(std::size_t i);
    /// Which of `names` the store holds, in the listing's snapshot (one query).
    std::vector<std::string> present(const std::vector<std::string>& names);

  private:
    struct State;
    std::unique_ptr<State> s_;
    std::size_t size_ = 0;
};

struct StoreLease;
/// Holds the session's lease, waiting up to `wait`; SESSION_LOCKED names the holder.
std::unique_ptr<StoreLease> acquire_store_lease(const std::string& location,
                                                std::chrono::milliseconds wait);

}  // namespace tgs::session::detail
