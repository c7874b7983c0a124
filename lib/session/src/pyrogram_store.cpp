// Pyrogram SQLiteStorage schema 3 (read + write) and Kurigram schema 7 (read),
// docs/session-formats.md §3.1.
#include <SQLiteCpp/Statement.h>

#include <ctime>

#include "internal.hpp"
#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session::detail {
namespace {
constexpr const char* kSchema = R"(
CREATE TABLE sessions
(
    dc_id     INTEGER PRIMARY KEY,
    api_id    INTEGER,
    test_mode INTEGER,
    auth_key  BLOB,
    date      INTEGER NOT NULL,
    user_id   INTEGER,
    is_bot    INTEGER
);

CREATE TABLE peers
(
    id             INTEGER PRIMARY KEY,
    access_hash    INTEGER,
    type           INTEGER NOT NULL,
    username       TEXT,
    phone_number   TEXT,
    last_update_on INTEGER NOT NULL DEFAULT (CAST(STRFTIME('%s', 'now') AS INTEGER))
);

CREATE TABLE version
(
    number INTEGER PRIMARY KEY
);

CREATE INDEX idx_peers_id ON peers (id);
CREATE INDEX idx_peers_username ON peers (username);
CREATE INDEX idx_peers_phone_number ON peers (phone_number);

CREATE TRIGGER trg_peers_last_update_on
    AFTER UPDATE
    ON peers
BEGIN
    UPDATE peers
    SET last_update_on = CAST(STRFTIME('%s', 'now') AS INTEGER)
    WHERE id = NEW.id;
END;
)";
}  // namespace

SessionData read_pyrogram(SQLite::Database& db, bool kurigram) {
    SessionData d;
    SQLite::Statement s(
        db, kurigram ? "select dc_id, api_id, test_mode, auth_key, user_id, is_bot, "
                       "server_address, port from sessions"
                     : "select dc_id, api_id, test_mode, auth_key, user_id, is_bot from sessions");
    if (!s.executeStep()) return d;
    d.dc_id = s.getColumn(0).getInt();
    if (!s.getColumn(1).isNull()) d.api_id = s.getColumn(1).getInt();
    d.test_mode = s.getColumn(2).getInt() != 0;
    const auto key = s.getColumn(3);
    if (key.getBytes() == static_cast<int>(AuthKeyBytes::kSize)) {
        d.auth_key.emplace(
            ByteView(static_cast<const std::uint8_t*>(key.getBlob()), AuthKeyBytes::kSize));
    } else if (!key.isNull() && key.getBytes() != 0) {
        fail(errc::corrupt, "sessions.auth_key is not 256 bytes");
    }
    if (kurigram && !s.getColumn(6).isNull()) {
        d.server_address = s.getColumn(6).getString();
        d.port = s.getColumn(7).getInt();
    } else if (d.dc_id != 0) {
        try {
            const Endpoint ep = default_endpoint(d.dc_id, d.test_mode);
            d.server_address = ep.host;
            d.port = ep.port;
        } catch (const Error&) {
            // unknown DC: no address; the caller must supply one
        }
    }
    if (!s.getColumn(4).isNull()) {
        SelfUser u;
        u.id = s.getColumn(4).getInt64();
        if (!s.getColumn(5).isNull()) u.bot = s.getColumn(5).getInt() != 0;
        SQLite::Statement p(
            db, kurigram ? "select access_hash, phone_number, "
                           "(select username from usernames where id = ?1 limit 1) "
                           "from peers where id = ?1"
                         : "select access_hash, phone_number, username from peers where id = ?1");
        p.bind(1, u.id);
        if (p.executeStep()) {
            if (!p.getColumn(0).isNull()) u.access_hash = p.getColumn(0).getInt64();
            u.phone = p.getColumn(1).getString();
            u.username = p.getColumn(2).getString();
        }
        d.user = u;
    }
    return d;
}

void write_pyrogram(SQLite::Database& db, const SessionData& d, bool fresh) {
    if (fresh) {
        db.exec(kSchema);
        db.exec("INSERT INTO version VALUES (3)");
        db.exec("INSERT INTO sessions VALUES (2, NULL, NULL, NULL, 0, NULL, NULL)");
    }
    // Pyrogram's setters update the single row without a WHERE clause; so do we.
    SQLite::Statement s(db,
                        "UPDATE sessions SET dc_id = ?, api_id = ?, test_mode = ?, auth_key = ?, "
                        "date = ?, user_id = ?, is_bot = ?");
    s.bind(1, d.dc_id);
    if (d.api_id) {
        s.bind(2, *d.api_id);
    } else {
        s.bind(2);
    }
    s.bind(3, d.test_mode ? 1 : 0);
    if (d.auth_key) {
        s.bind(4, d.auth_key->view().data(), static_cast<int>(AuthKeyBytes::kSize));
    } else {
        s.bind(4);
    }
    s.bind(5, static_cast<std::int64_t>(std::time(nullptr)));
    if (d.user) {
        s.bind(6, d.user->id);
        s.bind(7, d.user->bot.value_or(false) ? 1 : 0);
    } else {
        s.bind(6);
        s.bind(7);
    }
    s.exec();
    if (d.user && d.user->access_hash) {
        SQLite::Statement p(db,
                            "REPLACE INTO peers (id, access_hash, type, username, phone_number) "
                            "VALUES (?, ?, ?, ?, ?)");
        p.bind(1, d.user->id);
        p.bind(2, *d.user->access_hash);
        p.bind(3, d.user->bot.value_or(false) ? "bot" : "user");
        std::string uname = d.user->username;
        for (auto& c : uname) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (uname.empty()) {
            p.bind(4);
        } else {
            p.bind(4, uname);
        }
        if (d.user->phone.empty()) {
            p.bind(5);
        } else {
            p.bind(5, d.user->phone);
        }
        p.exec();
    }
}

}  // namespace tgs::session::detail
