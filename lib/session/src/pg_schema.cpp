// The tables of the Python package telethon-session-sqlalchemy (version 2 of its schema), as
// SQLAlchemy creates them on PostgreSQL, so workers using that package read what we write.
// They are created when none exist and checked otherwise; never altered.
#include <map>

#include "internal.hpp"
#include "pg_store.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session::detail {
namespace {

struct Column {
    const char* name;
    const char* type;  // information_schema.columns.data_type
};
struct Table {
    const char* name;  // after the prefix
    std::vector<Column> columns;
    const char* ddl;  // body of CREATE TABLE, "{}" = the prefixed name
    // The primary key's columns, in order: our writes (and the package's merges) rely on it.
    const char* key;
};

constexpr const char* kVarchar = "character varying";
const std::vector<Table>& tables() {
    static const std::vector<Table> t = {
        {"version",
         {{"version", "integer"}},
         "(version SERIAL NOT NULL, PRIMARY KEY (version))",
         "version"},
        {"sessions",
         {{"session_id", kVarchar},
          {"dc_id", "integer"},
          {"server_address", kVarchar},
          {"port", "integer"},
          {"auth_key", "bytea"}},
         "(session_id VARCHAR(255) NOT NULL, dc_id INTEGER NOT NULL, server_address "
         "VARCHAR(255), port INTEGER, auth_key BYTEA, PRIMARY KEY (session_id, dc_id))",
         "session_id, dc_id"},
        {"entities",
         {{"session_id", kVarchar},
          {"id", "bigint"},
          {"hash", "bigint"},
          {"username", kVarchar},
          {"phone", "bigint"},
          {"name", kVarchar}},
         "(session_id VARCHAR(255) NOT NULL, id BIGINT NOT NULL, hash BIGINT NOT NULL, username "
         "VARCHAR(32), phone BIGINT, name VARCHAR(255), PRIMARY KEY (session_id, id))",
         "session_id, id"},
        {"sent_files",
         {{"session_id", kVarchar},
          {"md5_digest", "bytea"},
          {"file_size", "integer"},
          {"type", "integer"},
          {"id", "bigint"},
          {"hash", "bigint"}},
         "(session_id VARCHAR(255) NOT NULL, md5_digest BYTEA NOT NULL, file_size INTEGER NOT "
         "NULL, type INTEGER NOT NULL, id BIGINT, hash BIGINT, PRIMARY KEY (session_id, "
         "md5_digest, file_size, type))",
         "session_id, md5_digest, file_size, type"},
        {"update_state",
         {{"session_id", kVarchar},
          {"entity_id", "bigint"},
          {"pts", "bigint"},
          {"qts", "bigint"},
          {"date", "bigint"},
          {"seq", "bigint"},
          {"unread_count", "integer"}},
         "(session_id VARCHAR(255) NOT NULL, entity_id BIGINT NOT NULL, pts BIGINT, qts BIGINT, "
         "date BIGINT, seq BIGINT, unread_count INTEGER, PRIMARY KEY (session_id, entity_id))",
         "session_id, entity_id"},
    };
    return t;
}

constexpr int kSchemaVersion = 2;  // the package's LATEST_VERSION

using Found = std::map<std::string, std::map<std::string, std::string>>;  // table -> col -> type
using Keys = std::map<std::string, std::string>;  // table -> "a, b" (its primary key)

std::string table_names(const std::string& prefix) {
    std::string names = "{";
    for (const auto& t : tables()) names += (names.size() > 1 ? "," : "") + prefix + t.name;
    return names + "}";
}

Found read_columns(PgConn& conn, const std::string& prefix) {
    const auto r = conn.exec(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = ANY($1::text[])",
        {table_names(prefix)});
    Found found;
    for (int i = 0; i < r.rows(); ++i) found[r.text(i, 0)][r.text(i, 1)] = r.text(i, 2);
    return found;
}

Keys read_keys(PgConn& conn, const std::string& prefix) {
    const auto r = conn.exec(
        "SELECT c.relname, string_agg(a.attname, ', ' ORDER BY k.n) FROM pg_index i "
        "JOIN pg_class c ON c.oid = i.indrelid "
        "CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) "
        "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum "
        "WHERE i.indisprimary "
        "AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) "
        "AND c.relname = ANY($1::text[]) GROUP BY c.relname",
        {table_names(prefix)});
    Keys keys;
    for (int i = 0; i < r.rows(); ++i) keys[r.text(i, 0)] = r.text(i, 1);
    return keys;
}

std::string mismatch(const Found& found, const Keys& keys, const std::string& prefix) {
    std::string problems;
    auto add = [&](const std::string& p) { problems += (problems.empty() ? "" : "; ") + p; };
    for (const auto& t : tables()) {
        const std::string name = prefix + t.name;
        const auto it = found.find(name);
        if (it == found.end()) {
            add("table " + name + " is missing");
            continue;
        }
        for (const auto& c : t.columns) {
            const auto col = it->second.find(c.name);
            if (col == it->second.end()) {
                add(name + "." + c.name + " is missing");
            } else if (col->second != c.type) {
                add(name + "." + c.name + " is " + col->second + ", expected " + c.type);
            }
        }
        if (it->second.size() > t.columns.size()) add(name + " has columns we don't know");
        const auto key = keys.find(name);
        if (key == keys.end()) {
            add(name + " has no primary key, expected (" + t.key + ")");
        } else if (key->second != t.key) {
            add(name + " has primary key (" + key->second + "), expected (" + t.key + ")");
        }
    }
    return problems;
}

void create_tables(PgConn& conn, const std::string& prefix) {
    conn.exec("BEGIN");
    try {
        // Two first writers at once: the second waits here, then finds the tables made.
        conn.exec("SELECT pg_advisory_xact_lock($1)",
                  {std::to_string(lease_key(prefix, "\x01schema"))});
        if (read_columns(conn, prefix).empty()) {
            for (const auto& t : tables()) {
                conn.exec("CREATE TABLE \"" + prefix + t.name + "\" " + t.ddl);
            }
            conn.exec("INSERT INTO \"" + prefix + "version\" VALUES (" +
                      std::to_string(kSchemaVersion) + ")");
        }
        conn.exec("COMMIT");
    } catch (...) {
        conn.rollback();
        throw;
    }
}

}  // namespace

