// The client handshake's states as types (client_states in handshake_client.hpp): a step out of
// order, a step on a state that is kept (an lvalue) and a state made up from nothing must not
// compile (checked below with requires-expressions), and the typed chain replays grammers'
// recorded flow byte for byte, like the HandshakeClient driver built on it.
#include <gtest/gtest.h>

#include <type_traits>
#include <utility>

#include "test_handshake_support.hpp"
#include "tgs/mtproto/handshake_client.hpp"

namespace tgs::mtproto {
namespace {

using namespace client_states;

// S is a state type (an rvalue: the step consumes it) or S& (an lvalue: a kept state).
template <class S>
concept ReqPq = requires(S&& s) {
    std::forward<S>(s).req_pq();
};
template <class S>
concept OnResPq = requires(S&& s, ByteView b) {
    std::forward<S>(s).on_res_pq(b);
};
template <class S>
concept OnDhParams = requires(S&& s, ByteView b) {
    std::forward<S>(s).on_server_dh_params(b, 0);
};
template <class S>
concept OnDhGen = requires(S&& s, ByteView b) {
    std::forward<S>(s).on_dh_gen_answer(b);
};

// Each state has exactly its own transition.
static_assert(ReqPq<Start> && !OnResPq<Start> && !OnDhParams<Start> && !OnDhGen<Start>);
static_assert(OnResPq<AwaitResPq> && !ReqPq<AwaitResPq> && !OnDhParams<AwaitResPq> &&
              !OnDhGen<AwaitResPq>);
static_assert(OnDhParams<AwaitDhParams> && !ReqPq<AwaitDhParams> && !OnResPq<AwaitDhParams> &&
              !OnDhGen<AwaitDhParams>);
static_assert(OnDhGen<AwaitDhGen> && !ReqPq<AwaitDhGen> && !OnResPq<AwaitDhGen> &&
              !OnDhParams<AwaitDhGen>);
// A step consumes its state: not callable on an lvalue, and no implicit copy to replay it with
// (clone() is the explicit deep copy).
static_assert(!ReqPq<Start&> && !OnResPq<AwaitResPq&> && !OnDhParams<AwaitDhParams&> &&
              !OnDhGen<AwaitDhGen&>);
static_assert(!std::is_copy_constructible_v<AwaitResPq>);
static_assert(!std::is_copy_constructible_v<AwaitDhParams>);
static_assert(!std::is_copy_constructible_v<AwaitDhGen>);
// Only the previous step makes a state (no skipping ahead with a hand-built one).
static_assert(!std::is_default_constructible_v<AwaitResPq>);
static_assert(!std::is_default_constructible_v<AwaitDhParams>);
static_assert(!std::is_default_constructible_v<AwaitDhGen>);

TEST(HandshakeStates, TypedChainReplaysGrammersFlow) {
    test::GrammersFlow f;
    HandshakeClientOptions o;
    o.inner_data = InnerDataVariant::Legacy;
    o.rsa_scheme = RsaScheme::RsaPad;
    auto s1 = Start({test::vector_key("test_dc")}, 10002, f.random.source(), o).req_pq();
    EXPECT_EQ(to_hex(s1.body), to_hex(f.msg("step1_request_req_pq_multi")));
    auto s2 = std::move(s1.next).on_res_pq(f.msg("step1_response_resPQ"));
    EXPECT_EQ(to_hex(s2.body), to_hex(f.msg("step2_request_req_DH_params")));
    auto s3 = std::move(s2.next).on_server_dh_params(f.msg("step2_response_server_DH_params_ok"),
                                                     f.now());
    EXPECT_EQ(to_hex(s3.body), to_hex(f.msg("step3_request_set_client_DH_params")));
    auto answer = std::move(s3.next).on_dh_gen_answer(f.msg("step3_response_dh_gen_ok"));
    ASSERT_TRUE(std::holds_alternative<HandshakeDone>(answer));
    const auto& done = std::get<HandshakeDone>(answer);
    const auto& expected = f.v["expected"];
    EXPECT_EQ(to_hex(done.auth_key.bytes()), to_hex(test::hex(expected["auth_key"])));
    EXPECT_EQ(done.server_salt, expected["first_salt_int64"].get<std::int64_t>());
    EXPECT_EQ(done.time_offset, expected["time_offset"].get<std::int32_t>());
    EXPECT_TRUE(f.random.exhausted());
}

TEST(HandshakeStates, AWrongAnswerThrowsItsCode) {
    test::GrammersFlow f;
    HandshakeClientOptions o;
    o.inner_data = InnerDataVariant::Legacy;
    auto s1 = Start({test::vector_key("test_dc")}, 10002, f.random.source(), o).req_pq();
    // server_DH_params_ok where resPQ is due: the constructor is checked before anything else.
    EXPECT_EQ(test::error_code_of([&] {
                  std::move(s1.next).on_res_pq(f.msg("step2_response_server_DH_params_ok"));
              }),
              "HANDSHAKE_UNEXPECTED_MESSAGE");
}

// A clone taken before any step finishes grammers' flow on its own randomness, byte for byte,
// and leaves the original able to finish it too (the fuzzer replays one snapshot per input).
TEST(HandshakeStates, AClonedClientFinishesTheFlowIndependently) {
    const char* replies[] = {"step1_response_resPQ", "step2_response_server_DH_params_ok",
                             "step3_response_dh_gen_ok"};
    const char* requests[] = {"step2_request_req_DH_params", "step3_request_set_client_DH_params"};
    const auto finish = [&](HandshakeClient& c, const test::GrammersFlow& f, int from) {
        for (int i = from; i < 3; ++i) {
            auto step = c.on_message(f.msg(replies[i]), f.now());
            if (i < 2) {
                ASSERT_TRUE(std::holds_alternative<HandshakeSend>(step));
                EXPECT_EQ(to_hex(std::get<HandshakeSend>(step).body), to_hex(f.msg(requests[i])));
                continue;
            }
            ASSERT_TRUE(std::holds_alternative<HandshakeDone>(step));
            EXPECT_EQ(to_hex(std::get<HandshakeDone>(step).auth_key.bytes()),
                      to_hex(test::hex(f.v["expected"]["auth_key"])));
        }
        EXPECT_EQ(c.state(), HandshakeClient::State::Done);
        EXPECT_TRUE(f.random.exhausted());
    };
    for (int upto = 0; upto < 3; ++upto) {
        SCOPED_TRACE(upto);
        test::GrammersFlow f, g;  // the original's randomness and the clone's
        auto original = f.client();
        auto used_up = g.client();  // brings g's script to where f's is after `upto` steps
        original.start();
        used_up.start();
        for (int i = 0; i < upto; ++i) {
            original.on_message(f.msg(replies[i]), f.now());
            used_up.on_message(g.msg(replies[i]), g.now());
        }
        auto copy = original.clone(g.random.source());
        EXPECT_EQ(copy.state(), original.state());
        finish(copy, g, upto);
        finish(original, f, upto);
    }
}

}  // namespace
}  // namespace tgs::mtproto
