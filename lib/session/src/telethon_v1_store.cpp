// Telethon v1 SQLiteSession, schema 7 (docs/session-formats.md §1.1): DDL byte for byte as Telethon
// runs it.
#include <SQLiteCpp/Statement.h>

#include <array>
#include <ctime>

#include "internal.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session::detail {
namespace {
// Telethon's _create_table runs 'create table {}'.format(definition) on these strings.
constexpr std::array<const char*, 5> kTables = {
    "version (version integer primary key)",
    R"(sessions (
                    dc_id integer primary key,
                    server_address text,
                    port integer,
                    auth_key blob,
                    takeout_id integer
                ))",
    R"(entities (
                    id integer primary key,
                    hash integer not null,
                    username text,
                    phone integer,
                    name text,
                    date integer
                ))",
    R"(sent_files (
                    md5_digest blob,
                    file_size integer,
                    type integer,
                    id integer,
                    hash integer,
                    primary key(md5_digest, file_size, type)
                ))",
    R"(update_state (
                    id integer primary key,
                    pts integer,
                    qts integer,
                    date integer,
                    seq integer
                ))",
};

}  // namespace

std::span<const char* const> telethon_v1_tables() {
    return kTables;
}

void TelethonStateRows::add(std::int64_t id, std::int32_t pts, std::int32_t qts, std::int64_t date,
                            std::int32_t seq) {
    if (id == 0) {
        state_.pts = pts;
        state_.qts = qts;
        state_.date = date;
        state_.seq = seq;
        // (0,0,0,0) is what a never-connected Telethon client writes: no state known.
        known_ = known_ || pts || qts || date || seq;
    } else {
        state_.channels.push_back({id, pts});
        known_ = true;
    }
}

std::optional<UpdateState> TelethonStateRows::result() const {
    if (!known_) return std::nullopt;
    return state_;
}

std::optional<SelfUser> telethon_self_user(const std::vector<SelfUser>& first_two) {
    // Telethon doesn't mark which entity is the account itself; tgsession writes only the self
    // user, so a file with exactly one user entity is read as that user.
    if (first_two.size() == 1) return first_two[0];
    return std::nullopt;
}

SessionData read_telethon_v1(SQLite::Database& db) {
    SessionData d;
    SQLite::Statement s(db,
                        "select dc_id, server_address, port, auth_key, takeout_id from sessions");
    if (s.executeStep()) {
        d.dc_id = s.getColumn(0).getInt();
        d.server_address = s.getColumn(1).getString();
        d.port = s.getColumn(2).getInt();
        const auto key = s.getColumn(3);
        if (key.getBytes() == static_cast<int>(AuthKeyBytes::kSize)) {
            d.auth_key.emplace(
                ByteView(static_cast<const std::uint8_t*>(key.getBlob()), AuthKeyBytes::kSize));
        } else if (key.getBytes() != 0) {
            fail(errc::corrupt, "sessions.auth_key is neither empty nor 256 bytes");
        }
        if (!s.getColumn(4).isNull()) d.takeout_id = s.getColumn(4).getInt64();
    }

    SQLite::Statement st(db, "select id, pts, qts, date, seq from update_state order by id");
    TelethonStateRows state;
    while (st.executeStep()) {
        // date may be REAL in Telethon files; truncated
        state.add(st.getColumn(0).getInt64(), st.getColumn(1).getInt(), st.getColumn(2).getInt(),
                  st.getColumn(3).getInt64(), st.getColumn(4).getInt());
    }
    d.state = state.result();

    SQLite::Statement e(
        db, "select id, hash, username, phone, name from entities where id > 0 limit 2");
    std::vector<SelfUser> users;
    while (e.executeStep()) {
        SelfUser u;
        u.id = e.getColumn(0).getInt64();
        u.access_hash = e.getColumn(1).getInt64();
        u.username = e.getColumn(2).getString();
        u.phone = e.getColumn(3).getString();
        u.first_name = e.getColumn(4).getString();
        users.push_back(u);
    }
    d.user = telethon_self_user(users);
    return d;
}

void write_telethon_v1(SQLite::Database& db, const SessionData& d, bool fresh) {
    if (fresh) {
        for (const char* t : kTables) db.exec(std::string("create table ") + t);
        db.exec("insert into version values (7)");
    }
    db.exec("delete from sessions");
    SQLite::Statement s(db, "insert or replace into sessions values (?,?,?,?,?)");
    s.bind(1, d.dc_id);
    s.bind(2, d.server_address);
    s.bind(3, d.port);
    if (d.auth_key) {
        s.bind(4, d.auth_key->view().data(), static_cast<int>(d.auth_key->view().size()));
    } else {
        s.bind(4, static_cast<const void*>(""), 0);  // X'', never NULL
    }
    if (d.takeout_id) {
        s.bind(5, *d.takeout_id);
    } else {
        s.bind(5);
    }
    s.exec();

    db.exec("delete from update_state");
    SQLite::Statement u(db, "insert or replace into update_state values (?,?,?,?,?)");
    auto put = [&](std::int64_t id, std::int32_t pts, std::int32_t qts, std::int64_t date,
                   std::int32_t seq) {
        u.reset();
        u.bind(1, id);
        u.bind(2, pts);
        u.bind(3, qts);
        u.bind(4, date);
        u.bind(5, seq);
        u.exec();
    };
    const UpdateState st = d.state.value_or(UpdateState{});
    put(0, st.pts, st.qts, st.date, st.seq);  // Telethon v2's migration needs row 0
    for (const auto& c : st.channels) put(c.channel_id, c.pts, 0, st.date, 0);

    if (d.user && d.user->access_hash) {
        SQLite::Statement e(db, "insert or replace into entities values (?,?,?,?,?,?)");
        e.bind(1, d.user->id);  // a user's marked id is its id
        e.bind(2, *d.user->access_hash);
        if (d.user->username.empty()) {
            e.bind(3);
        } else {
            e.bind(3, ascii_lower(d.user->username));
        }
        // Telethon binds the phone string; INTEGER affinity stores digits as an integer.
        if (const auto phone = phone_as_integer(d.user->phone)) {
            e.bind(4, *phone);
        } else {
            e.bind(4);
        }
        e.bind(5, telethon_display_name(*d.user));
        e.bind(6, static_cast<std::int64_t>(std::time(nullptr)));
        e.exec();
    }
}

}  // namespace tgs::session::detail
