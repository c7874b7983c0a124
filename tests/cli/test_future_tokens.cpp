// The future-auth-token store: newest first, at most 20, expired ones dropped, 0600 files whose
// names do not contain the phone number, and --forget deletes them.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "future_tokens.hpp"
#include "test_support.hpp"

namespace tgsession {
namespace {

class FutureTokens : public ::testing::Test {
  protected:
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("tgs_future_tokens_" + std::to_string(::getpid()));
    void TearDown() override { std::filesystem::remove_all(dir); }
};

tgs::Bytes tok(std::uint8_t b) {
    return tgs::Bytes(16, b);
}

TEST_F(FutureTokens, NewestFirstAndDeduplicated) {
    FutureTokenStore store(dir);
    store.add("15550001111", tok(1), 1000);
    store.add("15550001111", tok(2), 1001);
    store.add("15550001111", tok(1), 1002);
    const auto got = store.load("15550001111", 1003);
    ASSERT_EQ(got.size(), 2U);
    EXPECT_EQ(got[0], tok(1));
    EXPECT_EQ(got[1], tok(2));
    EXPECT_TRUE(store.load("15550002222", 1003).empty());
}

TEST_F(FutureTokens, AtMostTwentyAndExpiredDropped) {
    FutureTokenStore store(dir);
    for (int i = 0; i < 25; ++i) store.add("1555", tok(static_cast<std::uint8_t>(i)), 5000 + i);
    auto got = store.load("1555", 6000);
    ASSERT_EQ(got.size(), FutureTokenStore::kMaxTokens);
    EXPECT_EQ(got.front(), tok(24));
    EXPECT_TRUE(store.load("1555", 5100 + FutureTokenStore::kMaxAge).empty());
}

TEST_F(FutureTokens, PrivateFileNotNamedByTheNumber) {
    FutureTokenStore store(dir);
    store.add("15550001111", tok(7), 1000);
    const auto file = store.file_for("15550001111");
    ASSERT_TRUE(std::filesystem::exists(file));
    EXPECT_EQ(file.filename().string().find("15550001111"), std::string::npos);
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600U);
    EXPECT_TRUE(store.forget("15550001111"));
    EXPECT_FALSE(std::filesystem::exists(file));
    EXPECT_FALSE(store.forget("15550001111"));
}

}  // namespace
}  // namespace tgsession
