#include <gtest/gtest.h>

#include "tgs/bytes.hpp"
#include "tgs/error.hpp"

TEST(Hex, RoundTrips) {
    auto b = tgs::from_hex("00ff10Ab");
    ASSERT_EQ(b.size(), 4u);
    EXPECT_EQ(b[1], 0xff);
    EXPECT_EQ(tgs::to_hex(b), "00ff10ab");
}

TEST(Hex, RejectsOddAndNonHex) {
    EXPECT_THROW(tgs::from_hex("abc"), tgs::Error);
    EXPECT_THROW(tgs::from_hex("zz"), tgs::Error);
}
