// MTProto 1.0's SHA1 KDF (auth.bindTempAuthKey's binding message, Telegram Desktop's local
// files). Expected values computed independently with Python's hashlib:
//   s = lambda b: hashlib.sha1(b).digest(); key = bytes(range(256)); mk = bytes(range(16, 32))
//   a = s(mk + key[x:x+32]); b = s(key[32+x:48+x] + mk + key[48+x:64+x])
//   c = s(key[64+x:96+x] + mk); d = s(mk + key[96+x:128+x])
//   aes_key = a[:8] + b[8:20] + c[4:16]; aes_iv = a[8:20] + b[:8] + c[16:20] + d[:8]
#include <gtest/gtest.h>

#include "tgs/crypto/kdf.hpp"
#include "tgs/error.hpp"

namespace {

using tgs::Bytes;
using tgs::ByteView;
using tgs::to_hex;
namespace crypto = tgs::crypto;

Bytes counting(std::size_t from, std::size_t n) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(from + i);
    return b;
}

TEST(KdfV1, ClientAndLocalKeyIv) {
    const auto key = counting(0, 256);
    const auto msg_key = counting(16, 16);
    const auto send = crypto::derive_aes_key_iv_v1(key, msg_key, crypto::kClientToServer);
    EXPECT_EQ(to_hex(send.key), "82708bcef5d811fb01d37289199c9496bdd591523010632ad4369346c823e5e1");
    EXPECT_EQ(to_hex(send.iv), "714fe7eee437673272f4caeef925999110a3c7c1ee6154f7d54f0e44a8617abc");
    const auto local = crypto::derive_aes_key_iv_v1(key, msg_key, crypto::kServerToClient);
    EXPECT_EQ(to_hex(local.key),
              "d76e1b47e451bd7ecbeb6f02d8e9839390fb0e8db5de395a295a52432c938cb5");
    EXPECT_EQ(to_hex(local.iv), "61b6a8ef23e91a154760989a14f49523b60a8f72bb35b02f56c75bc95e2af68b");
}

TEST(KdfV1, RejectsBadArguments) {
    const auto key = counting(0, 256);
    EXPECT_THROW(crypto::derive_aes_key_iv_v1(key, counting(0, 15), 0), tgs::Error);
    EXPECT_THROW(crypto::derive_aes_key_iv_v1(key, counting(0, 16), 4), tgs::Error);
    EXPECT_THROW(crypto::derive_aes_key_iv_v1(counting(0, 255), counting(0, 16), 0), tgs::Error);
}

}  // namespace
