// Replays grammers' recorded test-DC handshake (auth_key_grammers_flow.json) through
// HandshakeClient with the recorded randomness: every request must match byte for byte and
// the result must be the recorded auth_key, first salt and time offset.
#include <gtest/gtest.h>

#include "test_handshake_support.hpp"
#include "tgs/mtproto/handshake_client.hpp"

namespace tgs::mtproto {
namespace {

using test::GrammersFlow;
using test::hex;

Bytes sent(const HandshakeClient::Step& step) {
    EXPECT_TRUE(std::holds_alternative<HandshakeSend>(step));
    return std::holds_alternative<HandshakeSend>(step) ? std::get<HandshakeSend>(step).body
                                                       : Bytes{};
}

TEST(HandshakeGrammers, ReplaysEveryRequestAndTheResult) {
    GrammersFlow f;
    auto c = f.client();
    EXPECT_EQ(to_hex(c.start()), to_hex(f.msg("step1_request_req_pq_multi")));
    EXPECT_EQ(to_hex(sent(c.on_message(f.msg("step1_response_resPQ"), f.now()))),
              to_hex(f.msg("step2_request_req_DH_params")));
    EXPECT_EQ(to_hex(sent(c.on_message(f.msg("step2_response_server_DH_params_ok"), f.now()))),
              to_hex(f.msg("step3_request_set_client_DH_params")));
    auto last = c.on_message(f.msg("step3_response_dh_gen_ok"), f.now());
    ASSERT_TRUE(std::holds_alternative<HandshakeDone>(last));
    const auto& done = std::get<HandshakeDone>(last);
    const auto& expected = f.v["expected"];
    EXPECT_EQ(to_hex(done.auth_key.bytes()), to_hex(hex(expected["auth_key"])));
    EXPECT_EQ(done.server_salt, expected["first_salt_int64"].get<std::int64_t>());
    EXPECT_EQ(done.time_offset, expected["time_offset"].get<std::int32_t>());
    const auto id = done.auth_key.id_bytes();
    EXPECT_EQ(to_hex(id), f.v["derived_by_tools"]["auth_key_id"].get<std::string>());
    EXPECT_EQ(c.state(), HandshakeClient::State::Done);
    EXPECT_TRUE(f.random.exhausted());
}

TEST(HandshakeGrammers, TimeOffsetFollowsLocalClock) {
    GrammersFlow f;
    auto c = f.client();
    c.start();
    c.on_message(f.msg("step1_response_resPQ"), f.now());
    c.on_message(f.msg("step2_response_server_DH_params_ok"), f.now() - 90);
    auto last = c.on_message(f.msg("step3_response_dh_gen_ok"), f.now());
    ASSERT_TRUE(std::holds_alternative<HandshakeDone>(last));
    EXPECT_EQ(std::get<HandshakeDone>(last).time_offset, 90);
}

}  // namespace
}  // namespace tgs::mtproto
