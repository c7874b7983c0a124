// Batch reads from the PostgreSQL store for BatchReader: a few hundred sessions per query on a
// connection of the reader's own, with the leases tried for the whole batch in one more query.
// Leases are tried before the rows are read (a statement of its own, so its snapshot is taken
// after the lease is ours): a writer that held the lease has committed by then, and the rows
// read are the ones it left.
#include "internal.hpp"
#include "pg_api.hpp"
#include "pg_store.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session::detail {
namespace {

std::vector<std::string> keys_text(const std::vector<std::int64_t>& keys) {
    std::vector<std::string> out;
    out.reserve(keys.size());
    for (const auto k : keys) out.push_back(std::to_string(k));
    return out;
}

// Caller holds conn.mutex.
void release_leases_locked(PgConn& conn, const std::vector<std::int64_t>& keys) noexcept {
    if (keys.empty()) return;
    try {
        conn.exec_prepared("tgs_release_leases",
                           "SELECT pg_advisory_unlock(k) FROM unnest($1::bigint[]) AS t(k)",
                           {pg_array(keys_text(keys))});
    } catch (const std::exception&) {
        // The connection is gone, and the server released the leases with it.
    }
}

// Takes the leases it can; true for each one granted. SESSION_LOCKED (naming the holder) for
// the others goes into their items.
std::vector<bool> try_leases(PgConn& conn, const std::vector<StoreUrl>& urls,
                             std::vector<StoreBatchItem>& items) {
    std::vector<std::int64_t> keys;
    keys.reserve(urls.size());
    for (const auto& u : urls) keys.push_back(lease_key(u.prefix, *u.session));
    const auto r = conn.exec_prepared(
        "tgs_try_leases",
        "SELECT pg_try_advisory_lock(k) FROM unnest($1::bigint[]) WITH ORDINALITY AS t(k, n) "
        "ORDER BY n",
        {pg_array(keys_text(keys))});
    std::vector<bool> granted(urls.size(), false);
    for (std::size_t i = 0; i < urls.size() && static_cast<int>(i) < r.rows(); ++i) {
        granted[i] = r.text(static_cast<int>(i), 0) == "t";
        if (granted[i]) {
            items[i].lease = keys[i];
            continue;
        }
        try {
            fail_locked(conn, urls[i], keys[i]);
        } catch (...) {
            items[i].error = std::current_exception();
        }
    }
    return granted;
}

}  // namespace

StoreBatchGroup store_batch_group(const std::string& location) {
    StoreUrl url = parse_store_url(location);
    return {std::move(url.conninfo), std::move(url.prefix)};
}

std::shared_ptr<PgConn> open_batch_connection(const std::string& location) {
    return std::make_shared<PgConn>(parse_store_url(location));
}

std::vector<StoreBatchItem> store_read_batch(PgConn& conn,
                                             const std::vector<std::string>& locations,
                                             bool lease) {
    std::vector<StoreBatchItem> items(locations.size());
    if (locations.empty()) return items;
    std::vector<StoreUrl> urls;
    urls.reserve(locations.size());
    for (const auto& l : locations) {
        urls.push_back(parse_store_url(l));
        if (!urls.back().session) {
            fail(errc::store_url_invalid, urls.back().display + ": name a session (session=NAME)");
        }
    }
    const std::lock_guard lock(conn.mutex);
    ensure_schema(conn, urls[0].prefix, false);
    std::vector<bool> granted(urls.size(), true);
    if (lease) granted = try_leases(conn, urls, items);
    std::vector<StoreUrl> to_read;
    std::vector<std::size_t> slot;
    for (std::size_t i = 0; i < urls.size(); ++i) {
        if (!granted[i]) continue;
        to_read.push_back(urls[i]);
        slot.push_back(i);
    }
    if (to_read.empty()) return items;
    std::vector<StoreRow> rows;
    try {
        rows = read_store_sessions(conn, to_read);
    } catch (...) {
        // No session of this batch will be used: its leases go back now, not at the end.
        std::vector<std::int64_t> taken;
        for (const auto& item : items) {
            if (item.lease) taken.push_back(*item.lease);
        }
        release_leases_locked(conn, taken);
        throw;
    }
    for (std::size_t j = 0; j < rows.size(); ++j) {
        auto& item = items[slot[j]];
        if (rows[j].error) {
            item.error = rows[j].error;
        } else {
            item.session = LoadedSession{std::move(*rows[j].data), Format::TelethonSqlalchemy, 0};
        }
    }
    return items;
}

void store_release_leases(PgConn& conn, const std::vector<std::int64_t>& keys) noexcept {
    const std::lock_guard lock(conn.mutex);
    release_leases_locked(conn, keys);
}

}  // namespace tgs::session::detail