void ensure_schema(PgConn& conn, const std::string& prefix, bool create) {
    if (conn.checked_prefixes.count(prefix)) return;
    Found found = read_columns(conn, prefix);
    if (found.empty()) {
        if (!create) {
            // Said in full: a typo in table_prefix= or the database name lands here, and must
            // not pass for a store that is merely empty.
            const auto at = conn.exec("SELECT current_database(), current_schema()");
            const std::string schema = at.null(0, 1) ? "(none on search_path)" : at.text(0, 1);
            fail(errc::not_found,
                 conn.display + " has no tgsession tables: no table \"" + prefix +
                     "sessions\" (table_prefix=" + (prefix.empty() ? "none" : prefix) +
                     ") in database " + at.text(0, 0) + ", schema " + schema +
                     "; check the database name and table_prefix=");
        }
        create_tables(conn, prefix);
        found = read_columns(conn, prefix);
    }
    const std::string problems = mismatch(found, read_keys(conn, prefix), prefix);
    if (!problems.empty()) {
        fail(errc::store_schema_mismatch,
             conn.display + ": the session tables are not telethon-session-sqlalchemy's (" +
                 problems + "); tgsession never alters them");
    }
    const auto v = conn.exec("SELECT version FROM \"" + prefix + "version\"");
    if (v.rows() != 1 || v.i64(0, 0) != kSchemaVersion) {
        fail(errc::unsupported,
             conn.display + ": " + prefix +
                 "version must hold the one row 2 (telethon-session-sqlalchemy "
                 "0.2.x); it holds " +
                 (v.rows() == 1 ? v.text(0, 0) : std::to_string(v.rows()) + " rows"));
    }
    conn.checked_prefixes.insert(prefix);
}

}  // namespace tgs::session::detail
