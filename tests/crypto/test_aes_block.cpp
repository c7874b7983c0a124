// AES-256-IGE on random keys and data against an IGE built here on OpenSSL's AES-256-ECB: on a
// CPU with AES instructions lib/crypto uses its own AES-NI code (src/aes_ni.cpp), so OpenSSL is
// the independent judge of every block, both directions, keys of every byte pattern.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <cstring>
#include <memory>

#include "tgs/crypto/aes.hpp"

namespace {

using tgs::Bytes;
namespace crypto = tgs::crypto;

struct CtxFree {
    void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};

// c_i = E(p_i ^ c_{i-1}) ^ p_{i-1}, iv = c_0 || p_0; decryption with the roles swapped.
Bytes reference_ige(const Bytes& data, const Bytes& key, const Bytes& iv, bool encrypt) {
    std::unique_ptr<EVP_CIPHER_CTX, CtxFree> ctx(EVP_CIPHER_CTX_new());
    EVP_CIPHER* ecb = EVP_CIPHER_fetch(nullptr, "AES-256-ECB", nullptr);
    EXPECT_EQ(EVP_CipherInit_ex(ctx.get(), ecb, nullptr, key.data(), nullptr, encrypt), 1);
    EVP_CIPHER_free(ecb);
    EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
    std::uint8_t x[16], y[16];
    std::memcpy(x, iv.data() + (encrypt ? 0 : 16), 16);
    std::memcpy(y, iv.data() + (encrypt ? 16 : 0), 16);
    Bytes out(data.size());
    for (std::size_t off = 0; off < data.size(); off += 16) {
        std::uint8_t t[16];
        for (int i = 0; i < 16; ++i) t[i] = data[off + i] ^ x[i];
        int n = 0;
        EXPECT_EQ(EVP_CipherUpdate(ctx.get(), t, &n, t, 16), 1);
        for (int i = 0; i < 16; ++i) out[off + i] = t[i] ^ y[i];
        std::memcpy(x, out.data() + off, 16);
        std::memcpy(y, data.data() + off, 16);
    }
    return out;
}

struct Rng {
    std::uint64_t s;
    std::uint8_t next() {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint8_t>(s >> 56);
    }
    Bytes take(std::size_t n) {
        Bytes b(n);
        for (auto& v : b) v = next();
        return b;
    }
};

TEST(AesIgeBlocks, MatchOpenSslOnRandomKeysAndLengths) {
    Rng rng{42};
    for (int round = 0; round < 200; ++round) {
        Bytes key = rng.take(32);
        if (round == 0) key.assign(32, 0x00);
        if (round == 1) key.assign(32, 0xff);
        const Bytes iv = rng.take(32);
        const Bytes plain = rng.take(16 * (1 + round % 9));
        const Bytes cipher = crypto::aes_ige_encrypt(plain, key, iv);
        ASSERT_EQ(cipher, reference_ige(plain, key, iv, true)) << "round " << round;
        ASSERT_EQ(crypto::aes_ige_decrypt(cipher, key, iv), plain) << "round " << round;
        ASSERT_EQ(crypto::aes_ige_decrypt(plain, key, iv), reference_ige(plain, key, iv, false))
            << "round " << round;
    }
}

TEST(AesIgeBlocks, OneBlockWithAZeroIvIsTheFips197Vector) {
    // FIPS 197 appendix C.3: AES-256, key 00..1f, plaintext 00112233..ff.
    Bytes key(32), plain(16);
    for (int i = 0; i < 32; ++i) key[i] = static_cast<std::uint8_t>(i);
    for (int i = 0; i < 16; ++i) plain[i] = static_cast<std::uint8_t>(i * 0x11);
    const Bytes expected = {0x8e, 0xa2, 0xb7, 0xca, 0x51, 0x67, 0x45, 0xbf,
                            0xea, 0xfc, 0x49, 0x90, 0x4b, 0x49, 0x60, 0x89};
    EXPECT_EQ(crypto::aes_ige_encrypt(plain, key, Bytes(32, 0)), expected);
    EXPECT_EQ(crypto::aes_ige_decrypt(expected, key, Bytes(32, 0)), plain);
}

}  // namespace
