// The generated mt structs against real handshake bytes (grammers' recorded test-DC flow and
// core.telegram.org's sample): decode each object, check fields, re-encode byte for byte.
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "tgs/error.hpp"
#include "tgs/tl/mt.hpp"

namespace {

namespace mt = tgs::tl::mt;
using tgs::Bytes;
using tgs::tl::Reader;

template <class T>
T decode_all(const Bytes& wire) {
    Reader r(wire);
    T v = mt::read<T>(r);
    EXPECT_TRUE(r.at_end());
    return v;
}

TEST(GeneratedMt, GrammersHandshakeObjectsRoundTrip) {
    auto j = tgs::test::load_vectors("auth_key_grammers_flow.json");
    const auto& m = j.at("messages");
    const auto& d = j.at("derived_by_tools");

    Bytes req = tgs::test::hex(m.at("step1_request_req_pq_multi"));
    auto req_pq = decode_all<mt::req_pq_multi>(req);
    EXPECT_EQ(tgs::to_hex(req_pq.nonce), j.at("inputs").at("step1_random_nonce"));
    EXPECT_EQ(mt::serialize(req_pq), req);

    Bytes res = tgs::test::hex(m.at("step1_response_resPQ"));
    auto respq = std::get<mt::resPQ>(decode_all<mt::ResPQ>(res));
    EXPECT_EQ(tgs::to_hex(respq.server_nonce), d.at("server_nonce"));
    ASSERT_EQ(respq.server_public_key_fingerprints.size(), 3u);
    EXPECT_EQ(respq.server_public_key_fingerprints[0],
              d.at("server_fingerprints_int64").at(0).get<std::int64_t>());
    EXPECT_EQ(mt::serialize(mt::ResPQ{respq}), res);

    Bytes pqi = tgs::test::hex(d.at("p_q_inner_data"));
    auto inner = decode_all<mt::P_Q_inner_data>(pqi);
    ASSERT_TRUE(std::holds_alternative<mt::p_q_inner_data>(inner));
    EXPECT_EQ(tgs::to_hex(std::get<mt::p_q_inner_data>(inner).new_nonce), d.at("new_nonce"));
    EXPECT_EQ(mt::serialize(inner), pqi);

    Bytes dh_req = tgs::test::hex(m.at("step2_request_req_DH_params"));
    auto req_dh = decode_all<mt::req_DH_params>(dh_req);
    EXPECT_EQ(req_dh.public_key_fingerprint, d.at("chosen_fingerprint").get<std::int64_t>());
    EXPECT_EQ(mt::serialize(req_dh), dh_req);

    Bytes dh_ok = tgs::test::hex(m.at("step2_response_server_DH_params_ok"));
    auto params = decode_all<mt::Server_DH_Params>(dh_ok);
    ASSERT_TRUE(std::holds_alternative<mt::server_DH_params_ok>(params));
    EXPECT_EQ(mt::serialize(params), dh_ok);

    Bytes set_req = tgs::test::hex(m.at("step3_request_set_client_DH_params"));
    EXPECT_EQ(mt::serialize(decode_all<mt::set_client_DH_params>(set_req)), set_req);

    Bytes gen_ok = tgs::test::hex(m.at("step3_response_dh_gen_ok"));
    auto answer = decode_all<mt::Set_client_DH_params_answer>(gen_ok);
    ASSERT_TRUE(std::holds_alternative<mt::dh_gen_ok>(answer));
    EXPECT_EQ(tgs::to_hex(std::get<mt::dh_gen_ok>(answer).new_nonce_hash1),
              d.at("new_nonce_hash1"));
    EXPECT_EQ(mt::serialize(answer), gen_ok);
}

TEST(GeneratedMt, CoreSampleInnerDataDc) {
    auto v = tgs::test::load_vectors("auth_key_sample_core_telegram.json").at("values");
    Bytes wire = tgs::test::hex(v.at("p_q_inner_data_dc"));
    Reader r(wire);
    auto inner = mt::read<mt::p_q_inner_data_dc>(r);
    EXPECT_EQ(inner.dc, v.at("dc").get<int>());
    EXPECT_EQ(tgs::to_hex(inner.nonce), tgs::to_hex(tgs::test::hex(v.at("nonce"))));
    Bytes again = mt::serialize(inner);
    // The sample's buffer may carry trailing padding after the object; the object itself matches.
    ASSERT_LE(again.size(), wire.size());
    EXPECT_EQ(again, Bytes(wire.begin(), wire.begin() + static_cast<long>(again.size())));
}

TEST(GeneratedMt, ContainerWithBareMessagesRoundTrips) {
    mt::msg_container c;
    c.messages.push_back({0x6000000000000001, 1, tgs::tl::RawObject{mt::serialize(mt::ping{7})}});
    c.messages.push_back(
        {0x6000000000000005, 3, tgs::tl::RawObject{mt::serialize(mt::msgs_ack{{1, 2}})}});
    Bytes wire = mt::serialize(c);
    // id, bare count, then msg_id/seqno/length/body per message (no per-message id).
    EXPECT_EQ(tgs::to_hex(Bytes(wire.begin(), wire.begin() + 8)), "dcf8f17302000000");
    EXPECT_EQ(wire.size(), 8u + (16 + 12) + (16 + 28));
    Reader r(wire);
    EXPECT_EQ(mt::read<mt::msg_container>(r), c);
    EXPECT_TRUE(r.at_end());
}

TEST(GeneratedMt, MessageBodyLengthMustFitAndAlign) {
    Bytes wire = mt::serialize(mt::msg_container{{{1, 1, tgs::tl::RawObject{Bytes(8, 0)}}}});
    wire[8 + 12] = 9;  // body length 9: unaligned
    Reader r(wire);
    try {
        mt::read<mt::msg_container>(r);
        FAIL() << "accepted an unaligned body length";
    } catch (const tgs::Error& e) {
        EXPECT_EQ(e.code(), "TL_BAD_LENGTH");
    }
}

TEST(GeneratedMt, RpcResultKeepsTheRestAsRawObject) {
    Bytes body = mt::serialize(mt::rpc_error{420, "FLOOD_WAIT_3"});
    Bytes wire = mt::serialize(mt::rpc_result{99, tgs::tl::RawObject{body}});
    Reader r(wire);
    auto res = mt::read<mt::rpc_result>(r);
    EXPECT_EQ(res.req_msg_id, 99);
    EXPECT_EQ(res.result.data, body);
    Reader inner(res.result.data);
    EXPECT_EQ(mt::read<mt::rpc_error>(inner).error_message, "FLOOD_WAIT_3");
}

TEST(GeneratedMt, FutureSaltsUseBareVectorOfBareSalts) {
    mt::future_salts fs{5, 1000, {{1, 2, 3}, {4, 5, 6}}};
    Bytes wire = mt::serialize(fs);
    // id + req_msg_id + now + count + 2 * (int, int, long) — no vector id, no salt ids.
    EXPECT_EQ(wire.size(), 4u + 8 + 4 + 4 + 2 * 16);
    Reader r(wire);
    EXPECT_EQ(mt::read<mt::future_salts>(r), fs);
}

TEST(GeneratedMt, NamesAndIds) {
    EXPECT_STREQ(mt::constructor_name(0x62d6b459), "msgs_ack");
    EXPECT_STREQ(mt::constructor_name(mt::req_pq_multi::ID), "req_pq_multi");
    EXPECT_EQ(mt::constructor_name(0xdeadbeef), nullptr);
    EXPECT_EQ(mt::rsa_public_key::ID, 0x7a19cb76u);  // computed by tlgen: the line has no #id
    EXPECT_EQ(mt::gzip_packed::ID, 0x3072cfa1u);
}

}  // namespace
