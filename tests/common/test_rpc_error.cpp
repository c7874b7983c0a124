#include <gtest/gtest.h>

#include "tgs/rpc_error.hpp"

TEST(RpcError, SplitsTrailingValue) {
    tgs::RpcError e(420, "FLOOD_WAIT_42");
    EXPECT_EQ(e.name(), "FLOOD_WAIT");
    EXPECT_EQ(e.value(), 42);
    EXPECT_EQ(e.error_code(), 420);
    EXPECT_EQ(e.code(), "RPC_FLOOD_WAIT");
}

TEST(RpcError, SplitsInnerValue) {
    auto [name, value] = tgs::RpcError::split("EMAIL_UNCONFIRMED_6_X");
    EXPECT_EQ(name, "EMAIL_UNCONFIRMED_X");
    EXPECT_EQ(value, 6);
}

TEST(RpcError, NoValue) {
    tgs::RpcError e(401, "SESSION_PASSWORD_NEEDED");
    EXPECT_EQ(e.name(), "SESSION_PASSWORD_NEEDED");
    EXPECT_FALSE(e.value().has_value());
}

TEST(RpcError, IsMatchesANameOrAPrefixPattern) {
    const tgs::RpcError e(400, "PHONE_CODE_EXPIRED");
    EXPECT_TRUE(e.is("PHONE_CODE_EXPIRED"));
    EXPECT_TRUE(e.is("PHONE_CODE_*"));
    EXPECT_TRUE(e.is("*"));
    EXPECT_FALSE(e.is("PHONE_CODE"));  // exact unless it ends in '*'
    EXPECT_FALSE(e.is("PHONE_CODE_INVALID"));
    EXPECT_FALSE(e.is("EMAIL_*"));
    EXPECT_FALSE(e.is("RPC_PHONE_CODE_EXPIRED"));  // the name, not code()
    EXPECT_TRUE(e.is_any({"EMAIL_CODE_INVALID", "PHONE_CODE_*"}));
    EXPECT_FALSE(e.is_any({"EMAIL_CODE_INVALID", "CODE_INVALID"}));
    // The value is split off first: FLOOD_WAIT_42 is FLOOD_WAIT.
    EXPECT_TRUE(tgs::RpcError(420, "FLOOD_WAIT_42").is("FLOOD_WAIT"));
}
