// The hand-written service-message codec (service.hpp) against the generated tgs::tl::mt
// types: same constructor ids, same bytes, and each side parses the other's output.
#include <gtest/gtest.h>

#include "tgs/mtproto/container.hpp"
#include "tgs/mtproto/service.hpp"
#include "tgs/tl/mt.hpp"
#include "tgs/tl/reader.hpp"

namespace {

using namespace tgs;
using namespace tgs::mtproto;
namespace mt = tgs::tl::mt;

TEST(MessageServiceCodec, ConstructorIdsMatchGeneratedSchema) {
    EXPECT_EQ(ids::kMsgContainer, mt::msg_container::ID);
    EXPECT_EQ(ids::kRpcError, mt::rpc_error::ID);
    EXPECT_EQ(ids::kGzipPacked, mt::gzip_packed::ID);
    EXPECT_EQ(ids::kMsgsAck, mt::msgs_ack::ID);
    EXPECT_EQ(ids::kBadMsgNotification, mt::bad_msg_notification::ID);
    EXPECT_EQ(ids::kBadServerSalt, mt::bad_server_salt::ID);
    EXPECT_EQ(ids::kNewSessionCreated, mt::new_session_created::ID);
    EXPECT_EQ(ids::kPing, mt::ping::ID);
    EXPECT_EQ(ids::kPingDelayDisconnect, mt::ping_delay_disconnect::ID);
    EXPECT_EQ(ids::kPong, mt::pong::ID);
    EXPECT_EQ(ids::kGetFutureSalts, mt::get_future_salts::ID);
    EXPECT_EQ(ids::kFutureSalts, mt::future_salts::ID);
    EXPECT_EQ(ids::kMsgsStateReq, mt::msgs_state_req::ID);
    EXPECT_EQ(ids::kMsgDetailedInfo, mt::msg_detailed_info::ID);
    EXPECT_EQ(ids::kMsgResendReq, mt::msg_resend_req::ID);
    EXPECT_EQ(ids::kDestroySession, mt::destroy_session::ID);
    EXPECT_EQ(ids::kHttpWait, mt::http_wait::ID);
}

TEST(MessageServiceCodec, SameBytesAsGeneratedCode) {
    EXPECT_EQ(serialize(MsgsAck{{1, -2, 0x5e308b91c2c1a801}}),
              mt::serialize(mt::msgs_ack{{1, -2, 0x5e308b91c2c1a801}}));
    EXPECT_EQ(serialize(BadMsgNotification{11, 3, 17}),
              mt::serialize(mt::bad_msg_notification{11, 3, 17}));
    EXPECT_EQ(serialize(BadServerSalt{11, 3, 48, -5}),
              mt::serialize(mt::bad_server_salt{11, 3, 48, -5}));
    EXPECT_EQ(serialize(NewSessionCreated{1, 2, 3}),
              mt::serialize(mt::new_session_created{1, 2, 3}));
    EXPECT_EQ(serialize(Ping{42}), mt::serialize(mt::ping{42}));
    EXPECT_EQ(serialize(PingDelayDisconnect{42, 75}),
              mt::serialize(mt::ping_delay_disconnect{42, 75}));
    EXPECT_EQ(serialize(Pong{7, 42}), mt::serialize(mt::pong{7, 42}));
    EXPECT_EQ(serialize(GetFutureSalts{3}), mt::serialize(mt::get_future_salts{3}));
    EXPECT_EQ(serialize(RpcErrorBody{420, "FLOOD_WAIT_42"}),
              mt::serialize(mt::rpc_error{420, "FLOOD_WAIT_42"}));
    FutureSalts mine{99, 1700000000, {{1, 2, 3}, {4, 5, 6}}};
    mt::future_salts theirs;
    theirs.req_msg_id = 99;
    theirs.now = 1700000000;
    theirs.salts = {mt::future_salt{1, 2, 3}, mt::future_salt{4, 5, 6}};
    EXPECT_EQ(serialize(mine), mt::serialize(theirs));
}

TEST(MessageServiceCodec, GeneratedReaderParsesOurContainer) {
    const std::vector<InnerMessage> inner = {{100, 1, serialize(Ping{1})},
                                             {104, 2, serialize(Pong{100, 1})}};
    const Bytes body = pack_container(inner);
    tl::Reader r(body);
    const auto parsed = mt::read<mt::msg_container>(r);
    ASSERT_EQ(parsed.messages.size(), 2u);
    EXPECT_EQ(parsed.messages[0].msg_id, 100);
    EXPECT_EQ(parsed.messages[1].seqno, 2);
    EXPECT_TRUE(r.at_end());
}

}  // namespace
