// BigInt: byte conversions, arithmetic, modular helpers, primality.
#include <gtest/gtest.h>

#include "tgs/crypto/bigint.hpp"
#include "tgs/error.hpp"

namespace {

using tgs::Bytes;
using tgs::crypto::BigInt;

TEST(BigInt, BytesRoundTripAndPadding) {
    const BigInt x = BigInt::from_bytes(Bytes{0, 0, 0x01, 0x02});
    EXPECT_EQ(x.to_bytes(), (Bytes{0x01, 0x02}));
    EXPECT_EQ(x.to_bytes(4), (Bytes{0, 0, 0x01, 0x02}));
    EXPECT_EQ(x.to_u64(), 0x0102u);
    EXPECT_EQ(x.bits(), 9);
    EXPECT_EQ(x.byte_length(), 2u);
    EXPECT_THROW(x.to_bytes(1), tgs::Error);
    EXPECT_EQ(BigInt().to_bytes(), Bytes{});
    EXPECT_EQ(BigInt().to_bytes(3), Bytes(3, 0));
    EXPECT_TRUE(BigInt::from_bytes(Bytes{}).is_zero());
    EXPECT_EQ(BigInt(0x1122334455667788ULL).to_bytes(),
              (Bytes{0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88}));
    EXPECT_EQ(BigInt::power_of_two(16).to_bytes(), (Bytes{1, 0, 0}));
}

TEST(BigInt, ArithmeticAndCompare) {
    const BigInt a(100), b(7);
    EXPECT_EQ((a + b).to_u64(), 107u);
    EXPECT_EQ((a * b).to_u64(), 700u);
    EXPECT_EQ((a / b).to_u64(), 14u);
    EXPECT_EQ((a % b).to_u64(), 2u);
    EXPECT_TRUE((b - a).is_negative());
    EXPECT_EQ(((b - a) % BigInt(10)).to_u64(), 7u);  // non-negative remainder
    EXPECT_LT(b, a);
    EXPECT_GT(a, b);
    EXPECT_EQ(a, BigInt(100));
    EXPECT_EQ(a.mod_word(7), 2u);
    EXPECT_THROW((void)(a % BigInt(0)), tgs::Error);
}

TEST(BigInt, ModularHelpers) {
    const BigInt m(23);
    EXPECT_EQ(BigInt::mod_exp(BigInt(5), BigInt(3), m).to_u64(), 10u);          // 125 mod 23
    EXPECT_EQ(BigInt::mod_exp(BigInt(50), BigInt(2), m).to_u64(), 16u);         // base > m
    EXPECT_EQ(BigInt::mod_exp(BigInt(3), BigInt(5), BigInt(16)).to_u64(), 3u);  // even modulus
    EXPECT_EQ(BigInt::mod_mul(BigInt(20), BigInt(20), m).to_u64(), 9u);
    EXPECT_EQ(BigInt::mod_add(BigInt(20), BigInt(5), m).to_u64(), 2u);
    EXPECT_EQ(BigInt::mod_sub(BigInt(3), BigInt(5), m).to_u64(), 21u);
}

// The variable-time path for public exponents gives what the constant-time one gives.
TEST(BigInt, PublicExponentMatchesConstantTime) {
    const BigInt m(23);
    EXPECT_EQ(BigInt::mod_exp_public_exponent(BigInt(5), BigInt(3), m).to_u64(), 10u);
    EXPECT_EQ(BigInt::mod_exp_public_exponent(BigInt(50), BigInt(2), m).to_u64(), 16u);
    EXPECT_EQ(BigInt::mod_exp_public_exponent(BigInt(3), BigInt(5), BigInt(16)).to_u64(), 3u);
    const BigInt big_m = BigInt::power_of_two(2047) + BigInt(0x1234567);  // odd, 2048 bits
    const BigInt base = BigInt::power_of_two(2040) + BigInt(987654321);
    EXPECT_EQ(BigInt::mod_exp_public_exponent(base, BigInt(65537), big_m),
              BigInt::mod_exp(base, BigInt(65537), big_m));
}

TEST(BigInt, CopyAndMove) {
    BigInt a(42);
    BigInt b = a;
    b = b + BigInt(1);
    EXPECT_EQ(a.to_u64(), 42u);
    BigInt c = std::move(b);
    EXPECT_EQ(c.to_u64(), 43u);
    a = c;
    EXPECT_EQ(a.to_u64(), 43u);
}

TEST(BigInt, Primality) {
    EXPECT_TRUE(BigInt(2).is_prime(20));
    EXPECT_TRUE(BigInt(1000003).is_prime(20));
    EXPECT_FALSE(BigInt(1000001).is_prime(20));
    EXPECT_FALSE(BigInt(561).is_prime(20));  // Carmichael number
    EXPECT_FALSE(BigInt(1).is_prime(20));
    // 2^127 - 1 is prime, 2^128 + 1 is not.
    EXPECT_TRUE((BigInt::power_of_two(127) - BigInt(1)).is_prime(100));
    EXPECT_FALSE((BigInt::power_of_two(128) + BigInt(1)).is_prime(100));
}

}  // namespace
