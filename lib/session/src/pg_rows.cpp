// One session's rows in the PostgreSQL store, mapped like Telethon's own SQLite file (the
// package's AlchemySession is Telethon's MemorySession over these tables): one sessions row,
// update_state rows (entity_id 0 = the account), the self user in entities.
#include <algorithm>
#include <charconv>
#include <ctime>
#include <map>

#include "internal.hpp"
#include "pg_store.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session::detail {
namespace {

std::string table(const std::string& prefix, const char* name) {
    return "\"" + prefix + name + "\"";
}
std::string table(const StoreUrl& url, const char* name) {
    return table(url.prefix, name);
}

std::optional<Bytes> from_bytea_text(const std::string& text) {
    if (!text.starts_with("\\x") || text.size() % 2 != 0) return std::nullopt;
    try {
        return from_hex(std::string_view(text).substr(2));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::int64_t to_i64(std::string_view s) {
    std::int64_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

// "id pts qts date seq,id pts …" (built by the read query, ordered by id).
std::optional<UpdateState> parse_states(const std::string& text) {
    UpdateState state;
    bool have_state = false;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        std::int64_t f[5] = {};
        std::string_view row(text.data() + start, end - start);
        for (auto& v : f) {
            const auto sp = row.find(' ');
            v = to_i64(row.substr(0, sp));
            row = sp == std::string_view::npos ? std::string_view() : row.substr(sp + 1);
        }
        if (f[0] == 0) {
            state.pts = static_cast<std::int32_t>(f[1]);
            state.qts = static_cast<std::int32_t>(f[2]);
            state.date = f[3];
            state.seq = static_cast<std::int32_t>(f[4]);
            // (0,0,0,0) is what a never-connected Telethon client writes: no state known.
            have_state = have_state || state.pts || state.qts || state.date || state.seq;
        } else {
            state.channels.push_back({f[0], static_cast<std::int32_t>(f[1])});
            have_state = true;
        }
        start = end + 1;
    }
    if (!have_state) return std::nullopt;
    return state;
}

std::optional<std::string> opt_text(const std::string& s) {
    if (s.empty()) return std::nullopt;
    return s;
}

// Columns 1.. of a read_store_sessions row (column 0 is the id asked for).
SessionData session_from_row(const PgResult& r, int row, const std::string& where) {
    SessionData d;
    d.dc_id = static_cast<int>(r.i64(row, 1));
    d.server_address = r.text(row, 2);
    d.port = static_cast<int>(r.i64(row, 3));
    if (!r.null(row, 4)) {
        const auto key = from_bytea_text(r.text(row, 4));
        if (!key || (!key->empty() && key->size() != AuthKeyBytes::kSize)) {
            fail(errc::corrupt, where + ": sessions.auth_key is neither empty nor 256 bytes");
        }
        if (!key->empty()) d.auth_key.emplace(ByteView(*key));
    }
    if (!r.null(row, 5)) d.state = parse_states(r.text(row, 5));
    if (!r.null(row, 6) && r.i64(row, 11) == 1) {
        SelfUser u;
        u.id = r.i64(row, 6);
        u.access_hash = r.i64(row, 7);
        u.username = r.text(row, 8);
        u.phone = r.text(row, 9);
        u.first_name = r.text(row, 10);
        d.user = u;
    }
    return d;
}

}  // namespace

std::string pg_array(const std::vector<std::string>& items) {
    // An array literal: every element quoted, '"' and '\\' escaped (a session id may hold
    // anything).
    std::string out = "{";
    for (const auto& item : items) {
        if (out.size() > 1) out += ',';
        out += '"';
        for (const char c : item) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + "}";
}

std::vector<StoreRow> read_store_sessions(PgConn& conn, const std::vector<StoreUrl>& urls) {
    const std::string& prefix = urls.at(0).prefix;
    std::vector<std::string> ids;
    ids.reserve(urls.size());
    for (const auto& u : urls) ids.push_back(*u.session);
    // One round trip for the whole batch: per id its session row (the one with a key first),
    // its update states folded into text, and the one user entity (tgsession writes only the
    // self user; Telethon doesn't mark which entity it is). Ids without rows are left out.
    const auto r = conn.exec_prepared(
        "tgs_read_" + prefix,
        "SELECT want.id, s.dc_id, s.server_address, s.port, s.auth_key, "
        "(SELECT string_agg(concat_ws(' ', u.entity_id, coalesce(u.pts, 0), coalesce(u.qts, 0), "
        "coalesce(u.date, 0), coalesce(u.seq, 0)), ',' ORDER BY u.entity_id) FROM " +
            table(prefix, "update_state") +
            " u WHERE u.session_id = want.id), e.id, e.hash, e.username, e.phone, e.name, e.n "
            "FROM unnest($1::text[]) AS want(id) JOIN LATERAL (SELECT * FROM " +
            table(prefix, "sessions") +
            " WHERE session_id = want.id ORDER BY coalesce(length(auth_key), 0) > 0 DESC, dc_id "
            "LIMIT 1) s ON true LEFT JOIN LATERAL (SELECT id, hash, username, phone, name, "
            "count(*) OVER () AS n FROM " +
            table(prefix, "entities") + " WHERE session_id = want.id AND id > 0 LIMIT 1) e ON true",
        {pg_array(ids)});
    std::vector<StoreRow> out(ids.size());
    // unnest() gives a row per element, so an id asked twice (two spellings of one location)
    // comes back twice: each row fills the first of its id's slots still empty.
    std::multimap<std::string, std::size_t> slots;
    for (std::size_t i = 0; i < ids.size(); ++i) slots.emplace(ids[i], i);
    for (int row = 0; row < r.rows(); ++row) {
        const auto [first, last] = slots.equal_range(r.text(row, 0));
        const auto it = std::find_if(first, last, [&](const auto& s) {
            return !out[s.second].data && !out[s.second].error;
        });
        if (it == last) continue;
        try {
            out[it->second].data = session_from_row(r, row, urls[it->second].display);
        } catch (...) {
            out[it->second].error = std::current_exception();
        }
    }
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (out[i].data || out[i].error) continue;
        try {
            fail(errc::not_found, urls[i].display + ": no such session in the store");
        } catch (...) {
            out[i].error = std::current_exception();
        }
    }
    return out;
}

SessionData read_store_session(PgConn& conn, const StoreUrl& url) {
    auto rows = read_store_sessions(conn, {url});
    if (rows[0].error) std::rethrow_exception(rows[0].error);
    return std::move(*rows[0].data);
}

void write_store_session(PgConn& conn, const StoreUrl& url, const SessionData& d,
                         bool discard_other_rows) {
    const std::string& id = *url.session;
    conn.exec("BEGIN");
    try {
        lock_for_write(conn, url);
        conn.exec("DELETE FROM " + table(url, "sessions") + " WHERE session_id = $1", {id});
        conn.exec("INSERT INTO " + table(url, "sessions") +
                      " (session_id, dc_id, server_address, port, auth_key) "
                      "VALUES ($1, $2, $3, $4, $5::bytea)",
                  {id, std::to_string(d.dc_id), d.server_address, std::to_string(d.port),
                   // "No key" is an empty value, as Telethon writes it, never NULL.
                   PgConn::bytea(d.auth_key ? d.auth_key->view() : ByteView())});

        conn.exec("DELETE FROM " + table(url, "update_state") + " WHERE session_id = $1", {id});
        const std::string put_state = "INSERT INTO " + table(url, "update_state") +
                                      " (session_id, entity_id, pts, qts, date, seq, "
                                      "unread_count) VALUES ($1, $2, $3, $4, $5, $6, 0)";
        const UpdateState st = d.state.value_or(UpdateState{});
        conn.exec(put_state, {id, "0", std::to_string(st.pts), std::to_string(st.qts),
                              std::to_string(st.date), std::to_string(st.seq)});
        for (const auto& c : st.channels) {
            conn.exec(put_state, {id, std::to_string(c.channel_id), std::to_string(c.pts), "0",
                                  std::to_string(st.date), "0"});
        }

        if (discard_other_rows) {
            conn.exec("DELETE FROM " + table(url, "entities") + " WHERE session_id = $1", {id});
            conn.exec("DELETE FROM " + table(url, "sent_files") + " WHERE session_id = $1", {id});
        }
        if (d.user && d.user->access_hash) {
            const auto phone = phone_as_integer(d.user->phone);
            conn.exec("INSERT INTO " + table(url, "entities") +
                          " (session_id, id, hash, username, phone, name) VALUES "
                          "($1, $2, $3, $4, $5, $6) ON CONFLICT (session_id, id) DO UPDATE SET "
                          "hash = excluded.hash, username = excluded.username, "
                          "phone = excluded.phone, name = excluded.name",
                      {id, std::to_string(d.user->id), std::to_string(*d.user->access_hash),
                       opt_text(ascii_lower(d.user->username)),
                       phone ? std::optional(std::to_string(*phone)) : std::nullopt,
                       telethon_display_name(*d.user)});
        }
        conn.exec("COMMIT");
    } catch (...) {
        conn.rollback();
        throw;
    }
}

void delete_store_session(PgConn& conn, const StoreUrl& url) {
    conn.exec("BEGIN");
    try {
        lock_for_write(conn, url);
        for (const char* t : {"sessions", "entities", "sent_files", "update_state"}) {
            conn.exec("DELETE FROM " + table(url, t) + " WHERE session_id = $1", {*url.session});
        }
        conn.exec("COMMIT");
    } catch (...) {
        conn.rollback();
        throw;
    }
}

bool store_session_exists(PgConn& conn, const StoreUrl& url) {
    return conn.exec("SELECT 1 FROM " + table(url, "sessions") + " WHERE session_id = $1 LIMIT 1",
                     {*url.session})
               .rows() > 0;
}

std::vector<std::string> list_store_sessions(PgConn& conn, const std::string& prefix) {
    const auto r = conn.exec("SELECT session_id FROM \"" + prefix +
                             "sessions\" GROUP BY session_id ORDER BY session_id");
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
    return out;
}

}  // namespace tgs::session::detail
