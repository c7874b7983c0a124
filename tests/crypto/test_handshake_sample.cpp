// The crypto steps of Telegram's official auth-key sample (auth_key_sample_core_telegram.json):
// pq, tmp AES key/iv, IGE of the server answer and of client_DH_inner_data, DH checks,
// g_b and auth_key, key ids and nonce hashes. (The TL framing is tested in mtproto.)
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "tgs/crypto/aes.hpp"
#include "tgs/crypto/dh.hpp"
#include "tgs/crypto/kdf.hpp"
#include "tgs/crypto/pq.hpp"

namespace {

using tgs::Bytes;
using tgs::ByteView;
using tgs::test::hex;
namespace crypto = tgs::crypto;

const nlohmann::json& sample() {
    static const auto v = tgs::test::load_vectors("auth_key_sample_core_telegram.json")["values"];
    return v;
}

Bytes le64(std::uint64_t v) {
    Bytes b(8);
    for (std::size_t i = 0; i < 8; ++i) b[i] = static_cast<std::uint8_t>(v >> (8 * i));
    return b;
}

TEST(HandshakeSample, PqFactors) {
    const auto f = crypto::factorize_pq(sample()["pq"].get<std::uint64_t>());
    EXPECT_EQ(f.p, sample()["p"].get<std::uint64_t>());
    EXPECT_EQ(f.q, sample()["q"].get<std::uint64_t>());
}

TEST(HandshakeSample, ServerAnswerDecryptsAndHashes) {
    const Bytes new_nonce = hex(sample()["new_nonce"]);
    const Bytes server_nonce = hex(sample()["server_nonce"]);
    const auto tmp = crypto::tmp_aes_key_iv(new_nonce, server_nonce);
    EXPECT_EQ(Bytes(tmp.key.begin(), tmp.key.end()), hex(sample()["tmp_aes_key"]));
    EXPECT_EQ(Bytes(tmp.iv.begin(), tmp.iv.end()), hex(sample()["tmp_aes_iv"]));

    const Bytes answer_with_hash =
        crypto::aes_ige_decrypt(hex(sample()["encrypted_answer"]), tmp.key, tmp.iv);
    EXPECT_EQ(answer_with_hash, hex(sample()["answer_with_hash"]));
    const Bytes answer = hex(sample()["answer"]);
    ASSERT_GE(answer_with_hash.size(), 20 + answer.size());
    EXPECT_TRUE(std::equal(answer.begin(), answer.end(), answer_with_hash.begin() + 20));
    const auto h = crypto::sha1(answer);
    EXPECT_TRUE(std::equal(h.begin(), h.end(), answer_with_hash.begin()));
    EXPECT_LT(answer_with_hash.size() - 20 - answer.size(), 16u);
}

TEST(HandshakeSample, DhChecksKeyAndHashes) {
    const Bytes prime = hex(sample()["dh_prime"]);
    const auto g = sample()["g"].get<std::int32_t>();
    EXPECT_EQ(prime, crypto::telegram_dh_prime());
    EXPECT_NO_THROW(crypto::check_dh_prime_and_g(prime, g));
    const Bytes g_a = hex(sample()["g_a"]);
    EXPECT_NO_THROW(crypto::check_dh_value(g_a, prime));

    const Bytes b = hex(sample()["b"]);
    const Bytes g_b = crypto::dh_public_value(g, b, prime);
    EXPECT_EQ(g_b, hex(sample()["g_b"]));
    EXPECT_NO_THROW(crypto::check_dh_value(g_b, prime, "DH_G_B_OUT_OF_RANGE"));
    const Bytes auth_key = crypto::dh_shared_secret(g_a, b, prime);
    EXPECT_EQ(auth_key, hex(sample()["auth_key"]));

    const auto& derived = sample()["_derived_by_tools_not_on_page"];
    EXPECT_EQ(le64(crypto::auth_key_id(auth_key)),
              hex(derived["auth_key_id_le_hex (last 8 bytes of SHA1(auth_key))"]));
    const auto aux = crypto::auth_key_aux_hash(auth_key);
    EXPECT_EQ(Bytes(aux.begin(), aux.end()),
              hex(derived["auth_key_aux_hash_hex (first 8 bytes of SHA1(auth_key))"]));
    const Bytes new_nonce = hex(sample()["new_nonce"]);
    const auto nnh1 = crypto::new_nonce_hash(new_nonce, 1, aux);
    EXPECT_EQ(Bytes(nnh1.begin(), nnh1.end()), hex(sample()["new_nonce_hash1"]));
    const auto nnh2 = crypto::new_nonce_hash(new_nonce, 2, aux);
    EXPECT_EQ(Bytes(nnh2.begin(), nnh2.end()), hex(derived["new_nonce_hash2"]));
    const auto nnh3 = crypto::new_nonce_hash(new_nonce, 3, aux);
    EXPECT_EQ(Bytes(nnh3.begin(), nnh3.end()), hex(derived["new_nonce_hash3"]));
    const auto salt = crypto::initial_server_salt(new_nonce, hex(sample()["server_nonce"]));
    EXPECT_EQ(le64(static_cast<std::uint64_t>(salt)),
              hex(derived["server_salt_le_hex (new_nonce[0:8] XOR server_nonce[0:8])"]));
}

TEST(HandshakeSample, ClientDhInnerDataEncrypts) {
    const auto tmp =
        crypto::tmp_aes_key_iv(hex(sample()["new_nonce"]), hex(sample()["server_nonce"]));
    const Bytes data = hex(sample()["client_DH_inner_data"]);
    const auto h = crypto::sha1(data);
    const Bytes with_hash = tgs::concat({h, data, hex(sample()["client_DH_inner_data_padding"])});
    ASSERT_EQ(with_hash.size() % 16, 0u);
    EXPECT_EQ(crypto::aes_ige_encrypt(with_hash, tmp.key, tmp.iv),
              hex(sample()["client_encrypted_data"]));
}

}  // namespace
