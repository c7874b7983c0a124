// MTProto 2.0 KDF, auth key ids and handshake hashes against mtproto2_message_crypto.json.
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "tgs/crypto/aes.hpp"
#include "tgs/crypto/kdf.hpp"
#include "tgs/crypto/secure.hpp"
#include "tgs/error.hpp"

namespace {

using tgs::Bytes;
using tgs::ByteView;
using tgs::to_hex;
using tgs::test::hex;
namespace crypto = tgs::crypto;

// The vectors describe these inputs in prose: "bytes 0x00..0xff" etc.
Bytes counting(std::size_t n) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(i);
    return b;
}

Bytes le64(std::uint64_t v) {
    Bytes b(8);
    for (int i = 0; i < 8; ++i)
        b[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * i));
    return b;
}

const nlohmann::json& vectors() {
    static const auto v = tgs::test::load_vectors("mtproto2_message_crypto.json");
    return v;
}

TEST(Kdf, ClientAndServerKeyIv) {
    const auto& kdf = vectors()["kdf2"];
    ASSERT_EQ(kdf["client_x0"]["auth_key"], "bytes 0x00..0xff (auth_key[i] = i)");
    ASSERT_EQ(kdf["client_x0"]["msg_key"], "bytes 0x00..0x0f");
    const Bytes auth_key = counting(256);
    const Bytes msg_key = counting(16);
    for (const char* name : {"client_x0", "server_x8"}) {
        const auto& v = kdf[name];
        const auto out = crypto::derive_aes_key_iv(auth_key, msg_key, v["x"].get<int>());
        EXPECT_EQ(to_hex(out.key), v["aes_key"].get<std::string>()) << name;
        EXPECT_EQ(to_hex(out.iv), v["aes_iv"].get<std::string>()) << name;
    }
}

TEST(Kdf, AuthKeyIdAuxHashNewNonceHash) {
    const auto& v = vectors()["auth_key_id_aux_hash_new_nonce_hash"];
    const Bytes auth_key = counting(256);
    const Bytes new_nonce = counting(32);
    EXPECT_EQ(le64(crypto::auth_key_id(auth_key)), hex(v["auth_key_id"]));
    const auto aux = crypto::auth_key_aux_hash(auth_key);
    EXPECT_EQ(to_hex(aux), v["aux_hash"].get<std::string>());
    for (int n = 1; n <= 3; ++n) {
        EXPECT_EQ(to_hex(crypto::new_nonce_hash(new_nonce, n, aux)),
                  v["new_nonce_hash" + std::to_string(n)].get<std::string>());
    }
    // AuthKey caches the same id and exposes its wire bytes.
    const crypto::AuthKey key(auth_key);
    EXPECT_EQ(key.id(), crypto::auth_key_id(auth_key));
    const auto id_bytes = key.id_bytes();
    EXPECT_EQ(Bytes(id_bytes.begin(), id_bytes.end()), hex(v["auth_key_id"]));
}

TEST(Kdf, HandshakeTmpAesKeyIv) {
    const auto& v = vectors()["handshake_tmp_aes_key_iv"];
    const auto out = crypto::tmp_aes_key_iv(hex(v["new_nonce"]), hex(v["server_nonce"]));
    EXPECT_EQ(to_hex(out.key), v["tmp_aes_key"].get<std::string>());
    EXPECT_EQ(to_hex(out.iv), v["tmp_aes_iv"].get<std::string>());
}

TEST(Kdf, InitialServerSalt) {
    Bytes new_nonce = counting(32), server_nonce(16, 0);
    server_nonce[0] = 0xff;
    // bytes 0xff,01,02..07 little-endian
    EXPECT_EQ(crypto::initial_server_salt(new_nonce, server_nonce),
              static_cast<std::int64_t>(0x07060504030201ffULL));
}

TEST(Kdf, FullClientEncryption) {
    const auto& v = vectors()["encrypt_client_v2"];
    ASSERT_EQ(v["padding"], "19 zero bytes");
    const Bytes auth_key = counting(256);
    Bytes plain = tgs::concat({tgs::as_bytes(v["plaintext_ascii"].get<std::string>())});
    plain.resize(plain.size() + 19, 0);
    const auto mk = crypto::msg_key(auth_key, plain, crypto::kClientToServer);
    EXPECT_EQ(to_hex(mk), v["msg_key"].get<std::string>());
    const auto kiv = crypto::derive_aes_key_iv(auth_key, mk, crypto::kClientToServer);
    EXPECT_EQ(to_hex(kiv.key), v["aes_key"].get<std::string>());
    EXPECT_EQ(to_hex(kiv.iv), v["aes_iv"].get<std::string>());
    const Bytes cipher = crypto::aes_ige_encrypt(plain, kiv.key, kiv.iv);
    const Bytes out = tgs::concat({le64(crypto::auth_key_id(auth_key)), mk, cipher});
    EXPECT_EQ(out, hex(v["output"]));
}

TEST(Kdf, ServerMessageDecryption) {
    const auto& v = vectors()["decrypt_server_v2"];
    const Bytes auth_key = hex(v["auth_key"]);
    const Bytes message = hex(v["message"]);
    ASSERT_GT(message.size(), 24u);
    const ByteView view(message);
    EXPECT_EQ(le64(crypto::auth_key_id(auth_key)), Bytes(message.begin(), message.begin() + 8));
    const ByteView mk = view.subspan(8, 16);
    EXPECT_EQ(to_hex(mk), v["msg_key"].get<std::string>());
    const auto kiv = crypto::derive_aes_key_iv(auth_key, mk, crypto::kServerToClient);
    EXPECT_EQ(to_hex(kiv.key), v["aes_key"].get<std::string>());
    EXPECT_EQ(to_hex(kiv.iv), v["aes_iv"].get<std::string>());
    const Bytes plain = crypto::aes_ige_decrypt(view.subspan(24), kiv.key, kiv.iv);
    EXPECT_EQ(plain, hex(v["plaintext"]));
    // The receiver's msg_key check (x=8) passes on the real message and fails for x=0.
    const auto recomputed = crypto::msg_key(auth_key, plain, crypto::kServerToClient);
    EXPECT_TRUE(crypto::constant_time_equal(recomputed, mk));
    EXPECT_FALSE(
        crypto::constant_time_equal(crypto::msg_key(auth_key, plain, crypto::kClientToServer), mk));
}

TEST(Kdf, RejectsBadArguments) {
    EXPECT_THROW(crypto::msg_key(Bytes(255, 0), Bytes(16, 0), 0), tgs::Error);
    EXPECT_THROW(crypto::msg_key(Bytes(256, 0), Bytes(16, 0), 4), tgs::Error);
    EXPECT_THROW(crypto::derive_aes_key_iv(Bytes(256, 0), Bytes(15, 0), 0), tgs::Error);
    EXPECT_THROW(crypto::tmp_aes_key_iv(Bytes(31, 0), Bytes(16, 0)), tgs::Error);
    EXPECT_THROW(crypto::AuthKey(Bytes(128, 0)), tgs::Error);
}

}  // namespace
