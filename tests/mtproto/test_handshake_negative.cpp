// Every rejection the handshake can make, each with its specific error code: the client
// against a fault-injecting server, the client against tampered recorded messages, and the
// server against tampered client messages.
#include <gtest/gtest.h>

#include <functional>

#include "test_handshake_support.hpp"
#include "tgs/crypto/aes.hpp"
#include "tgs/crypto/hash.hpp"
#include "tgs/crypto/kdf.hpp"
#include "tgs/mtproto/handshake_client.hpp"
#include "tgs/mtproto/handshake_server.hpp"
#include "tgs/tl/mt.hpp"

namespace tgs::mtproto {
namespace {

namespace mt = tgs::tl::mt;
using test::error_code_of;
using test::GrammersFlow;
using test::hex;

// --- Client against a misbehaving server -------------------------------------------------

std::string client_error_against(const HandshakeServerFaults& faults,
                                 HandshakeClientOptions co = {}) {
    HandshakeClient client({test::test_dc_key().public_key()}, 2, crypto::system_random(), co);
    HandshakeServerOptions so;
    so.faults = faults;
    HandshakeServer server(std::span(&test::test_dc_key(), 1), crypto::system_random(), so);
    Bytes to_server = client.start();
    for (int i = 0; i < 16; ++i) {
        const auto reply = server.on_message(to_server, 1000).reply;
        try {
            auto step = client.on_message(reply, 1000);
            if (std::holds_alternative<HandshakeDone>(step)) return "";
            to_server = std::get<HandshakeSend>(step).body;
        } catch (const Error& e) {
            EXPECT_EQ(client.state(), HandshakeClient::State::Failed);
            EXPECT_EQ(error_code_of([&] { client.on_message(reply, 1000); }),
                      "HANDSHAKE_UNEXPECTED_MESSAGE");
            return e.code();
        }
    }
    return "did not finish";
}

TEST(HandshakeNegative, ClientRejectsFaultyServers) {
    const std::vector<std::pair<std::function<void(HandshakeServerFaults&)>, std::string>> cases = {
        {[](auto& f) { f.bad_dh_prime = true; }, "DH_PRIME_INVALID"},
        {[](auto& f) { f.bad_g = true; }, "DH_G_INVALID"},
        {[](auto& f) { f.g_a_out_of_range = true; }, "DH_G_A_OUT_OF_RANGE"},
        {[](auto& f) { f.wrong_nonce = true; }, "HANDSHAKE_NONCE_MISMATCH"},
        {[](auto& f) { f.wrong_server_nonce = true; }, "HANDSHAKE_SERVER_NONCE_MISMATCH"},
        {[](auto& f) { f.wrong_new_nonce_hash = true; }, "HANDSHAKE_NEW_NONCE_HASH_MISMATCH"},
        {[](auto& f) { f.corrupt_answer_hash = true; }, "HANDSHAKE_ANSWER_HASH_MISMATCH"},
        {[](auto& f) { f.dh_params_fail = true; }, "HANDSHAKE_DH_PARAMS_FAIL"},
        {[](auto& f) { f.dh_gen_fail = true; }, "HANDSHAKE_DH_GEN_FAIL"},
        {[](auto& f) { f.force_retries = 6; }, "HANDSHAKE_TOO_MANY_RETRIES"},
    };
    for (const auto& [set, code] : cases) {
        HandshakeServerFaults faults;
        set(faults);
        EXPECT_EQ(client_error_against(faults), code);
    }
    EXPECT_EQ(client_error_against({}), "");  // and without faults it succeeds
}

TEST(HandshakeNegative, ClientWithoutTheServersKey) {
    HandshakeClient client({test::vector_key("production")}, 2, crypto::system_random());
    HandshakeServer server(std::span(&test::test_dc_key(), 1), crypto::system_random());
    const auto res_pq = server.on_message(client.start(), 0).reply;
    EXPECT_EQ(error_code_of([&] { client.on_message(res_pq, 0); }), "HANDSHAKE_NO_KNOWN_RSA_KEY");
}

// --- Client against tampered recorded messages (grammers' flow) ----------------------------

// The client after start(), or after resPQ / server_DH_params_ok when `upto` says so.
HandshakeClient grammers_client(GrammersFlow& f, int upto) {
    auto c = f.client();
    c.start();
    if (upto >= 1) c.on_message(f.msg("step1_response_resPQ"), f.now());
    if (upto >= 2) c.on_message(f.msg("step2_response_server_DH_params_ok"), f.now());
    return c;
}

std::string grammers_error(int upto, const Bytes& body) {
    GrammersFlow f;
    auto c = grammers_client(f, upto);
    return error_code_of([&] { c.on_message(body, f.now()); }, "");  // "" = accepted
}

Bytes cut(Bytes b, std::size_t n) {
    b.resize(b.size() - n);
    return b;
}

TEST(HandshakeNegative, GarbageTruncatedAndOutOfOrderMessages) {
    GrammersFlow f;
    const Bytes res_pq = f.msg("step1_response_resPQ");
    const Bytes dh_ok = f.msg("step2_response_server_DH_params_ok");
    const Bytes gen_ok = f.msg("step3_response_dh_gen_ok");

    EXPECT_EQ(grammers_error(0, hex("efbeadde0102030405060708")), "HANDSHAKE_UNEXPECTED_MESSAGE");
    EXPECT_EQ(grammers_error(0, {}), "TL_TRUNCATED");
    EXPECT_EQ(grammers_error(0, hex("632416")), "TL_TRUNCATED");
    EXPECT_EQ(grammers_error(0, cut(res_pq, 4)), "TL_TRUNCATED");
    EXPECT_EQ(grammers_error(0, cut(res_pq, 40)), "TL_TRUNCATED");
    EXPECT_EQ(grammers_error(0, concat({res_pq, hex("00000000")})), "HANDSHAKE_TRAILING_DATA");
    EXPECT_EQ(grammers_error(0, gen_ok), "HANDSHAKE_UNEXPECTED_MESSAGE");
    EXPECT_EQ(grammers_error(0, dh_ok), "HANDSHAKE_UNEXPECTED_MESSAGE");

    EXPECT_EQ(grammers_error(1, res_pq), "HANDSHAKE_UNEXPECTED_MESSAGE");
    EXPECT_EQ(grammers_error(1, cut(dh_ok, 1)), "TL_TRUNCATED");
    EXPECT_EQ(grammers_error(1, cut(dh_ok, 300)), "TL_TRUNCATED");
    EXPECT_EQ(grammers_error(1, hex("efbeadde")), "HANDSHAKE_UNEXPECTED_MESSAGE");

    EXPECT_EQ(grammers_error(2, cut(gen_ok, 1)), "TL_TRUNCATED");
    EXPECT_EQ(grammers_error(2, dh_ok), "HANDSHAKE_UNEXPECTED_MESSAGE");
    EXPECT_EQ(grammers_error(2, concat({gen_ok, hex("01")})), "HANDSHAKE_TRAILING_DATA");

    GrammersFlow g;
    auto c = g.client();
    c.start();
    EXPECT_EQ(error_code_of([&] { c.start(); }), "HANDSHAKE_UNEXPECTED_MESSAGE");
}

TEST(HandshakeNegative, ResPqChecks) {
    GrammersFlow f;
    const Bytes body = f.msg("step1_response_resPQ");
    const auto tamper = [&](const std::function<void(mt::resPQ&)>& edit) {
        tl::Reader r(body);
        auto res = mt::read<mt::resPQ>(r);
        edit(res);
        return mt::serialize(res);
    };
    EXPECT_EQ(grammers_error(0, tamper([](auto& r) { r.nonce[15] ^= 0x80; })),
              "HANDSHAKE_NONCE_MISMATCH");
    EXPECT_EQ(grammers_error(0, tamper([](auto& r) {
                                 r.server_public_key_fingerprints = {1, 2};
                             })),
              "HANDSHAKE_NO_KNOWN_RSA_KEY");
    EXPECT_EQ(grammers_error(0, tamper([](auto& r) { r.pq = hex("3b9aca07"); })),  // a prime
              "PQ_FACTORIZATION_FAILED");
    EXPECT_EQ(grammers_error(0, tamper([](auto& r) { r.pq = hex("010000000000000001"); })),
              "PQ_TOO_LARGE");
}

// server_DH_params_ok re-encrypted with the recorded tmp_aes_key/iv after an edit.
Bytes reencrypted_answer(GrammersFlow& f, const std::function<Bytes(const Bytes&)>& edit) {
    const auto& d = f.v["derived_by_tools"];
    const Bytes key = hex(d["tmp_aes_key"]), iv = hex(d["tmp_aes_iv"]);
    const Bytes body = f.msg("step2_response_server_DH_params_ok");
    tl::Reader r(body);
    auto ok = std::get<mt::server_DH_params_ok>(mt::read<mt::Server_DH_Params>(r));
    ok.encrypted_answer = crypto::aes_ige_encrypt(edit(hex(d["answer_with_hash"])), key, iv);
    return mt::serialize(mt::Server_DH_Params{ok});
}

TEST(HandshakeNegative, ServerDhParamsChecks) {
    GrammersFlow f;
    const Bytes body = f.msg("step2_response_server_DH_params_ok");
    tl::Reader r(body);
    const auto ok = std::get<mt::server_DH_params_ok>(mt::read<mt::Server_DH_Params>(r));

    auto odd = ok;
    odd.encrypted_answer.pop_back();
    EXPECT_EQ(grammers_error(1, mt::serialize(mt::Server_DH_Params{odd})),
              "HANDSHAKE_ENCRYPTED_LENGTH_INVALID");
    auto empty = ok;
    empty.encrypted_answer.clear();
    EXPECT_EQ(grammers_error(1, mt::serialize(mt::Server_DH_Params{empty})),
              "HANDSHAKE_ENCRYPTED_LENGTH_INVALID");
    auto bad_nonce = ok;
    bad_nonce.nonce[0] ^= 1;
    EXPECT_EQ(grammers_error(1, mt::serialize(mt::Server_DH_Params{bad_nonce})),
              "HANDSHAKE_NONCE_MISMATCH");

    // The unmodified answer re-encrypted is accepted (so the edits below are what fails).
    EXPECT_EQ(grammers_error(1, reencrypted_answer(f, [](const Bytes& a) { return a; })), "");
    // 16 more padding bytes: the SHA1 still matches the object, but padding must be < 16.
    EXPECT_EQ(grammers_error(1, reencrypted_answer(f,
                                                   [](const Bytes& a) {
                                                       return concat({a, Bytes(16, 7)});
                                                   })),
              "HANDSHAKE_ANSWER_HASH_MISMATCH");
    // SHA1 over object + padding instead of exactly the object.
    EXPECT_EQ(grammers_error(1, reencrypted_answer(f,
                                                   [](const Bytes& a) {
                                                       Bytes b = a;
                                                       const auto h =
                                                           crypto::sha1(ByteView(a).subspan(20));
                                                       std::copy(h.begin(), h.end(), b.begin());
                                                       return b;
                                                   })),
              "HANDSHAKE_ANSWER_HASH_MISMATCH");
    // A changed inner server_nonce with a correct hash.
    const auto edit_inner = [](const std::function<void(mt::server_DH_inner_data&)>& edit) {
        return [edit](const Bytes& a) {
            const ByteView rest = ByteView(a).subspan(20);
            tl::Reader ir(rest);
            auto inner = mt::read<mt::server_DH_inner_data>(ir);
            edit(inner);
            const Bytes obj = mt::serialize(inner);
            const auto h = crypto::sha1(obj);
            Bytes out = concat({h, obj});
            out.resize((out.size() + 15) / 16 * 16, 0);
            return out;
        };
    };
    EXPECT_EQ(grammers_error(
                  1, reencrypted_answer(f, edit_inner([](auto& i) { i.server_nonce[3] ^= 1; }))),
              "HANDSHAKE_SERVER_NONCE_MISMATCH");
    EXPECT_EQ(
        grammers_error(1, reencrypted_answer(f, edit_inner([](auto& i) { i.nonce[3] ^= 1; }))),
        "HANDSHAKE_NONCE_MISMATCH");
    EXPECT_EQ(grammers_error(1, reencrypted_answer(f, edit_inner([](auto& i) { i.g = 9; }))),
              "DH_G_INVALID");
    // p - 6 keeps p = 2 (mod 3), so g = 3 passes its rule, but it is not a safe prime.
    EXPECT_EQ(
        grammers_error(1, reencrypted_answer(f, edit_inner([](auto& i) { i.dh_prime[255] -= 6; }))),
        "DH_PRIME_INVALID");
    EXPECT_EQ(grammers_error(1, reencrypted_answer(f, edit_inner([](auto& i) {
                                                       i.g_a = i.dh_prime;
                                                       i.g_a[255] -= 1;  // p - 1
                                                   }))),
              "DH_G_A_OUT_OF_RANGE");

    // server_DH_params_fail (after nonce checks) is its own error.
    mt::server_DH_params_fail fail{ok.nonce, ok.server_nonce, {}};
    EXPECT_EQ(grammers_error(1, mt::serialize(mt::Server_DH_Params{fail})),
              "HANDSHAKE_DH_PARAMS_FAIL");
}

TEST(HandshakeNegative, DhGenAnswerChecks) {
    GrammersFlow f;
    const Bytes body = f.msg("step3_response_dh_gen_ok");
    tl::Reader r(body);
    const auto ok = std::get<mt::dh_gen_ok>(mt::read<mt::Set_client_DH_params_answer>(r));
    auto bad_hash = ok;
    bad_hash.new_nonce_hash1[0] ^= 1;
    EXPECT_EQ(grammers_error(2, mt::serialize(bad_hash)), "HANDSHAKE_NEW_NONCE_HASH_MISMATCH");
    auto bad_sn = ok;
    bad_sn.server_nonce[0] ^= 1;
    EXPECT_EQ(grammers_error(2, mt::serialize(bad_sn)), "HANDSHAKE_SERVER_NONCE_MISMATCH");
    // dh_gen_ok's hash presented as dh_gen_retry / dh_gen_fail must not verify (n differs).
    EXPECT_EQ(grammers_error(2, mt::serialize(mt::dh_gen_retry{ok.nonce, ok.server_nonce,
                                                               ok.new_nonce_hash1})),
              "HANDSHAKE_NEW_NONCE_HASH_MISMATCH");
    EXPECT_EQ(grammers_error(
                  2, mt::serialize(mt::dh_gen_fail{ok.nonce, ok.server_nonce, ok.new_nonce_hash1})),
              "HANDSHAKE_NEW_NONCE_HASH_MISMATCH");
}

// --- Server against tampered client messages ----------------------------------------------

struct ServerCase {
    HandshakeClient client;
    HandshakeServer server;
    Bytes req_dh;  // the client's genuine req_DH_params

