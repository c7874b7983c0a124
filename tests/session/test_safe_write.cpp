// File safety: 0600 under any umask, atomic replacement, backups, read-only opens, locking.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "session_test_util.hpp"
#include "tgs/error.hpp"
#include "tgs/session/lock.hpp"
#include "tgs/session/store.hpp"

namespace tgs::session::test {
namespace {

class SafeWrite : public TempDir {};

mode_t mode_of(const std::filesystem::path& p) {
    struct stat st {};
    EXPECT_EQ(::stat(p.c_str(), &st), 0);
    return st.st_mode & 07777;
}

TEST_F(SafeWrite, NewFilesAre0600UnderUmask000) {
    const mode_t old = ::umask(0);
    for (Format f :
         {Format::Telethon, Format::Telethon2, Format::Pyrogram, Format::TelethonString}) {
        const auto p = path(std::string(format_name(f)) + ".session");
        save(p, sample_session(), f);
        EXPECT_EQ(mode_of(p), 0600u) << format_name(f);
        EXPECT_FALSE(readable_by_others(p));
    }
    {
        SessionLock lock(path("x.session"));
        EXPECT_EQ(mode_of(SessionLock::lock_path(path("x.session"))), 0600u);
    }
    ::umask(old);
}

TEST_F(SafeWrite, ReadableByOthersIsDetected) {
    const auto p = path("a.session");
    save(p, sample_session(), Format::Telethon);
    ::chmod(p.c_str(), 0644);
    EXPECT_TRUE(readable_by_others(p));
}

TEST_F(SafeWrite, ReadOnlyOpenWritesNothing) {
    const auto p = path("ro.session");
    save(p, sample_session(), Format::Telethon);
    const auto files = listing(dir_);
    const std::string before = slurp(p);
    struct stat st {};
    ::stat(p.c_str(), &st);
    ::chmod(p.c_str(), 0400);  // a writer would fail; a reader must not care
    const auto d = open_read_only(p).data;
    EXPECT_EQ(d.dc_id, 2);
    EXPECT_EQ(slurp(p), before);
    EXPECT_EQ(listing(dir_), files);
}

TEST_F(SafeWrite, UpdateKeepsForeignRowsAndLeavesNoTemps) {
    const auto p = path("u.session");
    save(p, sample_session(1), Format::Telethon);
    {
        SQLite::Database db(p.string(), SQLite::OPEN_READWRITE);
        db.exec("insert into entities values (-100123, 5, 'chan', null, 'Chan', 0)");
    }
    auto d = sample_session(2);
    d.dc_id = 4;
    save(p, d, Format::Telethon);
    EXPECT_EQ(listing(dir_), std::set<std::string>{"u.session"});
    SQLite::Database db(p.string(), SQLite::OPEN_READONLY);
    EXPECT_EQ(db.execAndGet("select count(*) from entities where id = -100123").getInt(), 1);
    EXPECT_EQ(db.execAndGet("select dc_id from sessions").getInt(), 4);
}

TEST_F(SafeWrite, FormatChangeKeepsABackup) {
    const auto p = path("b.session");
    save(p, sample_session(), Format::Pyrogram);
    const std::string before = slurp(p);
    save(p, sample_session(), Format::Telethon);
    EXPECT_EQ(detect_file_format(p), Format::Telethon);
    auto bak = p;
    bak += ".bak";
    EXPECT_EQ(slurp(bak), before);
    EXPECT_EQ(mode_of(bak), 0600u);
}

// Sealing a plain file in place must not leave the plain auth key beside the sealed file.
TEST_F(SafeWrite, SealingInPlaceLeavesNoPlaintextBackup) {
    const auto p = path("s.session");
    save(p, sample_session(), Format::Telethon);
    SaveOptions opts;
    opts.seal_key = SealKey::raw(Bytes(32, 0xaa));
    std::vector<std::filesystem::path> announced;
    opts.on_backup = [&](const std::filesystem::path& b) { announced.push_back(b); };
    save(p, sample_session(), Format::Sealed, opts);
    EXPECT_EQ(detect_file_format(p), Format::Sealed);
    EXPECT_EQ(listing(dir_), std::set<std::string>{"s.session"});
    EXPECT_TRUE(announced.empty());
}

TEST_F(SafeWrite, EveryBackupIsAnnouncedWithItsPath) {
    const auto p = path("c.session");
    save(p, sample_session(), Format::Pyrogram);
    SaveOptions opts;
    std::vector<std::filesystem::path> announced;
    opts.on_backup = [&](const std::filesystem::path& b) { announced.push_back(b); };
    save(p, sample_session(), Format::Telethon, opts);
    auto bak = p;
    bak += ".bak";
    ASSERT_EQ(announced.size(), 1u);
    EXPECT_EQ(announced[0], bak);
    EXPECT_TRUE(std::filesystem::exists(bak));
}

// A traded file is hostile SQL: a trigger planted in it must not run when we update the file.
TEST_F(SafeWrite, TriggersInAnExistingFileDoNotRunOnUpdate) {
    const auto p = path("t.session");
    save(p, sample_session(1), Format::Telethon);
    {
        SQLite::Database db(p.string(), SQLite::OPEN_READWRITE);
        db.exec("create table planted (x integer)");
        db.exec(
            "create trigger t1 after update on sessions begin insert into planted values (1); end");
        db.exec(
            "create trigger t2 after insert on sessions begin insert into planted values (2); end");
        db.exec(
            "create trigger t3 after delete on sessions begin insert into planted values (3); end");
    }
    auto d = sample_session(2);
    d.dc_id = 4;
    save(p, d, Format::Telethon);
    SQLite::Database db(p.string(), SQLite::OPEN_READONLY);
    EXPECT_EQ(db.execAndGet("select dc_id from sessions").getInt(), 4);
    EXPECT_EQ(db.execAndGet("select count(*) from planted").getInt(), 0);
}

TEST_F(SafeWrite, OversizedValuesAreRefused) {
    const auto p = path("big.session");
    save(p, sample_session(), Format::Telethon);
    {
        SQLite::Database db(p.string(), SQLite::OPEN_READWRITE);
        db.exec("update sessions set server_address = zeroblob(4 * 1024 * 1024)");
    }
    try {
        (void)open_read_only(p);
        ADD_FAILURE() << "a 4 MiB address was read";
    } catch (const tgs::Error& e) {
        EXPECT_EQ(e.code(), "SESSION_CORRUPT") << e.what();
    }
}

// Issue 11: a link planted at NAME.lock would have us truncate and write whatever it names.
TEST_F(SafeWrite, ALockFileThatIsALinkIsRefusedAndItsTargetUntouched) {
    const auto victim = path("victim.txt");
    {
        std::FILE* f = std::fopen(victim.c_str(), "w");
        ASSERT_NE(f, nullptr);
        std::fputs("precious\n", f);
        std::fclose(f);
    }
    const auto s = path("l.session");
    std::filesystem::create_symlink(victim, SessionLock::lock_path(s));
    try {
        SessionLock lock(s);
        ADD_FAILURE() << "locked through a symbolic link";
    } catch (const tgs::Error& e) {
        EXPECT_EQ(e.code(), "SESSION_WRITE_FAILED");
        EXPECT_NE(std::string(e.what()).find("symbolic link"), std::string::npos) << e.what();
    }
    EXPECT_EQ(std::filesystem::file_size(victim), 9u);
}

// Saving replaces a link at the session path with a private file; the link's target is
// neither written nor chmod'ed.
TEST_F(SafeWrite, SavingOverALinkDoesNotWriteItsTarget) {
    const auto victim = path("victim.txt");
    {
        std::FILE* f = std::fopen(victim.c_str(), "w");
        ASSERT_NE(f, nullptr);
        std::fclose(f);
    }
    ::chmod(victim.c_str(), 0644);
    const auto s = path("link.session");
    std::filesystem::create_symlink(victim, s);
    save(s, sample_session(), Format::TelethonString);
    EXPECT_EQ(std::filesystem::file_size(victim), 0u);
    EXPECT_EQ(mode_of(victim), 0644u);
    EXPECT_FALSE(std::filesystem::is_symlink(s));
    EXPECT_EQ(mode_of(s), 0600u);
}

TEST_F(SafeWrite, LockContentionNamesTheHolderPid) {
    const auto p = path("l.session");
    int ready[2];
    int release[2];
    ASSERT_EQ(::pipe(ready), 0);
    ASSERT_EQ(::pipe(release), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        {
            SessionLock lock(p);
            char c = 'r';
            (void)!::write(ready[1], &c, 1);
            (void)!::read(release[0], &c, 1);
        }
        ::_exit(0);
    }
    char c;
    ASSERT_EQ(::read(ready[0], &c, 1), 1);
    try {
        SessionLock second(p);
        ADD_FAILURE() << "second lock was granted";
    } catch (const tgs::Error& e) {
        EXPECT_EQ(e.code(), "SESSION_LOCKED");
        EXPECT_NE(std::string(e.what()).find("PID " + std::to_string(child)), std::string::npos)
            << e.what();
    }
    // Waiting: the holder lets go after ~300 ms; a 5 s wait gets the lock.
    const auto t0 = std::chrono::steady_clock::now();
    const pid_t releaser = ::fork();
    if (releaser == 0) {
        ::usleep(300000);
        (void)!::write(release[1], "x", 1);
        ::_exit(0);
    }
    {
        SessionLock waited(p, std::chrono::seconds(5));
        EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(250));
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    ::waitpid(releaser, &status, 0);
    EXPECT_FALSE(std::filesystem::exists(SessionLock::lock_path(p)));
}

TEST_F(SafeWrite, LockIsReleasedWhenTheHolderDies) {
    const auto p = path("d.session");
    const pid_t child = ::fork();
    if (child == 0) {
        SessionLock lock(p);
        ::pause();
    }
    ::usleep(200000);
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    SessionLock mine(p);  // the stale lock file doesn't block us
    SUCCEED();
}

}  // namespace
}  // namespace tgs::session::test
