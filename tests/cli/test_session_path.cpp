#include <gtest/gtest.h>

#include "session_path.hpp"

namespace tgsession {
namespace {

TEST(SessionPath, AppendsSessionWhenThereIsNoExtension) {
    EXPECT_EQ(session_path("acct"), "acct.session");
    EXPECT_EQ(session_path("dir/acct"), "dir/acct.session");
    EXPECT_EQ(session_path("/abs/dir.d/acct"), "/abs/dir.d/acct.session");
    EXPECT_EQ(session_path(".hidden"), ".hidden.session");  // a leading dot is not an extension
}

TEST(SessionPath, KeepsAnyExistingExtension) {
    EXPECT_EQ(session_path("acct.session"), "acct.session");
    EXPECT_EQ(session_path("acct.db"), "acct.db");
    EXPECT_EQ(session_path("dir/acct.sealed"), "dir/acct.sealed");
}

}  // namespace
}  // namespace tgsession
