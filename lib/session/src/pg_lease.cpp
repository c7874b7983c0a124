// Leases on sessions in the PostgreSQL store: a session-level advisory lock whose key any worker
// can compute (docs/postgres-store.md), held on the shared connection. The server drops it when
// the holder's connection ends, so a killed worker cannot leave a session locked.
#include <thread>

#include "internal.hpp"
#include "pg_store.hpp"
#include "tgs/crypto/hash.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session::detail {
namespace {

// pg_locks shows a bigint advisory key as classid = high 32 bits, objid = low 32 bits.
std::pair<std::string, std::string> key_halves(std::int64_t key) {
    const auto u = static_cast<std::uint64_t>(key);
    return {std::to_string(u >> 32), std::to_string(u & 0xffffffffu)};
}

}  // namespace

std::int64_t lease_key(const std::string& prefix, const std::string& session_id) {
    const std::string text = "tgsession-lease:" + prefix + ":" + session_id;
    const auto digest = crypto::sha256(as_bytes(text));
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | digest[static_cast<std::size_t>(i)];
    return static_cast<std::int64_t>(v);
}

[[noreturn]] void fail_locked(PgConn& conn, const StoreUrl& url, std::int64_t key) {
    fail(errc::locked, "session is in use by another process (" + lease_holder(conn, key) +
                           "); lease " + std::to_string(key) + " on " + url.display);
}

std::string lease_holder(PgConn& conn, std::int64_t key) {
    const auto [hi, lo] = key_halves(key);
    const auto r = conn.exec(
        "SELECT a.pid, coalesce(a.application_name, ''), coalesce(host(a.client_addr), '') "
        "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
        "AND l.classid::bigint = $1 AND l.objid::bigint = $2 "
        "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
        "LIMIT 1",
        {hi, lo});
    if (r.rows() == 0) return "a holder that just let go";
    std::string who = r.text(0, 1).empty() ? "an unnamed client" : r.text(0, 1);
    if (!r.text(0, 2).empty()) who += " at " + r.text(0, 2);
    return who + ", PostgreSQL backend " + r.text(0, 0);
}

void lock_for_write(PgConn& conn, const StoreUrl& url) {
    const std::int64_t key = lease_key(url.prefix, *url.session);
    const auto r = conn.exec("SELECT pg_try_advisory_xact_lock($1)", {std::to_string(key)});
    if (r.text(0, 0) != "t") fail_locked(conn, url, key);
}

StoreLease::~StoreLease() {
    if (!conn) return;
    const std::lock_guard lock(conn->mutex);
    try {
        conn->exec("SELECT pg_advisory_unlock($1)", {std::to_string(key)});
    } catch (const std::exception&) {
        // The connection is gone, and the server released the lock with it.
    }
}

std::unique_ptr<StoreLease> acquire_store_lease(const std::string& location,
                                                std::chrono::milliseconds wait) {
    const StoreUrl url = parse_store_url(location);
    if (!url.session)
        fail(errc::store_url_invalid, url.display + ": name a session (session=NAME)");
    auto lease = std::make_unique<StoreLease>();
    lease->key = lease_key(url.prefix, *url.session);
    const auto deadline = std::chrono::steady_clock::now() + wait;
    for (;;) {
        auto conn = store_connection(url);
        {
            const std::lock_guard lock(conn->mutex);
            const auto r =
                conn->exec("SELECT pg_try_advisory_lock($1)", {std::to_string(lease->key)});
            if (r.text(0, 0) == "t") {
                lease->conn = std::move(conn);
                return lease;
            }
            if (std::chrono::steady_clock::now() >= deadline) {
                fail_locked(*conn, url, lease->key);
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

}  // namespace tgs::session::detail
