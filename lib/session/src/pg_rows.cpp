// One session's rows in the PostgreSQL store, mapped like Telethon's own SQLite file (the
// package's AlchemySession is Telethon's MemorySession over these tables): one sessions row,
// update_state rows (entity_id 0 = the account), the self user in entities.
#include <charconv>
#include <ctime>

#include "internal.hpp"
#include "pg_store.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session::detail {
namespace {

std::string table(const StoreUrl& url, const char* name) {
    return "\"" + url.prefix + name + "\"";
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

}  // namespace

SessionData read_store_session(PgConn& conn, const StoreUrl& url) {
    // One round trip: the session row, its update states folded into text, and the one user
    // entity (tgsession writes only the self user; Telethon doesn't mark which entity it is).
    const auto r = conn.exec_prepared(
        "tgs_read_" + url.prefix,
        "SELECT s.dc_id, s.server_address, s.port, s.auth_key, "
        "(SELECT string_agg(concat_ws(' ', u.entity_id, coalesce(u.pts, 0), coalesce(u.qts, 0), "
        "coalesce(u.date, 0), coalesce(u.seq, 0)), ',' ORDER BY u.entity_id) FROM " +
            table(url, "update_state") +
            " u WHERE u.session_id = $1), e.id, e.hash, e.username, e.phone, e.name, e.n FROM " +
            table(url, "sessions") +
            " s LEFT JOIN LATERAL (SELECT id, hash, username, phone, name, count(*) OVER () AS n "
            "FROM " +
            table(url, "entities") +
            " WHERE session_id = $1 AND id > 0 LIMIT 1) e ON true WHERE s.session_id = $1 "
            "ORDER BY coalesce(length(s.auth_key), 0) > 0 DESC, s.dc_id LIMIT 1",
        {*url.session});
    if (r.rows() == 0) fail(errc::not_found, url.display + ": no such session in the store");
    SessionData d;
    d.dc_id = static_cast<int>(r.i64(0, 0));
    d.server_address = r.text(0, 1);
    d.port = static_cast<int>(r.i64(0, 2));
    if (!r.null(0, 3)) {
        const auto key = from_bytea_text(r.text(0, 3));
        if (!key || (!key->empty() && key->size() != AuthKeyBytes::kSize)) {
            fail(errc::corrupt, url.display + ": sessions.auth_key is neither empty nor 256 bytes");
        }
        if (!key->empty()) d.auth_key.emplace(ByteView(*key));
    }
    if (!r.null(0, 4)) d.state = parse_states(r.text(0, 4));
    if (!r.null(0, 5) && r.i64(0, 10) == 1) {
        SelfUser u;
        u.id = r.i64(0, 5);
        u.access_hash = r.i64(0, 6);
        u.username = r.text(0, 7);
        u.phone = r.text(0, 8);
        u.first_name = r.text(0, 9);
        d.user = u;
    }
    return d;
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
