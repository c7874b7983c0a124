// Detection by table/column sets, and each bad input's specific error with the file untouched.
#include <random>

#include "session_test_util.hpp"
#include "tgs/session/errors.hpp"
#include "tgs/session/store.hpp"
#include "tgs/session/strings.hpp"

namespace tgs::session::test {
namespace {

class Detect : public TempDir {
  protected:
    // Runs SQL on a new SQLite file.
    std::filesystem::path make_db(const std::string& name, const std::string& sql) {
        const auto p = path(name);
        SQLite::Database db(p.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec(sql);
        return p;
    }
    // Opening, detecting and saving over `p` must fail with `code` and leave it byte-identical.
    void expect_rejected(const std::filesystem::path& p, const std::string& code) {
        const std::string before = slurp(p);
        const auto files = listing(dir_);
        EXPECT_EQ(error_code_of([&] { detect_file_format(p); }), code);
        EXPECT_EQ(error_code_of([&] { open_read_only(p); }), code);
        EXPECT_EQ(error_code_of([&] { save(p, sample_session(), Format::Telethon); }), code);
        EXPECT_EQ(slurp(p), before);
        EXPECT_EQ(listing(dir_), files);  // no journal, temp or backup left behind
    }
};

TEST_F(Detect, EachWrittenFormatIsDetected) {
    auto d = sample_session();
    d.api_id = 1;
    for (Format f : {Format::Telethon, Format::Telethon2, Format::Pyrogram, Format::TelethonString,
                     Format::GramjsString, Format::PyrogramString}) {
        const auto p = path(std::string(format_name(f)) + ".session");
        save(p, d, f);
        EXPECT_EQ(detect_file_format(p), f) << format_name(f);
    }
}

TEST_F(Detect, KurigramIsReadNotPyrogramOrTelethon) {
    // Kurigram: version.number = 7 (same number as Telethon v1's version.version = 7).
    const auto p = make_db("kuri.session", R"(
        CREATE TABLE sessions (dc_id INTEGER PRIMARY KEY, api_id INTEGER, test_mode INTEGER, auth_key BLOB,
            date INTEGER NOT NULL, user_id INTEGER, is_bot INTEGER, server_address TEXT, port INTEGER);
        CREATE TABLE peers (id INTEGER PRIMARY KEY, access_hash INTEGER, type INTEGER NOT NULL,
            phone_number TEXT, last_update_on INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE usernames (id INTEGER, username TEXT);
        CREATE TABLE update_state (id INTEGER PRIMARY KEY, pts INTEGER, qts INTEGER, date INTEGER, seq INTEGER);
        CREATE TABLE version (number INTEGER PRIMARY KEY);
        INSERT INTO version VALUES (7);
        INSERT INTO sessions VALUES (4, 11, 0, zeroblob(256), 0, 5550, 0, '10.1.2.3', 8443);
        INSERT INTO peers VALUES (5550, -9, 'user', '4470', 0);
        INSERT INTO usernames VALUES (5550, 'kuri');)");
    EXPECT_EQ(detect_file_format(p), Format::Kurigram);
    const auto d = open_read_only(p).data;
    EXPECT_EQ(d.dc_id, 4);
    EXPECT_EQ(d.server_address, "10.1.2.3");
    EXPECT_EQ(d.port, 8443);
    EXPECT_EQ(d.api_id, 11);
    ASSERT_TRUE(d.user);
    EXPECT_EQ(d.user->username, "kuri");
    EXPECT_EQ(d.user->access_hash, -9);
    EXPECT_EQ(error_code_of([&] { save(path("k2.session"), d, Format::Kurigram); }),
              "SESSION_FORMAT_READ_ONLY");
}

TEST_F(Detect, MissingFile) {
    EXPECT_EQ(error_code_of([&] { detect_file_format(path("nope.session")); }),
              "SESSION_NOT_FOUND");
    EXPECT_EQ(error_code_of([&] { open_read_only(path("nope.session")); }), "SESSION_NOT_FOUND");
}

TEST_F(Detect, EmptyFileIsReportedButMayBeWritten) {
    const auto p = path("empty.session");
    spit(p, "");
    EXPECT_EQ(error_code_of([&] { open_read_only(p); }), "SESSION_EMPTY");
    EXPECT_EQ(slurp(p), "");
    save(p, sample_session(), Format::Telethon);  // Telethon treats an empty file as new, so do we
    EXPECT_EQ(detect_file_format(p), Format::Telethon);
}

TEST_F(Detect, RandomBytesAreCorrupt) {
    std::mt19937 rng(7);
    std::string junk(5000, '\0');
    for (auto& c : junk) c = static_cast<char>(rng());
    const auto p = path("junk.session");
    spit(p, junk);
    expect_rejected(p, "SESSION_CORRUPT");
}

TEST_F(Detect, TruncatedSqliteIsCorrupt) {
    const auto good = path("good.session");
    auto d = sample_session();
    save(good, d, Format::Telethon);
    const std::string full = slurp(good);
    ASSERT_GT(full.size(), 4096u);
    for (std::size_t cut :
         {std::size_t{50}, std::size_t{4096}, full.size() - 1000, full.size() - 1}) {
        const auto p = path("cut" + std::to_string(cut) + ".session");
        spit(p, full.substr(0, cut));
        expect_rejected(p, "SESSION_CORRUPT");
    }
}

TEST_F(Detect, DamagedPagesAreCorrupt) {
    const auto p = path("damaged.session");
    save(p, sample_session(), Format::Telethon);
    std::string bytes = slurp(p);
    for (std::size_t i = 4096 + 8; i < bytes.size(); i += 3) bytes[i] = static_cast<char>(0xA5);
    spit(p, bytes);
    expect_rejected(p, "SESSION_CORRUPT");
}

TEST_F(Detect, ForeignSqlite) {
    const auto p =
        make_db("foreign.session", "create table notes (id integer primary key, body text);");
    expect_rejected(p, "SESSION_FOREIGN");
    const auto half = make_db(
        "half.session",
        "create table version (version integer primary key); insert into version values (7);");
    expect_rejected(half, "SESSION_FOREIGN");
}

TEST_F(Detect, WrongVersions) {
    const auto v1 = path("v1.session");
    save(v1, sample_session(), Format::Telethon);
    {
        SQLite::Database db(v1.string(), SQLite::OPEN_READWRITE);
        db.exec("update version set version = 6");
    }
    expect_rejected(v1, "SESSION_UNSUPPORTED_VERSION");
    const auto py = path("py.session");
    save(py, sample_session(), Format::Pyrogram);
    {
        SQLite::Database db(py.string(), SQLite::OPEN_READWRITE);
        db.exec("update version set number = 2");
    }
    expect_rejected(py, "SESSION_UNSUPPORTED_VERSION");
    const auto v2 = path("v2.session");
    save(v2, sample_session(), Format::Telethon2);
    {
        SQLite::Database db(v2.string(), SQLite::OPEN_READWRITE);
        db.exec("update version set version = 11");
    }
    expect_rejected(v2, "SESSION_UNSUPPORTED_VERSION");
}

TEST_F(Detect, TextFileWithAStringSession) {
    const auto p = path("str.txt");
    spit(p, encode_string(sample_session(), Format::GramjsString) + "\n");
    EXPECT_EQ(detect_file_format(p), Format::GramjsString);
    spit(p, "hello world\n");
    expect_rejected(p, "SESSION_CORRUPT");
}

TEST(PathRule, NoExtensionGetsSession) {
    EXPECT_EQ(session_path("foo"), "foo.session");
    EXPECT_EQ(session_path("dir.d/foo"), "dir.d/foo.session");
    EXPECT_EQ(session_path("foo.session"), "foo.session");
    EXPECT_EQ(session_path("foo.db"), "foo.db");
}

}  // namespace
}  // namespace tgs::session::test
