// DH parameter and value checks (docs/protocol.md §3 step 6) and the exponentiation helpers.
#include <gtest/gtest.h>

#include "test_error_code.hpp"
#include "test_support.hpp"
#include "tgs/crypto/dh.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/error.hpp"

namespace {

using tgs::Bytes;
namespace crypto = tgs::crypto;
using crypto::BigInt;

using tgs::test::error_code_of;

TEST(Dh, TelegramPrimeMatchesVectorAndIsSafe) {
    const auto facts = tgs::test::load_vectors("srp_2fa.json")["telegram_dh_prime_facts_derived"];
    EXPECT_EQ(crypto::telegram_dh_prime(), tgs::test::hex(facts["p"]));
    const auto p = BigInt::from_bytes(crypto::telegram_dh_prime());
    EXPECT_EQ(p.bits(), facts["bits"].get<int>());
    EXPECT_EQ(p.mod_word(8), facts["p_mod_8"].get<std::uint64_t>());
    EXPECT_EQ(p.mod_word(24), facts["p_mod_24"].get<std::uint64_t>());
    // The real (uncached) primality path on p and (p-1)/2.
    EXPECT_TRUE(crypto::is_safe_prime_and_generator(p, 3));
    EXPECT_NO_THROW(crypto::check_dh_prime_and_g(crypto::telegram_dh_prime(), 3));
}

TEST(Dh, GeneratorRulesOnTelegramPrime) {
    const auto& p = crypto::telegram_dh_prime();
    // p mod 8 = 3, mod 5 = 3, mod 24 = 11, mod 7 = 6 (srp_2fa.json facts).
    EXPECT_EQ(error_code_of([&] { crypto::check_dh_prime_and_g(p, 2); }), "DH_G_INVALID");
    EXPECT_EQ(error_code_of([&] { crypto::check_dh_prime_and_g(p, 5); }), "DH_G_INVALID");
    EXPECT_EQ(error_code_of([&] { crypto::check_dh_prime_and_g(p, 6); }), "DH_G_INVALID");
    EXPECT_EQ(error_code_of([&] { crypto::check_dh_prime_and_g(p, 1); }), "DH_G_INVALID");
    EXPECT_EQ(error_code_of([&] { crypto::check_dh_prime_and_g(p, 8); }), "DH_G_INVALID");
    EXPECT_EQ(error_code_of([&] { crypto::check_dh_prime_and_g(p, 4); }), "no error");
    EXPECT_EQ(error_code_of([&] { crypto::check_dh_prime_and_g(p, 7); }), "no error");
}

TEST(Dh, RejectsBadPrimes) {
    Bytes even = crypto::telegram_dh_prime();
    even.back() ^= 1;  // not prime (even)
    EXPECT_EQ(error_code_of([&] { crypto::check_dh_prime_and_g(even, 4); }), "DH_PRIME_INVALID");
    // An uncached odd number that still satisfies g=3's rule goes through the full test.
    auto p6 = BigInt::from_bytes(crypto::telegram_dh_prime()) + BigInt(6);
    EXPECT_EQ(error_code_of([&] { crypto::check_dh_prime_and_g(p6.to_bytes(256), 3); }),
              "DH_PRIME_INVALID");
    // Wrong size: a 2047-bit number.
    const Bytes short_p = (BigInt::power_of_two(2046) + BigInt(1)).to_bytes(256);
    EXPECT_EQ(error_code_of([&] { crypto::check_dh_prime_and_g(short_p, 4); }), "DH_PRIME_INVALID");
    // p prime but (p-1)/2 not: 13 (6 is composite); 11 is safe.
    EXPECT_FALSE(crypto::is_safe_prime_and_generator(BigInt(13), 4));
    EXPECT_TRUE(crypto::is_safe_prime_and_generator(BigInt(11), 4));
}

TEST(Dh, SmallPrimeGeneratorTable) {
    const auto rows = tgs::test::load_vectors("srp_2fa.json")["p_g_checks_small"]["rows"];
    ASSERT_EQ(rows.size(), 16u);
    for (const auto& row : rows) {
        const auto p = row["p"].get<std::uint64_t>();
        const auto g = row["g"].get<std::int32_t>();
        EXPECT_EQ(crypto::is_safe_prime_and_generator(BigInt(p), g),
                  row["expect_valid"].get<bool>())
            << "p=" << p << " g=" << g;
    }
}

TEST(Dh, ValueRange) {
    const auto& pb = crypto::telegram_dh_prime();
    const auto p = BigInt::from_bytes(pb);
    const auto margin = BigInt::power_of_two(2048 - 64);
    auto in_range = [&](const BigInt& x) { return crypto::dh_value_in_range(x.to_bytes(256), pb); };
    EXPECT_FALSE(in_range(BigInt(0)));
    EXPECT_FALSE(in_range(BigInt(1)));
    EXPECT_FALSE(in_range(BigInt(2)));
    EXPECT_FALSE(in_range(margin));
    EXPECT_TRUE(in_range(margin + BigInt(1)));
    EXPECT_TRUE(in_range(p - margin - BigInt(1)));
    EXPECT_FALSE(in_range(p - margin));
    EXPECT_FALSE(in_range(p - BigInt(1)));
    EXPECT_FALSE(in_range(p));
    EXPECT_FALSE(crypto::dh_value_in_range(Bytes(257, 0xff), pb));

    const Bytes low = BigInt(2).to_bytes(256);
    EXPECT_EQ(error_code_of([&] { crypto::check_dh_value(low, pb); }), "DH_G_A_OUT_OF_RANGE");
    EXPECT_EQ(error_code_of([&] { crypto::check_dh_value(low, pb, "DH_G_B_OUT_OF_RANGE"); }),
              "DH_G_B_OUT_OF_RANGE");
    EXPECT_EQ(error_code_of([&] { crypto::check_dh_value(p.to_bytes(256), pb); }),
              "DH_G_A_OUT_OF_RANGE");
    EXPECT_EQ(error_code_of([&] { crypto::check_dh_value((margin + BigInt(5)).to_bytes(), pb); }),
              "no error");
}

TEST(Dh, BothSidesDeriveTheSameKey) {
    const auto& p = crypto::telegram_dh_prime();
    Bytes a(256), b(256);
    crypto::secure_random(a);
    crypto::secure_random(b);
    const Bytes g_a = crypto::dh_public_value(3, a, p);
    const Bytes g_b = crypto::dh_public_value(3, b, p);
    ASSERT_EQ(g_a.size(), 256u);
    EXPECT_TRUE(crypto::dh_value_in_range(g_a, p));
    const Bytes k1 = crypto::dh_shared_secret(g_b, a, p);
    const Bytes k2 = crypto::dh_shared_secret(g_a, b, p);
    EXPECT_EQ(k1, k2);
    EXPECT_EQ(k1.size(), 256u);
    EXPECT_NE(k1, g_a);
    // g^1 = g, left-padded.
    Bytes three(256, 0);
    three.back() = 3;
    EXPECT_EQ(crypto::dh_public_value(3, Bytes{1}, p), three);
}

}  // namespace
