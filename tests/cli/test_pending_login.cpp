#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>

#include "pending_login.hpp"
#include "tgs/error.hpp"

namespace tgsession {
namespace {

class PendingLoginTest : public ::testing::Test {
  protected:
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("tgs-cli-pending-" + std::to_string(::getpid()));
    void TearDown() override { std::filesystem::remove_all(dir); }
};

TEST_F(PendingLoginTest, RoundTripIs0600AndOutsideTheSession) {
    ::umask(0022);
    PendingLoginStore store(dir);
    PendingLogin p;
    p.session_path = absolute_session_key("acct.session").string();
    p.phone = "9996621234";
    p.phone_code_hash = "hash";
    p.dc_id = 2;
    p.server_address = "127.0.0.1";
    p.port = 4431;
    p.auth_key = tgs::Bytes(256, 0xab);
    p.code_length = 5;
    p.created_at = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
    store.save(p);

    const auto file = store.path_for("acct.session");
    EXPECT_EQ(file.parent_path(), dir / "pending");
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600U);
    ASSERT_EQ(::stat((dir / "pending").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700U);

    const auto back = store.load("acct.session");
    ASSERT_TRUE(back);
    EXPECT_EQ(back->phone, "9996621234");
    EXPECT_EQ(back->dc_id, 2);
    EXPECT_EQ(back->auth_key, p.auth_key);
    EXPECT_EQ(back->port, 4431);

    store.remove("acct.session");
    EXPECT_FALSE(store.load("acct.session"));
}

TEST_F(PendingLoginTest, KeyedByAbsolutePath) {
    PendingLoginStore store(dir);
    EXPECT_EQ(store.path_for("a.session"), store.path_for("./x/../a.session"));
    EXPECT_NE(store.path_for("a.session"), store.path_for("b.session"));
}

TEST_F(PendingLoginTest, CorruptFileIsReported) {
    PendingLoginStore store(dir);
    std::filesystem::create_directories(dir / "pending");
    std::ofstream(store.path_for("c.session")) << "{not json";
    try {
        store.load("c.session");
        FAIL();
    } catch (const tgs::Error& e) {
        EXPECT_EQ(e.code(), "PENDING_LOGIN_CORRUPT");
    }
}

PendingLogin sample(const std::string& session, std::int64_t created_at) {
    PendingLogin p;
    p.session_path = absolute_session_key(session).string();
    p.phone = "9996621234";
    p.phone_code_hash = "hash";
    p.dc_id = 2;
    p.auth_key = tgs::Bytes(256, 0xcd);
    p.created_at = created_at;
    return p;
}

// Issue 11: a pending login's key was never authorized; it does not stay on disk for ever.
TEST_F(PendingLoginTest, AnExpiredPendingLoginIsRemovedUnread) {
    PendingLoginStore store(dir);
    const std::int64_t t0 = 1'800'000'000;
    store.save(sample("e.session", t0));
    EXPECT_TRUE(store.load("e.session", t0 + kPendingLifetimeSeconds - 1));
    EXPECT_FALSE(store.load("e.session", t0 + kPendingLifetimeSeconds + 1));
    EXPECT_FALSE(std::filesystem::exists(store.path_for("e.session")));
}

// A link planted where the pending file goes is neither followed nor continued.
TEST_F(PendingLoginTest, ALinkInPlaceOfThePendingFileIsRefused) {
    PendingLoginStore store(dir);
    store.save(sample("real.session", 1'800'000'000));
    const auto real = store.path_for("real.session");
    const auto planted = store.path_for("l.session");
    std::filesystem::create_symlink(real, planted);
    try {
        (void)store.load("l.session", 1'800'000'000);
        FAIL() << "followed a link";
    } catch (const tgs::Error& e) {
        EXPECT_EQ(e.code(), "PENDING_LOGIN_CORRUPT") << e.what();
    }
}

// Leftovers of a writer killed between create and rename are cleaned up on the next save.
TEST_F(PendingLoginTest, StaleTemporariesAreRemovedOnSave) {
    PendingLoginStore store(dir);
    store.save(sample("a.session", 1'800'000'000));
    const auto leftover = dir / "pending" / ".0123456789abcdef.json.tmp-XXXXXX";
    std::ofstream(leftover) << "{\"auth_key\": \"00\"}";
    std::filesystem::last_write_time(
        leftover, std::filesystem::file_time_type::clock::now() - std::chrono::hours(3));
    store.save(sample("b.session", 1'800'000'000));
    EXPECT_FALSE(std::filesystem::exists(leftover));
}

}  // namespace
}  // namespace tgsession
