// The fixed-base comb for g = 3 and Telegram's prime (lib/crypto/src/dh_comb.hpp) against the
// generic constant-time exponentiation: the same g^x for edge exponents, for exponents that
// pick every table entry of every block, and for random ones; any other (g, p) or an exponent
// longer than 2048 bits is declined and dh_power_of_g still answers through the generic path.
// The published vectors (g_b of the official auth-key sample, A of the SRP tests) are checked
// against the comb itself, so a comb that declined them could not pass through the fallback.
#include <gtest/gtest.h>

#include "dh_comb.hpp"
#include "dh_comb_shape.hpp"
#include "test_support.hpp"
#include "tgs/crypto/dh.hpp"
#include "tgs/crypto/random.hpp"

namespace {

namespace crypto = tgs::crypto;
namespace detail = tgs::crypto::detail;
using crypto::BigInt;

const BigInt& prime() {
    static const BigInt p = BigInt::from_bytes(crypto::telegram_dh_prime());
    return p;
}

BigInt generic(std::int32_t g, const BigInt& x, const BigInt& p) {
    return BigInt::mod_exp(BigInt(static_cast<std::uint64_t>(g)), x, p);
}

void expect_comb_matches(const BigInt& x) {
    const auto fast = detail::dh_comb_pow(3, x, prime());
    ASSERT_TRUE(fast.has_value()) << "declined an exponent of " << x.bits() << " bits";
    EXPECT_EQ(fast->to_bytes(256), generic(3, x, prime()).to_bytes(256))
        << "exponent of " << x.bits() << " bits";
}

TEST(DhComb, EdgeExponentsMatchGeneric) {
    const BigInt one(1);
    for (std::uint64_t small : {0ULL, 1ULL, 2ULL, 3ULL, 0xffffffffffffffffULL})
        expect_comb_matches(BigInt(small));
    // Powers of two at the comb's seams (column, block and row boundaries) and the ends.
    for (int k : {1, 102, 103, 104, 411, 412, 413, 1647, 1648, 1957, 1958, 2046, 2047})
        expect_comb_matches(BigInt::power_of_two(k));
    expect_comb_matches(BigInt::power_of_two(2048) - one);  // every bit set
    expect_comb_matches(prime() - one);
    expect_comb_matches(prime());
    expect_comb_matches(prime() + one);
}

// For block s, column k = i has the teeth of index i: one exponent per block uses all 32 entries
// of that block, including any stored as entry + p (gen_dh_comb.cpp).
TEST(DhComb, EveryTableEntryIsRight) {
    for (int s = 0; s < detail::kCombBlocks; ++s) {
        BigInt x;
        for (int i = 0; i < detail::kCombEntries; ++i)
            for (int j = 0; j < detail::kCombTeeth; ++j)
                if ((i >> j) & 1)
                    x = x + BigInt::power_of_two(j * detail::kCombRowBits +
                                                 s * detail::kCombColumns + i);
        SCOPED_TRACE(s);
        expect_comb_matches(x);
    }
}

TEST(DhComb, RandomExponentsMatchGeneric) {
    tgs::Bytes secret(256);
    for (int i = 0; i < 48; ++i) {
        crypto::secure_random(secret);
        expect_comb_matches(BigInt::from_bytes(secret));
    }
}

TEST(DhComb, MatchesPublishedVectors) {
    const auto sample = tgs::test::load_vectors("auth_key_sample_core_telegram.json")["values"];
    ASSERT_EQ(sample["g"].get<int>(), 3);
    ASSERT_EQ(tgs::test::hex(sample["dh_prime"]), crypto::telegram_dh_prime());
    const auto g_b =
        detail::dh_comb_pow(3, BigInt::from_bytes(tgs::test::hex(sample["b"])), prime());
    ASSERT_TRUE(g_b.has_value());
    EXPECT_EQ(g_b->to_bytes(256), tgs::test::hex(sample["g_b"]));

    int checked = 0;
    const auto srp = tgs::test::load_vectors("srp_2fa.json")["vectors"];
    for (const auto& v : srp) {
        if (tgs::test::hex(v["p"]) != crypto::telegram_dh_prime()) continue;  // the toy prime
        ASSERT_EQ(v["g"].get<int>(), 3);
        SCOPED_TRACE(v["name"].get<std::string>());
        const auto A = detail::dh_comb_pow(3, BigInt::from_bytes(tgs::test::hex(v["a"])), prime());
        ASSERT_TRUE(A.has_value());
        EXPECT_EQ(A->to_bytes(256), tgs::test::hex(v["expected_A"]));
        ++checked;
    }
    EXPECT_EQ(checked, 2);
}

TEST(DhComb, DeclinesOtherPairsAndLongExponents) {
    const BigInt x = BigInt::power_of_two(2000) + BigInt(12345);
    EXPECT_FALSE(detail::dh_comb_pow(2, x, prime()).has_value());
    EXPECT_FALSE(detail::dh_comb_pow(7, x, prime()).has_value());
    const BigInt other = prime() + BigInt(2);
    EXPECT_FALSE(detail::dh_comb_pow(3, x, other).has_value());
    const BigInt long_x = BigInt::power_of_two(2048) + BigInt(5);
    EXPECT_FALSE(detail::dh_comb_pow(3, long_x, prime()).has_value());

    // The public entry point answers all of them, through the generic path.
    EXPECT_EQ(crypto::dh_power_of_g(2, x, prime()), generic(2, x, prime()));
    EXPECT_EQ(crypto::dh_power_of_g(3, x, other), generic(3, x, other));
    EXPECT_EQ(crypto::dh_power_of_g(3, long_x, prime()), generic(3, long_x, prime()));
    EXPECT_EQ(crypto::dh_power_of_g(3, x, prime()), generic(3, x, prime()));
}

}  // namespace
