// pq factorisation against pq_factorization.json, plus the failure cases.
#include <gtest/gtest.h>

#include <vector>

#include "test_support.hpp"
#include "tgs/crypto/pq.hpp"
#include "tgs/error.hpp"

namespace {

namespace crypto = tgs::crypto;

TEST(Pq, AllVectorRows) {
    const auto rows = tgs::test::load_vectors("pq_factorization.json")["rows"];
    ASSERT_GE(rows.size(), 10u);
    bool saw_above_2_63 = false;
    for (const auto& row : rows) {
        const auto pq = row["pq"].get<std::uint64_t>();
        const auto f = crypto::factorize_pq(pq);
        EXPECT_EQ(f.p, row["p"].get<std::uint64_t>()) << pq;
        EXPECT_EQ(f.q, row["q"].get<std::uint64_t>()) << pq;
        // The same via resPQ's big-endian bytes, and p/q re-encoded minimally.
        const auto be = crypto::u64_to_minimal_be(pq);
        const auto g = crypto::factorize_pq(tgs::ByteView(be));
        EXPECT_EQ(g.p, f.p);
        EXPECT_EQ(g.q, f.q);
        EXPECT_EQ(tgs::to_hex(be).size() % 2, 0u);
        if (pq >= (std::uint64_t{1} << 63)) saw_above_2_63 = true;
    }
    EXPECT_TRUE(saw_above_2_63);
}

TEST(Pq, TdlibSmallCases) {
    // tdlib returns 1 for "no factor"; we throw instead.
    for (std::uint64_t n : {0ull, 1ull, 2ull, 3ull, 5ull, 18446744073709551557ull /*prime*/}) {
        try {
            crypto::factorize_pq(n);
            FAIL() << n;
        } catch (const tgs::Error& e) {
            EXPECT_EQ(e.code(), "PQ_FACTORIZATION_FAILED");
        }
    }
    EXPECT_EQ(crypto::factorize_pq(4).p, 2u);
    EXPECT_EQ(crypto::factorize_pq(21).p, 3u);
    EXPECT_EQ(crypto::factorize_pq(21).q, 7u);
}

TEST(Pq, EveryProductOfSmallOddPrimes) {
    // The Montgomery rho must handle tiny moduli and squares too (operands reduced mod n).
    std::vector<std::uint64_t> primes;
    for (std::uint64_t k = 3; k < 400; k += 2) {
        bool prime = true;
        for (std::uint64_t d = 3; d * d <= k; d += 2) prime = prime && k % d != 0;
        if (prime) primes.push_back(k);
    }
    for (std::size_t i = 0; i < primes.size(); ++i) {
        for (std::size_t j = i; j < primes.size(); ++j) {
            const auto f = crypto::factorize_pq(primes[i] * primes[j]);
            EXPECT_EQ(f.p, primes[i]) << primes[i] << " * " << primes[j];
            EXPECT_EQ(f.q, primes[j]) << primes[i] << " * " << primes[j];
        }
    }
}

TEST(Pq, LargestTwoPrimeProducts) {
    // (2^32 - 5) * (2^32 - 17), both prime: the worst case near 2^64.
    const std::uint64_t p = 4294967291ull, q = 4294967279ull;
    const auto f = crypto::factorize_pq(p * q);
    EXPECT_EQ(f.p, q);
    EXPECT_EQ(f.q, p);
}

TEST(Pq, BytesTooLarge) {
    const tgs::Bytes nine(9, 0x11);
    EXPECT_THROW(crypto::factorize_pq(tgs::ByteView(nine)), tgs::Error);
    const tgs::Bytes padded = {0, 0, 0x17, 0xed, 0x48, 0x94, 0x1a, 0x08, 0xf9, 0x81};
    EXPECT_EQ(crypto::factorize_pq(tgs::ByteView(padded)).p, 1229739323u);
}

TEST(Pq, MinimalBigEndian) {
    EXPECT_EQ(crypto::u64_to_minimal_be(0), tgs::Bytes{});
    EXPECT_EQ(crypto::u64_to_minimal_be(0x494C553B), (tgs::Bytes{0x49, 0x4c, 0x55, 0x3b}));
}

}  // namespace
