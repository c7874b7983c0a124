// The server handshake's states as types (server_states in handshake_server.hpp): a step out of
// order, a step on a kept state (an lvalue) and a state made up from nothing must not compile
// (checked with requires-expressions); the typed chain makes the client's key; a fresh req_pq
// while req_DH_params is due replaces the exchange (Telegram Desktop's probe), and a refusal
// leaves the driver failed.
#include <gtest/gtest.h>

#include <type_traits>
#include <utility>

#include "test_handshake_support.hpp"
#include "tgs/mtproto/handshake_client.hpp"
#include "tgs/mtproto/handshake_server.hpp"

namespace tgs::mtproto {
namespace {

using namespace server_states;

// S is a state type (an rvalue: the step consumes it) or S& (an lvalue: a kept state).
template <class S>
concept OnReqPq = requires(S&& s, ByteView b) {
    std::forward<S>(s).on_req_pq(b);
};
template <class S>
concept OnReqDh = requires(S&& s, ByteView b) {
    std::forward<S>(s).on_req_dh_params(b, 0);
};
template <class S>
concept OnSetClientDh = requires(S&& s, ByteView b) {
    std::forward<S>(s).on_set_client_dh_params(b);
};

// Each state has exactly its own transitions; only AwaitReqDh also takes a fresh req_pq.
static_assert(OnReqPq<AwaitReqPq> && !OnReqDh<AwaitReqPq> && !OnSetClientDh<AwaitReqPq>);
static_assert(OnReqDh<AwaitReqDh> && OnReqPq<AwaitReqDh> && !OnSetClientDh<AwaitReqDh>);
static_assert(OnSetClientDh<AwaitSetClientDh> && !OnReqPq<AwaitSetClientDh> &&
              !OnReqDh<AwaitSetClientDh>);
// A step consumes its state: not callable on an lvalue, and no copy to replay it with.
static_assert(!OnReqPq<AwaitReqPq&> && !OnReqDh<AwaitReqDh&> && !OnReqPq<AwaitReqDh&> &&
              !OnSetClientDh<AwaitSetClientDh&>);
static_assert(!std::is_copy_constructible_v<AwaitReqPq>);
static_assert(!std::is_copy_constructible_v<AwaitReqDh>);
static_assert(!std::is_copy_constructible_v<AwaitSetClientDh>);
// Only the previous step makes a state (no skipping ahead with a hand-built one).
static_assert(!std::is_default_constructible_v<AwaitReqDh>);
static_assert(!std::is_default_constructible_v<AwaitSetClientDh>);
static_assert(!std::is_constructible_v<AwaitReqDh, AwaitReqPq>);
static_assert(!std::is_constructible_v<AwaitSetClientDh, AwaitReqDh>);

HandshakeClient client_for_dc2() {
    return HandshakeClient({test::test_dc_key().public_key()}, 2, crypto::system_random());
}

AwaitReqPq server_start(HandshakeServerOptions options = {}) {
    return AwaitReqPq(std::span(&test::test_dc_key(), 1), crypto::system_random(),
                      std::move(options));
}

const Bytes& sent(const HandshakeClient::Step& step) {
    return std::get<HandshakeSend>(step).body;
}

TEST(HandshakeServerStates, TypedChainMakesTheClientsKey) {
    auto client = client_for_dc2();
    auto s1 = server_start().on_req_pq(client.start());
    auto a2 = std::move(s1.next).on_req_dh_params(sent(client.on_message(s1.body, 100)), 100);
    ASSERT_EQ(a2.index(), 0u) << "server_DH_params_ok and AwaitSetClientDh";
    auto& s2 = std::get<0>(a2);
    auto a3 = std::move(s2.next).on_set_client_dh_params(sent(client.on_message(s2.body, 100)));
    ASSERT_TRUE(std::holds_alternative<HandshakeServerStep>(a3));
    auto& last = std::get<HandshakeServerStep>(a3);
    ASSERT_TRUE(last.done.has_value());
    const auto client_done = std::get<HandshakeDone>(client.on_message(last.reply, 100));
    EXPECT_EQ(to_hex(client_done.auth_key.bytes()), to_hex(last.done->result.auth_key.bytes()));
    EXPECT_EQ(client_done.server_salt, last.done->result.server_salt);
    EXPECT_EQ(last.done->dc, 2);
}

// A probe's exchange is dropped for the new one: its req_DH_params no longer fits, the new
// client's does, and the key comes out of the new exchange.
TEST(HandshakeServerStates, AFreshReqPqReplacesTheExchange) {
    {
        auto probe = client_for_dc2();
        auto s1 = server_start().on_req_pq(probe.start());
        const Bytes probe_req_dh = sent(probe.on_message(s1.body, 100));
        auto restarted = std::move(s1.next).on_req_pq(client_for_dc2().start());
        EXPECT_EQ(test::error_code_of(
                      [&] { (void)std::move(restarted.next).on_req_dh_params(probe_req_dh, 100); }),
                  "HANDSHAKE_NONCE_MISMATCH");
    }
    auto probe = client_for_dc2();
    auto s1 = server_start().on_req_pq(probe.start());
    auto client = client_for_dc2();
    auto restarted = std::move(s1.next).on_req_pq(client.start());
    EXPECT_NE(restarted.body, s1.body);  // another nonce, server_nonce and pq
    auto a2 = std::move(restarted.next)
                  .on_req_dh_params(sent(client.on_message(restarted.body, 100)), 100);
    ASSERT_EQ(a2.index(), 0u);
    auto& s2 = std::get<0>(a2);
    auto a3 = std::move(s2.next).on_set_client_dh_params(sent(client.on_message(s2.body, 100)));
    auto& last = std::get<HandshakeServerStep>(a3);
    ASSERT_TRUE(last.done.has_value());
    const auto client_done = std::get<HandshakeDone>(client.on_message(last.reply, 100));
    EXPECT_EQ(client_done.auth_key.id(), last.done->result.auth_key.id());
}

// server_DH_params_fail is the exchange's last reply: the driver is failed, and a later message
// is unexpected.
TEST(HandshakeServerStates, ARefusalLeavesTheDriverFailed) {
    HandshakeServerOptions so;
    so.faults.dh_params_fail = true;
    HandshakeServer server(std::span(&test::test_dc_key(), 1), crypto::system_random(), so);
    auto client = client_for_dc2();
    const auto res_pq = server.on_message(client.start(), 100);
    EXPECT_EQ(server.state(), HandshakeServer::State::WaitReqDh);
    const Bytes req_dh = sent(client.on_message(res_pq.reply, 100));
    const auto fail = server.on_message(req_dh, 100);
    EXPECT_FALSE(fail.done.has_value());
    EXPECT_EQ(server.state(), HandshakeServer::State::Failed);
    EXPECT_EQ(test::error_code_of([&] { client.on_message(fail.reply, 100); }),
              "HANDSHAKE_DH_PARAMS_FAIL");
    EXPECT_EQ(test::error_code_of([&] { server.on_message(req_dh, 100); }),
              "HANDSHAKE_UNEXPECTED_MESSAGE");
}

}  // namespace
}  // namespace tgs::mtproto
