// SQLite stores: exact schemas, and every pair of formats round-trips what both can hold.
#include "session_test_util.hpp"
#include "tgs/session/store.hpp"
#include "tgs/session/strings.hpp"

namespace tgs::session::test {
namespace {

class Stores : public TempDir {};

// Column descriptions as the real libraries create them (docs/session-formats.md §1.1, §2.1, §3.1).
const SchemaDesc kTelethonV1 = {
    {"version", {"version INTEGER 0 1"}},
    {"sessions",
     {"dc_id INTEGER 0 1", "server_address TEXT 0 0", "port INTEGER 0 0", "auth_key BLOB 0 0",
      "takeout_id INTEGER 0 0"}},
    {"entities",
     {"id INTEGER 0 1", "hash INTEGER 1 0", "username TEXT 0 0", "phone INTEGER 0 0",
      "name TEXT 0 0", "date INTEGER 0 0"}},
    {"sent_files",
     {"md5_digest BLOB 0 1", "file_size INTEGER 0 2", "type INTEGER 0 3", "id INTEGER 0 0",
      "hash INTEGER 0 0"}},
    {"update_state",
     {"id INTEGER 0 1", "pts INTEGER 0 0", "qts INTEGER 0 0", "date INTEGER 0 0",
      "seq INTEGER 0 0"}},
};
const SchemaDesc kTelethonV2 = {
    {"version", {"version INTEGER 0 1"}},
    {"datacenter", {"id INTEGER 0 1", "ipv4_addr TEXT 0 0", "ipv6_addr TEXT 0 0", "auth BLOB 0 0"}},
    {"user", {"id INTEGER 0 1", "dc INTEGER 1 0", "bot INTEGER 1 0", "username TEXT 0 0"}},
    {"state", {"pts INTEGER 1 0", "qts INTEGER 1 0", "date INTEGER 1 0", "seq INTEGER 1 0"}},
    {"channelstate", {"id INTEGER 0 1", "pts INTEGER 1 0"}},
};
const SchemaDesc kPyrogram = {
    {"sessions",
     {"dc_id INTEGER 0 1", "api_id INTEGER 0 0", "test_mode INTEGER 0 0", "auth_key BLOB 0 0",
      "date INTEGER 1 0", "user_id INTEGER 0 0", "is_bot INTEGER 0 0"}},
    {"peers",
     {"id INTEGER 0 1", "access_hash INTEGER 0 0", "type INTEGER 1 0", "username TEXT 0 0",
      "phone_number TEXT 0 0", "last_update_on INTEGER 1 0"}},
    {"version", {"number INTEGER 0 1"}},
};

std::string scalar(const std::filesystem::path& p, const std::string& sql) {
    SQLite::Database db(p.string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, sql);
    if (!q.executeStep()) return "(no row)";
    return q.getColumn(0).isNull() ? "NULL" : q.getColumn(0).getString();
}

TEST_F(Stores, TelethonV1SchemaIsExact) {
    const auto p = path("a.session");
    save(p, sample_session(), Format::Telethon);
    EXPECT_EQ(describe(p), kTelethonV1);
    EXPECT_EQ(scalar(p, "select sql from sqlite_master where name='version'"),
              "CREATE TABLE version (version integer primary key)");
    EXPECT_EQ(scalar(p, "select count(*) from sqlite_master where type != 'table'"),
              "1");  // sent_files pk index
    EXPECT_EQ(scalar(p, "select version from version"), "7");
    EXPECT_EQ(scalar(p, "select count(*) from sessions"), "1");
    EXPECT_EQ(scalar(p, "select length(auth_key) from sessions"), "256");
    EXPECT_EQ(
        scalar(
            p,
            "select pts || ',' || qts || ',' || date || ',' || seq from update_state where id = 0"),
        "120,7,1700000000,33");
    EXPECT_EQ(scalar(p,
                     "select id || ',' || hash || ',' || username || ',' || typeof(phone) || ',' "
                     "|| phone || "
                     "',' || name from entities"),
              "777000123,1234605616436508552,someuser,integer,15550001234,Ann");
}

TEST_F(Stores, TelethonV1NoKeyIsEmptyBlobAndNoStateIsZeroRow) {
    const auto p = path("fresh.session");
    SessionData d;
    d.dc_id = 2;
    d.server_address = "149.154.167.51";
    d.port = 443;
    save(p, d, Format::Telethon);
    EXPECT_EQ(scalar(p, "select typeof(auth_key) || length(auth_key) from sessions"), "blob0");
    EXPECT_EQ(scalar(p,
                     "select count(*) from update_state where id=0 and pts=0 and qts=0 and date=0 "
                     "and seq=0"),
              "1");
    EXPECT_EQ(scalar(p, "select takeout_id from sessions"), "NULL");
    const auto back = open_read_only(p).data;
    EXPECT_FALSE(back.auth_key);
    EXPECT_FALSE(back.state);
    EXPECT_FALSE(back.user);
}

TEST_F(Stores, TelethonV2SchemaIsExact) {
    const auto p = path("b.session");
    save(p, sample_session(), Format::Telethon2);
    EXPECT_EQ(describe(p), kTelethonV2);
    EXPECT_EQ(scalar(p, "select version from version"), "10");
    EXPECT_EQ(scalar(p, "select ipv4_addr from datacenter where id=2"), "149.154.167.51:443");
    EXPECT_EQ(scalar(p, "select dc || ',' || bot || ',' || username from user"), "2,1,SomeUser");
}

TEST_F(Stores, PyrogramSchemaIsExact) {
    const auto p = path("c.session");
    auto d = sample_session();
    d.api_id = 4242;
    save(p, d, Format::Pyrogram);
    EXPECT_EQ(describe(p), kPyrogram);
    EXPECT_EQ(scalar(p,
                     "select group_concat(name) from (select name from sqlite_master where type in "
                     "('index','trigger') order by name)"),
              "idx_peers_id,idx_peers_phone_number,idx_peers_username,trg_peers_last_update_on");
    EXPECT_EQ(scalar(p, "select number from version"), "3");
    EXPECT_EQ(
        scalar(
            p,
            "select "
            "dc_id||','||api_id||','||test_mode||','||length(auth_key)||','||user_id||','||is_bot "
            "from sessions"),
        "2,4242,0,256,777000123,1");
    EXPECT_EQ(scalar(p, "select type || ',' || username || ',' || phone_number from peers"),
              "bot,someuser,15550001234");
}

struct Fields {
    int dc;
    std::string addr;
    int port;
    Bytes key;
    std::optional<std::int64_t> user_id;
};
Fields fields(const SessionData& d) {
    return {d.dc_id, d.server_address, d.port,
            d.auth_key ? Bytes(d.auth_key->view().begin(), d.auth_key->view().end()) : Bytes{},
            d.user ? std::optional(d.user->id) : std::nullopt};
}

const Format kWritable[] = {Format::Telethon,       Format::Telethon2,    Format::Pyrogram,
                            Format::TelethonString, Format::GramjsString, Format::PyrogramString};

bool holds_user(Format f) {
    return f != Format::TelethonString && f != Format::GramjsString;
}

TEST_F(Stores, EveryPairOfFormatsKeepsKeyDcAddressPortUser) {
    auto d = sample_session(42);
    d.api_id = 99;
    int n = 0;
    for (Format a : kWritable) {
        for (Format b : kWritable) {
            SCOPED_TRACE(std::string(format_name(a)) + " -> " + std::string(format_name(b)));
            const auto pa = path("pair" + std::to_string(n) + "a.session");
            const auto pb = path("pair" + std::to_string(n) + "b.session");
            ++n;
            save(pa, d, a);
            const auto ra = convert(pa.string(), pb, b);
            EXPECT_EQ(ra.from, a);
            const auto loaded = open_read_only(pb);
            EXPECT_EQ(loaded.format, b);
            const auto got = fields(loaded.data);
            const auto want = fields(d);
            EXPECT_EQ(got.dc, want.dc);
            EXPECT_EQ(got.addr, want.addr);
            EXPECT_EQ(got.port, want.port);
            EXPECT_EQ(got.key, want.key);
            // Telethon v1 keeps a user only with its access_hash, which v2 and Pyrogram strings
            // lack.
            const bool hash_lost = a == Format::Telethon2 || a == Format::PyrogramString;
            if (holds_user(a) && holds_user(b) && !(b == Format::Telethon && hash_lost)) {
                EXPECT_EQ(got.user_id, want.user_id);
            } else if (holds_user(a)) {
                EXPECT_FALSE(ra.dropped.empty());
            }
        }
    }
}

TEST_F(Stores, SameFormatRoundTripIsLossless) {
    auto d = sample_session(7);
    d.takeout_id = 555;
    d.state->channels = {{1234567, 88}};
    save(path("t1.session"), d, Format::Telethon);
    auto t1 = open_read_only(path("t1.session")).data;
    EXPECT_EQ(t1.takeout_id, 555);
    EXPECT_EQ(t1.state, d.state);
    ASSERT_TRUE(t1.user);
    EXPECT_EQ(t1.user->access_hash, d.user->access_hash);
    EXPECT_EQ(t1.user->username, "someuser");
    EXPECT_EQ(t1.user->phone, "15550001234");
    EXPECT_EQ(t1.user->first_name, "Ann");

    auto d2 = d;
    d2.other_dcs.push_back({4, Endpoint{"149.154.167.92", 443},
                            Endpoint{"2001:67c:4e8:f004::a", 443}, AuthKeyBytes(key_bytes(8))});
    d2.server_address = "2001:67c:4e8:f002::a";
    save(path("t2.session"), d2, Format::Telethon2);
    auto t2 = open_read_only(path("t2.session")).data;
    EXPECT_EQ(t2.dc_id, 2);
    EXPECT_EQ(t2.server_address, "2001:67c:4e8:f002::a");
    EXPECT_EQ(t2.other_dcs, d2.other_dcs);
    EXPECT_EQ(t2.state, d2.state);
    EXPECT_EQ(t2.user->bot, true);
    EXPECT_EQ(t2.user->username, "SomeUser");
}

TEST_F(Stores, DroppedFieldsAreReported) {
    auto d = sample_session();
    d.takeout_id = 1;
    save(path("src.session"), d, Format::Telethon);
    auto has = [](const std::vector<std::string>& v, const std::string& prefix) {
        for (const auto& s : v) {
            if (s.rfind(prefix, 0) == 0) return true;
        }
        return false;
    };
    const auto r = convert(path("src.session").string(), path("out.txt"), Format::TelethonString);
    EXPECT_TRUE(has(r.dropped, "takeout_id"));
    EXPECT_TRUE(has(r.dropped, "user"));
    EXPECT_TRUE(has(r.dropped, "state"));
    const auto r2 = convert(path("src.session").string(), path("v2.session"), Format::Telethon2);
    EXPECT_TRUE(has(r2.dropped, "takeout_id"));
    EXPECT_TRUE(has(r2.dropped, "user.access_hash"));
    EXPECT_FALSE(has(r2.dropped, "state"));
    EXPECT_TRUE(dropped_fields(d, Format::Sealed).empty());
}

}  // namespace
}  // namespace tgs::session::test
