// Telethon v2 SqliteSession, schema 10 (docs/session-formats.md §2.1).
#include <SQLiteCpp/Statement.h>

#include "internal.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session::detail {
namespace {
constexpr const char* kSchema = R"(create table version (
    version integer primary key
);
create table datacenter(
    id integer primary key,
    ipv4_addr text,
    ipv6_addr text,
    auth blob
);
create table user(
    id integer primary key,
    dc integer not null,
    bot integer not null,
    username text
);
create table state(
    pts integer not null,
    qts integer not null,
    date integer not null,
    seq integer not null
);
create table channelstate(
    id integer primary key,
    pts integer not null
);
)";

std::optional<AuthKeyBytes> blob_key(const SQLite::Column& c) {
    if (c.isNull() || c.getBytes() == 0) return std::nullopt;
    if (c.getBytes() != static_cast<int>(AuthKeyBytes::kSize)) {
        fail(errc::corrupt, "datacenter.auth is not 256 bytes");
    }
    return AuthKeyBytes(
        ByteView(static_cast<const std::uint8_t*>(c.getBlob()), AuthKeyBytes::kSize));
}

void bind_text_or_null(SQLite::Statement& s, int i, const std::optional<Endpoint>& e) {
    if (e) {
        s.bind(i, format_endpoint(*e));
    } else {
        s.bind(i);
    }
}
}  // namespace

SessionData read_telethon_v2(SQLite::Database& db) {
    SessionData d;
    std::vector<DcEntry> dcs;
    SQLite::Statement q(db, "select id, ipv4_addr, ipv6_addr, auth from datacenter order by id");
    while (q.executeStep()) {
        DcEntry e;
        e.dc_id = q.getColumn(0).getInt();
        if (!q.getColumn(1).isNull()) e.ipv4 = parse_endpoint(q.getColumn(1).getString());
        if (!q.getColumn(2).isNull()) e.ipv6 = parse_endpoint(q.getColumn(2).getString());
        e.auth_key = blob_key(q.getColumn(3));
        dcs.push_back(std::move(e));
    }
    std::optional<int> home;
    SQLite::Statement u(db, "select id, dc, bot, username from user");
    if (u.executeStep()) {
        SelfUser su;
        su.id = u.getColumn(0).getInt64();
        home = u.getColumn(1).getInt();
        su.bot = u.getColumn(2).getInt() != 0;
        su.username = u.getColumn(3).getString();
        d.user = su;
    }
    SQLite::Statement s(db, "select pts, qts, date, seq from state");
    if (s.executeStep()) {
        UpdateState st{s.getColumn(0).getInt(),
                       s.getColumn(1).getInt(),
                       s.getColumn(2).getInt64(),
                       s.getColumn(3).getInt(),
                       {}};
        SQLite::Statement c(db, "select id, pts from channelstate order by id");
        while (c.executeStep())
            st.channels.push_back({c.getColumn(0).getInt64(), c.getColumn(1).getInt()});
        d.state = st;
    }
    // Home DC: the user's; without a user, the DC holding a key (v2 connects to DC 2 then).
    if (!home) {
        for (const auto& e : dcs) {
            if (e.auth_key) {
                home = e.dc_id;
                break;
            }
        }
    }
    if (!home && !dcs.empty()) home = dcs.front().dc_id;
    for (auto& e : dcs) {
        if (home && e.dc_id == *home) {
            d.dc_id = e.dc_id;
            const auto& ep = e.ipv4 ? e.ipv4 : e.ipv6;
            if (ep) {
                d.server_address = ep->host;
                d.port = ep->port;
            }
            d.auth_key = std::move(e.auth_key);
        } else {
            d.other_dcs.push_back(std::move(e));
        }
    }
    if (home && d.dc_id == 0) d.dc_id = *home;  // user's DC has no datacenter row
    return d;
}

void write_telethon_v2(SQLite::Database& db, const SessionData& d, bool fresh) {
    if (fresh) {
        db.exec(kSchema);
        db.exec("insert into version values (10)");
    }
    for (const char* t : {"datacenter", "user", "state", "channelstate"})
        db.exec(std::string("delete from ") + t);

    SQLite::Statement dc(db, "insert into datacenter values (?,?,?,?)");
    auto put_dc = [&](const DcEntry& e) {
        dc.reset();
        dc.bind(1, e.dc_id);
        bind_text_or_null(dc, 2, e.ipv4);
        bind_text_or_null(dc, 3, e.ipv6);
        if (e.auth_key) {
            dc.bind(4, e.auth_key->view().data(), static_cast<int>(AuthKeyBytes::kSize));
        } else {
            dc.bind(4);
        }
        dc.exec();
    };
    if (d.dc_id != 0) {
        DcEntry home{d.dc_id, std::nullopt, std::nullopt, d.auth_key};
        if (!d.server_address.empty()) {
            // v2 connects through ipv4_addr only; an IPv6 home address is kept in ipv6_addr.
            const bool v6 = d.server_address.find(':') != std::string::npos;
            (v6 ? home.ipv6 : home.ipv4) = Endpoint{d.server_address, d.port};
        }
        put_dc(home);
    }
    for (const auto& e : d.other_dcs) {
        if (e.dc_id != d.dc_id) put_dc(e);
    }
    if (d.user) {
        SQLite::Statement u(db, "insert into user values (?,?,?,?)");
        u.bind(1, d.user->id);
        u.bind(2, d.dc_id);
        u.bind(3, d.user->bot.value_or(false) ? 1 : 0);
        if (d.user->username.empty()) {
            u.bind(4);
        } else {
            u.bind(4, d.user->username);
        }
        u.exec();
    }
    if (d.state) {
        SQLite::Statement s(db, "insert into state values (?,?,?,?)");
        s.bind(1, d.state->pts);
        s.bind(2, d.state->qts);
        s.bind(3, d.state->date);
        s.bind(4, d.state->seq);
        s.exec();
        SQLite::Statement c(db, "insert into channelstate values (?,?)");
        for (const auto& ch : d.state->channels) {
            c.reset();
            c.bind(1, ch.channel_id);
            c.bind(2, ch.pts);
            c.exec();
        }
    }
}

}  // namespace tgs::session::detail
