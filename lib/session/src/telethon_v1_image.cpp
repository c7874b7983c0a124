// Telethon v1 files read from their bytes (sqlite_image.hpp says why). Only a file whose schema
// is the one Telethon creates (normalized_ddl), version 7, and whose values have the storage
// classes Telethon writes is read here; the values are converted as SQLite's own column accessors
// would (read_telethon_v1), and anything else returns nullopt for SQLite to read.
#include <cmath>
#include <map>

#include "internal.hpp"
#include "sqlite_image.hpp"

namespace tgs::session::detail {
namespace {

using T = SqlValue::Type;

// sqlite3_column_int: the low 32 bits of the integer.
std::optional<std::int32_t> as_int(const SqlValue& v) {
    if (v.type == T::Null) return 0;
    if (v.type == T::Integer) return static_cast<std::int32_t>(v.i);
    return std::nullopt;
}

// sqlite3_column_int64: REAL truncates toward zero.
std::optional<std::int64_t> as_int64(const SqlValue& v) {
    if (v.type == T::Null) return 0;
    if (v.type == T::Integer) return v.i;
    if (v.type == T::Real && std::isfinite(v.r) && std::fabs(v.r) < 9.2e18) {
        return static_cast<std::int64_t>(v.r);
    }
    return std::nullopt;
}

// sqlite3_column_text: an integer as its decimal digits.
std::optional<std::string> as_text(const SqlValue& v) {
    if (v.type == T::Null) return std::string();
    if (v.type == T::Text) return std::string(v.bytes);
    if (v.type == T::Integer) return std::to_string(v.i);
    return std::nullopt;
}

// DDL compared without the layout: runs of white space as one space and none beside
// parentheses and commas. Case counts (classify_sqlite compares column names exactly). Telethon's
// own files, files it migrated (ALTER TABLE ADD COLUMN appends ", col type" to the stored SQL) and
// other writers' line breaks all compare equal when the columns, their order and their types are
// Telethon's.
std::string normalized_ddl(std::string_view sql) {
    std::string out;
    bool space = false;
    for (const char c : sql) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = true;
            continue;
        }
        const bool tight = c == '(' || c == ')' || c == ',';
        if (space && !tight && !out.empty() && out.back() != '(' && out.back() != ',') {
            out += ' ';
        }
        space = false;
        out += c;
    }
    return out;
}

// The tables Telethon creates, by name, with their normalized SQL.
const std::map<std::string, std::string>& telethon_schema() {
    static const std::map<std::string, std::string> m = [] {
        std::map<std::string, std::string> out;
        for (const char* t : telethon_v1_tables()) {
            const std::string def(t);
            out.emplace(def.substr(0, def.find(' ')), normalized_ddl("CREATE TABLE " + def));
        }
        return out;
    }();
    return m;
}

// Root pages of Telethon's tables, if the schema is exactly Telethon's: its five tables with
// their columns and the automatic index of sent_files' primary key, nothing else.
std::optional<std::map<std::string, std::uint32_t>> telethon_roots(const SqliteImage& img) {
    const auto schema = img.schema();
    if (!schema) return std::nullopt;
    const auto& expected = telethon_schema();
    std::map<std::string, std::uint32_t> roots;
    bool sent_files_index = false;
    for (const auto& e : *schema) {
        // SQLite checks these names when it loads the schema; so must we.
        if (e.type == "index" && e.sql.empty() && e.name == "sqlite_autoindex_sent_files_1" &&
            e.table == "sent_files" && e.root_page != 0 && !sent_files_index) {
            sent_files_index = true;
            continue;
        }
        auto it = expected.find(e.name);
        if (e.type != "table" || e.table != e.name || it == expected.end() ||
            it->second != normalized_ddl(e.sql) || e.root_page == 0 ||
            !roots.emplace(e.name, e.root_page).second) {
            return std::nullopt;
        }
    }
    if (roots.size() != expected.size() || !sent_files_index) return std::nullopt;
    return roots;
}

bool read_session_row(const SqlRow& r, SessionData& d) {
    // dc_id is the rowid (integer primary key); the record holds NULL in its place.
    const auto address = as_text(r.at(1));
    const auto port = as_int(r.at(2));
    const auto& key = r.at(3);
    const auto& takeout = r.at(4);
    if (!address || !port || r.rowid != static_cast<std::int32_t>(r.rowid)) return false;
    if (key.type != T::Null && key.type != T::Blob) return false;
    if (takeout.type != T::Null && takeout.type != T::Integer) return false;
    d.dc_id = static_cast<int>(r.rowid);
    d.server_address = *address;
    d.port = *port;
    if (key.bytes.size() == AuthKeyBytes::kSize) {
        d.auth_key.emplace(as_bytes(key.bytes));
    } else if (!key.bytes.empty()) {
        return false;  // SQLite's reader reports it
    }
    if (takeout.type == T::Integer) d.takeout_id = takeout.i;
    return true;
}

}  // namespace

std::optional<SessionData> read_telethon_v1_image(ByteView file) {
    const auto img = SqliteImage::open(file);
    if (!img) return std::nullopt;
    const auto roots = telethon_roots(*img);
    if (!roots) return std::nullopt;

    // classify_sqlite: max(version) must be 7; version is the rowid.
    const auto version = img->rows(roots->at("version"));
    if (!version || version->empty() || version->back().rowid != 7) return std::nullopt;

    SessionData d;
    const auto sessions = img->rows(roots->at("sessions"));
    if (!sessions) return std::nullopt;
    if (!sessions->empty() && !read_session_row(sessions->front(), d)) return std::nullopt;

    const auto updates = img->rows(roots->at("update_state"));
    if (!updates) return std::nullopt;
    TelethonStateRows state;
    for (const auto& r : *updates) {
        const auto pts = as_int(r.at(1));
        const auto qts = as_int(r.at(2));
        const auto date = as_int64(r.at(3));
        const auto seq = as_int(r.at(4));
        if (!pts || !qts || !date || !seq) return std::nullopt;
        state.add(r.rowid, *pts, *qts, *date, *seq);
    }
    d.state = state.result();

    const auto entities = img->rows(roots->at("entities"));
    if (!entities) return std::nullopt;
    std::vector<SelfUser> users;  // "where id > 0 limit 2"
    for (const auto& r : *entities) {
        if (r.rowid <= 0) continue;
        if (users.size() == 2) break;
        SelfUser u;
        u.id = r.rowid;
        const auto hash = as_int64(r.at(1));
        auto username = as_text(r.at(2));
        auto phone = as_text(r.at(3));
        auto name = as_text(r.at(4));
        if (!hash || !username || !phone || !name) return std::nullopt;
        u.access_hash = *hash;
        u.username = std::move(*username);
        u.phone = std::move(*phone);
        u.first_name = std::move(*name);
        users.push_back(std::move(u));
    }
    d.user = telethon_self_user(users);
    return d;
}

}  // namespace tgs::session::detail
