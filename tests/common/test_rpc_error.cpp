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
