// The in-memory reader of Telethon files (lib/session/src/sqlite_image.hpp) against SQLite
// itself: whatever the image reader returns must be exactly what SQLite reads from the same
// bytes, and anything it does not understand must come back as "not for me" (nullopt).
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <fstream>
#include <random>

#include "internal.hpp"
#include "session_test_util.hpp"
#include "sqlite_image.hpp"
#include "tgs/session/store.hpp"

namespace tgs::session::test {
namespace {

class SqliteImageTest : public TempDir {
  protected:
    // A Telethon file written by SQLite with Telethon's own DDL; `tweak` runs after it.
    std::filesystem::path telethon_file(const std::string& name, const std::string& tweak = "",
                                        int page_size = 4096) {
        const auto p = path(name);
        SQLite::Database db(p.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("pragma page_size = " + std::to_string(page_size));
        for (const char* t : detail::telethon_v1_tables()) {
            db.exec(std::string("create table ") + t);
        }
        db.exec("insert into version values (7)");
        SQLite::Statement s(db, "insert into sessions values (2, '149.154.167.51', 443, ?, null)");
        const auto key = key_bytes(7);
        s.bind(1, key.data(), static_cast<int>(key.size()));
        s.exec();
        db.exec("insert into entities values (777000123, 42, 'someone', 15550001234, 'Ann', 1)");
        db.exec("insert into update_state values (0, 120, 7, 1700000000, 33)");
        if (!tweak.empty()) db.exec(tweak);
        return p;
    }

    std::string last_error_;

    static Bytes bytes_of(const std::filesystem::path& p) {
        const std::string s = slurp(p);
        return Bytes(s.begin(), s.end());
    }

    // What SQLite reads from these bytes (as open_read_only would), or nullopt if it refuses.
    std::optional<SessionData> sqlite_read(const Bytes& image) {
        const auto p = path("copy.session");
        std::ofstream(p, std::ios::binary | std::ios::trunc)
            .write(reinterpret_cast<const char*>(image.data()),
                   static_cast<std::streamsize>(image.size()));
        try {
            SQLite::Database db(p.string(), SQLite::OPEN_READONLY);
            if (detail::classify_sqlite(db) != Format::Telethon) return std::nullopt;
            return detail::read_telethon_v1(db);
        } catch (const std::exception& e) {
            last_error_ = e.what();
            return std::nullopt;
        }
    }

    // The image reader reads the file, and reads what SQLite reads.
    void expect_same(const std::filesystem::path& p) {
        const Bytes image = bytes_of(p);
        const auto fast = detail::read_telethon_v1_image(image);
        ASSERT_TRUE(fast.has_value()) << p;
        const auto slow = sqlite_read(image);
        ASSERT_TRUE(slow.has_value()) << p;
        EXPECT_EQ(*fast, *slow) << p;
    }
};

TEST_F(SqliteImageTest, ReadsWhatTgsessionWrites) {
    const auto p = path("ours.session");
    auto d = sample_session();
    d.user->bot.reset();  // Telethon v1 does not keep it
    d.state->channels = {{1001, 5}, {1002, 6}};
    save(p, d, Format::Telethon);
    expect_same(p);
    const auto fast = detail::read_telethon_v1_image(bytes_of(p));
    ASSERT_TRUE(fast);
    EXPECT_EQ(fast->auth_key->view()[0], d.auth_key->view()[0]);
    EXPECT_EQ(fast->user->id, 777000123);
    EXPECT_EQ(fast->state->channels.size(), 2u);
}

TEST_F(SqliteImageTest, ReadsTelethonsOwnLayouts) {
    expect_same(telethon_file("plain.session"));
    expect_same(telethon_file("small-pages.session", "", 512));
    expect_same(telethon_file("large-pages.session", "", 65536));
    // REAL date (older Telethon), channel rows, chats (negative ids) before the user.
    expect_same(telethon_file("values.session",
                              "update update_state set date = 1700000000.75;"
                              "insert into update_state values (1001, 5, 0, 1.5, 0);"
                              "insert into entities values (-100123, 1, null, null, 'chat', 1);"));
    // Two users: no self user can be told; no user at all; no session row; an empty key.
    expect_same(telethon_file("two.session", "insert into entities values (5, 1, 'b', 1, 'B', 1)"));
    expect_same(telethon_file("nouser.session", "delete from entities"));
    expect_same(telethon_file("nosession.session", "delete from sessions"));
    expect_same(telethon_file("emptykey.session", "update sessions set auth_key = x''"));
    expect_same(telethon_file("nullkey.session", "update sessions set auth_key = null"));
}

TEST_F(SqliteImageTest, ReadsDeepTreesAndOverflowPages) {
    // Thousands of entities: interior pages; a long name: a payload on overflow pages.
    std::string many = "insert into entities values (777000123 + 1, 1, 'x', 1, '" +
                       std::string(20000, 'n') + "', 1);";
    many +=
        "with recursive n(i) as (select 1 union all select i + 1 from n where i < 3000) "
        "insert into entities select -i, i, 'user' || i, i, 'name ' || i, i from n;";
    many += "update sessions set server_address = '" + std::string(5000, 'a') + "';";
    expect_same(telethon_file("deep.session", many, 1024));
}

TEST_F(SqliteImageTest, ReadsMigratedSchemas) {
    // Telethon 1.x upgrading an old file: ALTER TABLE appends columns; old rows lack them.
    const auto p = path("migrated.session");
    {
        SQLite::Database db(p.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec(
            "create table version (version integer primary key);"
            "create table sessions (dc_id integer primary key, server_address text, "
            "port integer, auth_key blob);"
            "create table entities (id integer primary key, hash integer not null, "
            "username text, phone integer, name text);"
            "create table sent_files (md5_digest blob, file_size integer, type integer, "
            "id integer, hash integer, primary key(md5_digest, file_size, type));"
            "create table update_state (id integer primary key, pts integer, qts integer, "
            "date integer, seq integer);"
            "insert into version values (7);"
            "insert into sessions values (4, '1.2.3.4', 443, zeroblob(256));"
            "insert into entities values (99, 1, 'me', 123, 'Me');"
            "alter table sessions add column takeout_id integer;"
            "alter table entities add column date integer;");
    }
    expect_same(p);
}

TEST_F(SqliteImageTest, LeavesEverythingElseToSqlite) {
    auto refused = [&](const std::filesystem::path& p) {
        return !detail::read_telethon_v1_image(bytes_of(p)).has_value();
    };
    EXPECT_TRUE(refused(telethon_file("extra.session", "create table notes (id integer)")));
    EXPECT_TRUE(refused(telethon_file("index.session", "create index i on entities(username)")));
    EXPECT_TRUE(refused(telethon_file("v6.session", "update version set version = 6")));
    EXPECT_TRUE(refused(telethon_file("textport.session", "update sessions set port = 'x'")));
    EXPECT_TRUE(refused(telethon_file("shortkey.session", "update sessions set auth_key = x'00'")));
    EXPECT_TRUE(refused(telethon_file("wal.session", "pragma journal_mode = wal")));
    EXPECT_TRUE(refused(
        telethon_file("pyrogramish.session", "alter table sessions add column test_mode integer")));
    Bytes cut = bytes_of(telethon_file("cut.session"));
    cut.resize(cut.size() / 2);
    EXPECT_FALSE(detail::read_telethon_v1_image(cut).has_value());
    EXPECT_FALSE(detail::read_telethon_v1_image(Bytes(100, 0)).has_value());
}

TEST_F(SqliteImageTest, RootPagesSqliteRefusesAreRefused) {
    // Found by fuzz_sqlite_image (session 6): sent_files' automatic index on root page 1.
    // SQLite calls such a schema malformed; the image reader read the tables and said healthy.
    auto damaged = [&](const std::string& name, const std::string& entry, int root) {
        return bytes_of(telethon_file(
            name, "pragma writable_schema = on; update sqlite_master set rootpage = " +
                      std::to_string(root) + " where name = '" + entry + "'"));
    };
    for (const auto& image : {damaged("index1.session", "sqlite_autoindex_sent_files_1", 1),
                              damaged("index0.session", "sqlite_autoindex_sent_files_1", 0),
                              damaged("indexpast.session", "sqlite_autoindex_sent_files_1", 9999),
                              damaged("tablepast.session", "entities", 9999)}) {
        EXPECT_FALSE(sqlite_read(image).has_value());
        EXPECT_FALSE(detail::read_telethon_v1_image(image).has_value());
    }
}

TEST_F(SqliteImageTest, DamagedBytesAreReadAsSqliteReadsThemOrRefused) {
    // One to three bits flipped anywhere: the image reader may refuse, but what it returns is
    // what SQLite returns for the same bytes (so it never calls a damaged file healthy).
    // TGS_IMAGE_FLIPS=N runs N cases instead of 400 (30,000 passed when this was written).
    const Bytes good = bytes_of(telethon_file("good.session", "", 1024));
    std::mt19937 rng(8);
    const char* env = std::getenv("TGS_IMAGE_FLIPS");
    const int cases = env ? std::atoi(env) : 400;
    int read = 0;
    for (int i = 0; i < cases; ++i) {
        Bytes bad = good;
        std::string where;
        for (unsigned n = 1 + rng() % 3; n > 0; --n) {
            const std::size_t at = rng() % bad.size();
            bad[at] = static_cast<std::uint8_t>(bad[at] ^ (1u << (rng() % 8)));
            where += " " + std::to_string(at);
        }
        const auto fast = detail::read_telethon_v1_image(bad);
        if (!fast) continue;
        ++read;
        const auto slow = sqlite_read(bad);
        ASSERT_TRUE(slow.has_value())
            << "bytes" << where << ": image read, SQLite refused: " << last_error_;
        ASSERT_EQ(*fast, *slow) << "bytes" << where;
    }
    EXPECT_GT(read, cases / 4);  // most flips land in free space or values
}

TEST_F(SqliteImageTest, OpenReadOnlyGivesTheSameAsSqlite) {
    const auto p = telethon_file("entry.session");
    const auto loaded = open_read_only(p);
    EXPECT_EQ(loaded.format, Format::Telethon);
    const auto slow = sqlite_read(bytes_of(p));
    ASSERT_TRUE(slow);
    EXPECT_EQ(loaded.data, *slow);
}

}  // namespace
}  // namespace tgs::session::test
