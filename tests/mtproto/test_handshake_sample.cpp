// The official worked example (core.telegram.org/mtproto/samples-auth_key, stored in
// auth_key_sample_core_telegram.json) driven through HandshakeClient.
// Caveats honoured (see the JSON): the page's message_length of server messages is wrong, so
// server bodies are taken as wire[20:]; RSA_PAD's temp_key is unpublished, so resPQ is made to
// offer our own generated key instead of Telegram's and the encrypted_data is checked by
// decrypting it (it must hold the page's p_q_inner_data_dc followed by its padding bytes).
#include <gtest/gtest.h>

#include "test_handshake_support.hpp"
#include "tgs/crypto/aes.hpp"
#include "tgs/crypto/dh.hpp"
#include "tgs/crypto/hash.hpp"
#include "tgs/crypto/kdf.hpp"
#include "tgs/mtproto/handshake_client.hpp"
#include "tgs/tl/mt.hpp"

namespace tgs::mtproto {
namespace {

namespace mt = tgs::tl::mt;
using test::hex;

struct Sample {
    nlohmann::json v = test::load_vectors("auth_key_sample_core_telegram.json")["values"];
    test::ScriptedRandom random;

    Bytes val(const char* k) const { return hex(v[k]); }
    // Server bodies: everything after the 20-byte header (its length field is wrong).
    Bytes server_body(const char* k) const {
        const Bytes w = val(k);
        return Bytes(w.begin() + 20, w.end());
    }
    Bytes derived(const char* k) const {
        for (const auto& [key, value] : v["_derived_by_tools_not_on_page"].items()) {
            if (key.rfind(k, 0) == 0) return hex(value);
        }
        ADD_FAILURE() << "no derived value " << k;
        return {};
    }
    // resPQ as on the page but offering our own key's fingerprint.
    Bytes res_pq_for_our_key() const {
        const Bytes body = server_body("resPQ_wire");
        tl::Reader r(body);
        auto res = mt::read<mt::resPQ>(r);
        res.server_public_key_fingerprints = {test::test_dc_key().public_key().fingerprint()};
        return mt::serialize(res);
    }
    void script_up_to_dh() {
        random.add(val("nonce"));
        random.add(val("new_nonce"));
        random.add(val("rsa_random_padding_bytes"));
        random.add(Bytes(32, 0x5a), /*repeat=*/true);  // temp_key: not published
        random.add(val("b"));
        random.add(val("client_DH_inner_data_padding"));
    }
    HandshakeClient client() {
        return HandshakeClient({test::test_dc_key().public_key()}, v["dc"].get<int>(),
                               random.source());
    }
    std::int64_t server_time() const { return v["server_time"].get<std::int64_t>(); }
};

Bytes sent(const HandshakeClient::Step& step) {
    EXPECT_TRUE(std::holds_alternative<HandshakeSend>(step));
    return std::holds_alternative<HandshakeSend>(step) ? std::get<HandshakeSend>(step).body
                                                       : Bytes{};
}

TEST(HandshakeSample, ClientReproducesThePageFromReqPqToAuthKey) {
    Sample s;
    s.script_up_to_dh();
    auto c = s.client();

    // 1. req_pq_multi: the whole unencrypted message, with the page's msg_id.
    const Bytes req_pq_wire = s.val("req_pq_multi_wire");
    const auto req_pq = unwrap_unencrypted(req_pq_wire);
    EXPECT_EQ(to_hex(wrap_unencrypted(c.start(), req_pq.msg_id)),
              to_hex(s.val("req_pq_multi_wire")));

    // 2. req_DH_params: identical to the page except the fingerprint and RSA block.
    const Bytes req_dh = sent(c.on_message(s.res_pq_for_our_key(), s.server_time() - 1));
    tl::Reader r(req_dh);
    const auto ours = mt::read<mt::req_DH_params>(r);
    EXPECT_TRUE(r.at_end());
    const Bytes page_wire = s.val("req_DH_params_wire");  // page_msg.body points into it
    const auto page_msg = unwrap_unencrypted(page_wire);
    tl::Reader pr(page_msg.body);
    auto page = mt::read<mt::req_DH_params>(pr);
    EXPECT_EQ(ours.public_key_fingerprint, test::test_dc_key().public_key().fingerprint());
    page.public_key_fingerprint = ours.public_key_fingerprint;
    page.encrypted_data = ours.encrypted_data;
    EXPECT_EQ(to_hex(mt::serialize(page)), to_hex(req_dh));
    const Bytes data_with_padding =
        crypto::rsa_pad_decrypt(ours.encrypted_data, test::test_dc_key());
    EXPECT_EQ(to_hex(data_with_padding),
              to_hex(concat({s.val("p_q_inner_data_dc"), s.val("rsa_random_padding_bytes")})));

    // 3. set_client_DH_params: byte for byte (b and padding are on the page).
    const Bytes set_dh =
        sent(c.on_message(s.server_body("server_DH_params_ok_wire"), s.server_time() - 1));
    const Bytes page_set_wire = s.val("set_client_DH_params_wire");
    const auto page_set = unwrap_unencrypted(page_set_wire);
    EXPECT_EQ(to_hex(set_dh), to_hex(page_set.body));

    // 4. dh_gen_ok: the page's auth key, salt and our clock's offset.
    auto last = c.on_message(s.server_body("dh_gen_ok_wire"), s.server_time());
    ASSERT_TRUE(std::holds_alternative<HandshakeDone>(last));
    const auto& done = std::get<HandshakeDone>(last);
    EXPECT_EQ(to_hex(done.auth_key.bytes()), to_hex(s.val("auth_key")));
    EXPECT_EQ(to_hex(done.auth_key.id_bytes()), to_hex(s.derived("auth_key_id_le_hex")));
    const Bytes salt = s.derived("server_salt_le_hex");
    std::uint64_t want_salt = 0;
    for (int i = 7; i >= 0; --i) want_salt = (want_salt << 8) | salt[static_cast<std::size_t>(i)];
    EXPECT_EQ(static_cast<std::uint64_t>(done.server_salt), want_salt);
    EXPECT_EQ(done.time_offset, 1);
    EXPECT_TRUE(s.random.exhausted());
}

// The page's individual computations, each checked on its own.
TEST(HandshakeSample, StepByStepValues) {
    Sample s;
    const auto kiv = crypto::tmp_aes_key_iv(s.val("new_nonce"), s.val("server_nonce"));
    EXPECT_EQ(to_hex(kiv.key), to_hex(s.val("tmp_aes_key")));
    EXPECT_EQ(to_hex(kiv.iv), to_hex(s.val("tmp_aes_iv")));

    const Bytes answer_with_hash =
        crypto::aes_ige_decrypt(s.val("encrypted_answer"), kiv.key, kiv.iv);
    EXPECT_EQ(to_hex(answer_with_hash), to_hex(s.val("answer_with_hash")));
    const Bytes answer = s.val("answer");
    EXPECT_EQ(to_hex(crypto::sha1(answer)), to_hex(ByteView(answer_with_hash).first(20)));
    EXPECT_LT(answer_with_hash.size() - 20 - answer.size(), 16u);

    const Bytes prime = s.val("dh_prime");
    EXPECT_NO_THROW(crypto::check_dh_prime_and_g(prime, s.v["g"].get<int>()));
    EXPECT_NO_THROW(crypto::check_dh_value(s.val("g_a"), prime));
    const Bytes g_b = crypto::dh_public_value(3, s.val("b"), prime);
    EXPECT_EQ(to_hex(g_b), to_hex(s.val("g_b")));
    const Bytes auth_key = crypto::dh_shared_secret(s.val("g_a"), s.val("b"), prime);
    EXPECT_EQ(to_hex(auth_key), to_hex(s.val("auth_key")));

    const auto aux = crypto::auth_key_aux_hash(auth_key);
    EXPECT_EQ(to_hex(aux), to_hex(s.derived("auth_key_aux_hash_hex")));
    EXPECT_EQ(to_hex(crypto::new_nonce_hash(s.val("new_nonce"), 1, aux)),
              to_hex(s.val("new_nonce_hash1")));

    const Bytes inner = s.val("client_DH_inner_data");
    const auto inner_hash = crypto::sha1(inner);
    const Bytes plain = concat({inner_hash, inner, s.val("client_DH_inner_data_padding")});
    EXPECT_EQ(to_hex(crypto::aes_ige_encrypt(plain, kiv.key, kiv.iv)),
              to_hex(s.val("client_encrypted_data")));
}

TEST(HandshakeSample, EnvelopeOfServerMessagesHasThePagesWrongLength) {
    Sample s;
    for (const char* k : {"resPQ_wire", "server_DH_params_ok_wire", "dh_gen_ok_wire"}) {
        EXPECT_EQ(test::error_code_of([&] {
                      const Bytes wire = s.val(k);
                      unwrap_unencrypted(wire);
                  }),
                  "HANDSHAKE_BAD_ENVELOPE")
            << k;
    }
    for (const char* k : {"req_pq_multi_wire", "req_DH_params_wire", "set_client_DH_params_wire"}) {
        const Bytes w = s.val(k);
        const auto m = unwrap_unencrypted(w);
        EXPECT_EQ(to_hex(wrap_unencrypted(m.body, m.msg_id)), to_hex(w)) << k;
    }
}

// dh_gen_retry carrying the page's new_nonce_hash2: the client answers with a fresh g_b and
// retry_id = auth_key_aux_hash; dh_gen_fail with new_nonce_hash3 is a specific error.
TEST(HandshakeSample, RetryAndFailAnswersWithThePagesHashes) {
    for (bool fail : {false, true}) {
        Sample s;
        s.script_up_to_dh();
        s.random.add(Bytes(256, 0x11));  // second b
        s.random.add(Bytes(12, 0x22));   // its padding
        auto c = s.client();
        c.start();
        c.on_message(s.res_pq_for_our_key(), s.server_time());
        c.on_message(s.server_body("server_DH_params_ok_wire"), s.server_time());
        const Int128 nonce = [&] {
            Int128 n{};
            const Bytes b = s.val("nonce");
            std::copy(b.begin(), b.end(), n.begin());
            return n;
        }();
        Int128 server_nonce{}, hash{};
        const Bytes sn = s.val("server_nonce");
        std::copy(sn.begin(), sn.end(), server_nonce.begin());
        const Bytes h = s.derived(fail ? "new_nonce_hash3" : "new_nonce_hash2");
        std::copy(h.begin(), h.end(), hash.begin());
        if (fail) {
            EXPECT_EQ(test::error_code_of([&] {
                          c.on_message(mt::serialize(mt::dh_gen_fail{nonce, server_nonce, hash}),
                                       s.server_time());
                      }),
                      "HANDSHAKE_DH_GEN_FAIL");
            continue;
        }
        const Bytes again = sent(c.on_message(
            mt::serialize(mt::dh_gen_retry{nonce, server_nonce, hash}), s.server_time()));
        tl::Reader r(again);
        const auto req = mt::read<mt::set_client_DH_params>(r);
        const auto kiv = crypto::tmp_aes_key_iv(s.val("new_nonce"), s.val("server_nonce"));
        const Bytes plain = crypto::aes_ige_decrypt(req.encrypted_data, kiv.key, kiv.iv);
        tl::Reader ir(ByteView(plain).subspan(20));
        const auto inner = mt::read<mt::client_DH_inner_data>(ir);
        const Bytes aux = s.derived("auth_key_aux_hash_hex");
        std::uint64_t want = 0;
        for (int i = 7; i >= 0; --i) want = (want << 8) | aux[static_cast<std::size_t>(i)];
        EXPECT_EQ(static_cast<std::uint64_t>(inner.retry_id), want);
        EXPECT_EQ(to_hex(inner.g_b),
                  to_hex(crypto::dh_public_value(3, Bytes(256, 0x11), s.val("dh_prime"))));
        EXPECT_EQ(c.state(), HandshakeClient::State::WaitDhGen);
    }
}

}  // namespace
}  // namespace tgs::mtproto