    explicit ServerCase(std::int32_t dc = 2, HandshakeServerOptions so = {},
                        HandshakeClientOptions co = {})
        : client({test::test_dc_key().public_key()}, dc, crypto::system_random(), co),
          server(std::span(&test::test_dc_key(), 1), crypto::system_random(), std::move(so)) {
        const auto res_pq = server.on_message(client.start(), 0).reply;
        req_dh = std::get<HandshakeSend>(client.on_message(res_pq, 0)).body;
    }
    std::string feed(const Bytes& body) {
        return error_code_of([&] { server.on_message(body, 0); }, "");  // "" = accepted
    }
    Bytes edited(const std::function<void(mt::req_DH_params&)>& edit) const {
        tl::Reader r(req_dh);
        auto req = mt::read<mt::req_DH_params>(r);
        edit(req);
        return mt::serialize(req);
    }
};

TEST(HandshakeNegative, ServerRejectsBadReqDhParams) {
    {
        HandshakeServerOptions so;
        so.accepted_dc_ids = {2};
        ServerCase s(3, so);
        const auto code = s.feed(s.req_dh);
        EXPECT_EQ(code, "HANDSHAKE_DC_MISMATCH");
        EXPECT_EQ(handshake_transport_error(code), -444);
        EXPECT_EQ(s.server.state(), HandshakeServer::State::Failed);
    }
    {
        HandshakeServerOptions so;
        so.accept_inner_data_without_dc = false;
        HandshakeClientOptions co;
        co.inner_data = InnerDataVariant::Legacy;
        ServerCase s(2, so, co);
        EXPECT_EQ(s.feed(s.req_dh), "HANDSHAKE_DC_MISMATCH");
    }
    EXPECT_EQ(handshake_transport_error("HANDSHAKE_NONCE_MISMATCH"), -404);

    const std::vector<std::pair<std::function<void(mt::req_DH_params&)>, std::string>> cases = {
        {[](auto& r) { r.public_key_fingerprint ^= 1; }, "HANDSHAKE_NO_KNOWN_RSA_KEY"},
        {[](auto& r) { r.encrypted_data[100] ^= 1; }, "HANDSHAKE_INNER_DATA_INVALID"},
        {[](auto& r) { r.encrypted_data.pop_back(); }, "HANDSHAKE_INNER_DATA_INVALID"},
        {[](auto& r) { r.p.back() ^= 2; }, "HANDSHAKE_PQ_MISMATCH"},
        {[](auto& r) { r.nonce[0] ^= 1; }, "HANDSHAKE_NONCE_MISMATCH"},
        {[](auto& r) { r.server_nonce[0] ^= 1; }, "HANDSHAKE_SERVER_NONCE_MISMATCH"},
    };
    for (const auto& [edit, code] : cases) {
        ServerCase s;
        EXPECT_EQ(s.feed(s.edited(edit)), code);
    }
    ServerCase s;
    EXPECT_EQ(s.feed(cut(s.req_dh, 10)), "TL_TRUNCATED");
    ServerCase g;
    EXPECT_EQ(g.feed(hex("efbeadde00000000")), "HANDSHAKE_UNEXPECTED_MESSAGE");
    ServerCase ok;
    EXPECT_EQ(ok.feed(ok.req_dh), "");
}

TEST(HandshakeNegative, ServerRejectsBadSetClientDhParams) {
    ServerCase s;
    const auto dh_ok = s.server.on_message(s.req_dh, 0).reply;
    const Bytes set_dh = std::get<HandshakeSend>(s.client.on_message(dh_ok, 0)).body;
    const auto edited = [&](const std::function<void(mt::set_client_DH_params&)>& edit) {
        tl::Reader r(set_dh);
        auto req = mt::read<mt::set_client_DH_params>(r);
        edit(req);
        return mt::serialize(req);
    };
    // Each failure leaves the server failed, so each case works on a copy of the state...
    // which a move-only server cannot give: rebuild up to this point for each.
    const auto run = [&](const std::function<void(mt::set_client_DH_params&)>& edit) {
        ServerCase t;
        const auto reply = t.server.on_message(t.req_dh, 0).reply;
        const Bytes body = std::get<HandshakeSend>(t.client.on_message(reply, 0)).body;
        tl::Reader r(body);
        auto req = mt::read<mt::set_client_DH_params>(r);
        edit(req);
        return t.feed(mt::serialize(req));
    };
    EXPECT_EQ(run([](auto& r) { r.encrypted_data[40] ^= 1; }), "HANDSHAKE_ANSWER_HASH_MISMATCH");
    EXPECT_EQ(run([](auto& r) { r.encrypted_data.resize(r.encrypted_data.size() - 8); }),
              "HANDSHAKE_ENCRYPTED_LENGTH_INVALID");
    EXPECT_EQ(run([](auto& r) { r.nonce[1] ^= 1; }), "HANDSHAKE_NONCE_MISMATCH");
    EXPECT_EQ(run([](auto&) {}), "");
    EXPECT_EQ(s.feed(edited([](auto& r) { r.server_nonce[1] ^= 1; })),
              "HANDSHAKE_SERVER_NONCE_MISMATCH");
    EXPECT_EQ(s.feed(set_dh), "HANDSHAKE_UNEXPECTED_MESSAGE");  // failed server stays failed
}

}  // namespace
}  // namespace tgs::mtproto
