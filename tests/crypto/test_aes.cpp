// AES-256-IGE and AES-256-CTR against aes.json (grammers + tdlib LCG vectors).
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "tgs/crypto/aes.hpp"
#include "tgs/crypto/hash.hpp"
#include "tgs/error.hpp"

namespace {

using tgs::Bytes;
using tgs::test::hex;
using tgs::test::load_vectors;
namespace crypto = tgs::crypto;

// tdlib's generator: bytes from a 32-bit LCG seeded with the length.
struct Lcg {
    std::uint32_t seed;
    std::uint8_t next() {
        seed = seed * 123457567u + 987651241u;
        return static_cast<std::uint8_t>((seed >> 23) & 255u);
    }
    Bytes take(std::size_t n) {
        Bytes b(n);
        for (auto& x : b) x = next();
        return b;
    }
};

TEST(AesIge, GrammersEncrypt) {
    auto v = load_vectors("aes.json")["ige_grammers"]["encrypt"];
    EXPECT_EQ(crypto::aes_ige_encrypt(hex(v["plaintext"]), hex(v["key"]), hex(v["iv"])),
              hex(v["ciphertext"]));
    EXPECT_EQ(crypto::aes_ige_decrypt(hex(v["ciphertext"]), hex(v["key"]), hex(v["iv"])),
              hex(v["plaintext"]));
}

TEST(AesIge, GrammersDecrypt) {
    auto v = load_vectors("aes.json")["ige_grammers"]["decrypt"];
    EXPECT_EQ(crypto::aes_ige_decrypt(hex(v["ciphertext"]), hex(v["key"]), hex(v["iv"])),
              hex(v["plaintext"]));
}

TEST(AesIge, TdlibLcgCrc) {
    auto rows = load_vectors("aes.json")["ige_tdlib_lcg"]["rows"];
    ASSERT_GE(rows.size(), 6u);
    for (const auto& row : rows) {
        const auto len = row["length"].get<std::size_t>();
        Lcg lcg{static_cast<std::uint32_t>(len)};
        Bytes plain = lcg.take(len);
        Bytes key = lcg.take(32);
        Bytes iv = lcg.take(32);
        if (row.contains("plaintext")) {
            ASSERT_EQ(plain, hex(row["plaintext"]));
            ASSERT_EQ(key, hex(row["key"]));
            ASSERT_EQ(iv, hex(row["iv"]));
        }
        Bytes cipher = crypto::aes_ige_encrypt(plain, key, iv);
        EXPECT_EQ(crypto::crc32(cipher), row["crc32_of_ciphertext"].get<std::uint32_t>())
            << "length " << len;
        if (row.contains("ciphertext_derived")) {
            EXPECT_EQ(cipher, hex(row["ciphertext_derived"]));
        }
        EXPECT_EQ(crypto::aes_ige_decrypt(cipher, key, iv), plain) << "length " << len;
        // In-place variants agree with the copying ones.
        Bytes inplace = plain;
        crypto::aes_ige_encrypt_in_place(inplace, key, iv);
        EXPECT_EQ(inplace, cipher);
    }
}

TEST(AesIge, RejectsBadLengths) {
    Bytes key(32, 1), iv(32, 2);
    for (std::size_t n : {1u, 15u, 17u, 33u}) {
        try {
            crypto::aes_ige_encrypt(Bytes(n, 0), key, iv);
            FAIL() << "accepted length " << n;
        } catch (const tgs::Error& e) {
            EXPECT_EQ(e.code(), "AES_IGE_LENGTH");
        }
        EXPECT_THROW(crypto::aes_ige_decrypt(Bytes(n, 0), key, iv), tgs::Error);
    }
    EXPECT_THROW(crypto::aes_ige_encrypt(Bytes(16, 0), Bytes(16, 1), iv), tgs::Error);
    EXPECT_THROW(crypto::aes_ige_encrypt(Bytes(16, 0), key, Bytes(16, 1)), tgs::Error);
}

TEST(AesCtr, TdlibLcgCrcWithWrap) {
    auto rows = load_vectors("aes.json")["ctr_tdlib_lcg"]["rows"];
    ASSERT_GE(rows.size(), 10u);
    for (const auto& row : rows) {
        const auto len = row["length"].get<std::size_t>();
        Lcg lcg{static_cast<std::uint32_t>(len)};
        const Bytes plain = lcg.take(len);
        const Bytes key = lcg.take(32);
        const Bytes iv = lcg.take(16);
        if (row.contains("plaintext")) {
            ASSERT_EQ(plain, hex(row["plaintext"]));
            ASSERT_EQ(key, hex(row["key"]));
            ASSERT_EQ(iv, hex(row["iv"]));
        }
        Bytes data = plain;
        crypto::AesCtr ctr(key, iv);
        ctr.apply(data);
        EXPECT_EQ(crypto::crc32(data), row["crc32_iv_from_lcg"].get<std::uint32_t>())
            << "length " << len;
        if (row.contains("ciphertext_derived")) {
            EXPECT_EQ(data, hex(row["ciphertext_derived"]));
        }

        // Counter wrap-around: IV = 16 x 0xFF, applied in uneven chunks to prove streaming.
        Bytes wrap = plain;
        crypto::AesCtr ctr_ff(key, Bytes(16, 0xFF));
        std::size_t off = 0, step = 1;
        while (off < wrap.size()) {
            const std::size_t n = std::min(step, wrap.size() - off);
            ctr_ff.apply(tgs::MutableByteView(wrap).subspan(off, n));
            off += n;
            step = step * 3 + 1;
        }
        EXPECT_EQ(crypto::crc32(wrap), row["crc32_iv_all_ff"].get<std::uint32_t>())
            << "length " << len;
        if (row.contains("ciphertext_iv_all_ff_derived")) {
            EXPECT_EQ(wrap, hex(row["ciphertext_iv_all_ff_derived"]));
        }

        // Decrypting is the same operation with a fresh state.
        crypto::AesCtr back(key, iv);
        back.apply(data);
        EXPECT_EQ(data, plain);
    }
}

TEST(AesCtr, MovedStateContinuesStream) {
    Bytes key(32, 7), iv(16, 9), a(40, 0), b(40, 0);
    crypto::AesCtr one(key, iv);
    one.apply(a);
    crypto::AesCtr two(key, iv);
    two.apply(tgs::MutableByteView(b).first(13));
    crypto::AesCtr moved(std::move(two));
    moved.apply(tgs::MutableByteView(b).subspan(13));
    EXPECT_EQ(a, b);
}

TEST(AesCtr, RejectsBadKeyOrIv) {
    EXPECT_THROW(crypto::AesCtr(Bytes(31, 0), Bytes(16, 0)), tgs::Error);
    EXPECT_THROW(crypto::AesCtr(Bytes(32, 0), Bytes(32, 0)), tgs::Error);
}

}  // namespace
