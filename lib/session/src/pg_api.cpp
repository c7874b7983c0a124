// The PostgreSQL store behind the location-generic entry points (store.hpp, location.hpp,
// SessionLock): parse, take the shared connection, check the schema, then one row operation.
#include "pg_api.hpp"

#include "internal.hpp"
#include "pg_store.hpp"
#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session::detail {
namespace {

StoreUrl session_url(const std::string& location) {
    StoreUrl url = parse_store_url(location);
    if (!url.session) {
        fail(errc::store_url_invalid,
             url.display + " names a store, not a session: add session=NAME");
    }
    return url;
}

}  // namespace

LoadedSession store_read(const std::string& location) {
    const StoreUrl url = session_url(location);
    auto conn = store_connection(url);
    const std::lock_guard lock(conn->mutex);
    ensure_schema(*conn, url.prefix, false);
    return {read_store_session(*conn, url), Format::TelethonSqlalchemy};
}

std::vector<std::string> store_save(const std::string& location, const SessionData& d, Format f,
                                    bool discard_other_rows) {
    if (f != Format::Telethon && f != Format::TelethonSqlalchemy) {
        fail(errc::format_read_only,
             "a PostgreSQL store holds Telethon sessions (telethon-session-sqlalchemy's tables); "
             "it cannot hold the " +
                 std::string(format_name(f)) + " format");
    }
    const StoreUrl url = session_url(location);
    auto conn = store_connection(url);
    const std::lock_guard lock(conn->mutex);
    ensure_schema(*conn, url.prefix, true);
    write_store_session(*conn, url, d, discard_other_rows);
    return dropped_fields(d, Format::TelethonSqlalchemy);
}

bool store_exists(const std::string& location) {
    const StoreUrl url = session_url(location);
    auto conn = store_connection(url);
    const std::lock_guard lock(conn->mutex);
    try {
        ensure_schema(*conn, url.prefix, false);
    } catch (const Error& e) {
        if (e.code() == errc::not_found) return false;  // no tables yet: nothing is there
        throw;
    }
    return store_session_exists(*conn, url);
}

void store_remove(const std::string& location) {
    const StoreUrl url = session_url(location);
    auto conn = store_connection(url);
    const std::lock_guard lock(conn->mutex);
    ensure_schema(*conn, url.prefix, false);
    delete_store_session(*conn, url);
}

bool is_store_collection(const std::string& location) {
    return !parse_store_url(location).session;
}

std::optional<std::vector<std::string>> store_sessions(const std::string& location) {
    const StoreUrl url = parse_store_url(location);
    if (url.session) return std::nullopt;
    auto conn = store_connection(url);
    const std::lock_guard lock(conn->mutex);
    ensure_schema(*conn, url.prefix, false);  // no tables: SESSION_NOT_FOUND, as StoreListing
    std::vector<std::string> out;
    for (const auto& id : list_store_sessions(*conn, url.prefix)) {
        out.push_back(store_url_with_session(url, id));
    }
    return out;
}

std::string store_session_in(const std::string& collection, const std::string& name) {
    return store_url_with_session(parse_store_url(collection), name);
}

std::string store_session_name(const std::string& location) {
    return parse_store_url(location).session.value_or("");
}

}  // namespace tgs::session::detail
