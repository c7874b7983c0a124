#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

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

}  // namespace
}  // namespace tgsession
