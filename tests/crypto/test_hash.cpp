// Hash/KDF primitives against published standard vectors (FIPS 180, RFC 4231, RFC 6070-style).
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "tgs/crypto/hash.hpp"

namespace {

using tgs::as_bytes;
using tgs::to_hex;
namespace crypto = tgs::crypto;

TEST(Hash, Sha1Abc) {
    EXPECT_EQ(to_hex(crypto::sha1(as_bytes("abc"))), "a9993e364706816aba3e25717850c26c9cd0d89d");
    // Multi-part input hashes the concatenation.
    EXPECT_EQ(crypto::sha1({as_bytes("a"), as_bytes(""), as_bytes("bc")}),
              crypto::sha1(as_bytes("abc")));
}

TEST(Hash, Sha256Abc) {
    EXPECT_EQ(to_hex(crypto::sha256(as_bytes("abc"))),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(to_hex(crypto::sha256(tgs::ByteView{})),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Hash, Sha512Abc) {
    EXPECT_EQ(to_hex(crypto::sha512(as_bytes("abc"))),
              "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
              "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

TEST(Hash, HmacSha256Rfc4231Case2) {
    EXPECT_EQ(
        to_hex(crypto::hmac_sha256(as_bytes("Jefe"), as_bytes("what do ya want for nothing?"))),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Hash, Pbkdf2Sha512) {
    // PBKDF2-HMAC-SHA512("password", "salt", 1, 64), widely published.
    EXPECT_EQ(to_hex(crypto::pbkdf2_hmac_sha512(as_bytes("password"), as_bytes("salt"), 1, 64)),
              "867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252"
              "c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce");
}

TEST(Hash, Crc32) {
    EXPECT_EQ(crypto::crc32(as_bytes("123456789")), 0xCBF43926u);
    EXPECT_EQ(crypto::crc32(tgs::ByteView{}), 0u);
    // TL constructor id of "vector t:Type # [ t ] = Vector t".
    EXPECT_EQ(crypto::crc32(as_bytes("vector t:Type # [ t ] = Vector t")), 0x1cb5c415u);
}

}  // namespace
