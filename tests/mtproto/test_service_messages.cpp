// The server role's answers to MTProto service messages (core.telegram.org/mtproto/
// service_messages and service_messages_about_messages): future salts with validity windows,
// msgs_state_req, msg_resend_req, msgs_all_info for duplicates, seq_no rules (codes 32-35) and
// destroy_session. Client messages are built by hand so every field can be chosen.
#include <gtest/gtest.h>

#include <algorithm>

#include "test_session_pair.hpp"
#include "tgs/mtproto/container.hpp"
#include "tgs/mtproto/service.hpp"

namespace {

using namespace tgs;
using namespace tgs::mtproto;
namespace mt = tgs::tl::mt;
using test::fake_request;
using test::SessionPair;

// Sends hand-made client messages on the pair's session and returns the server's answer
// bodies (container unpacked).
struct RawClient {
    SessionPair& s;
    std::int64_t session_id;
    std::uint32_t next_low = 0x1000;

    explicit RawClient(SessionPair& pair, std::int64_t session = 0x5e55)
        : s(pair), session_id(session) {}

    /// A client msg_id for the fake clock's current second, increasing per call.
    std::int64_t id() {
        next_low += 0x1000;
        return test::server_msg_id_at(*s.server_clock.now_ns, next_low) & ~std::int64_t{3};
    }

    ServerReceived send(std::int64_t msg_id, std::int32_t seq_no, const Bytes& body,
                        std::int64_t salt = test::kServerSalt) {
        PlainMessage m;
        m.salt = salt;
        m.session_id = session_id;
        m.msg_id = msg_id;
        m.seq_no = seq_no;
        m.body = body;
        return s.server.on_packet(encrypt_message(test::test_key(), m, Direction::ClientToServer,
                                                  test::counter_random(msg_id)));
    }

    std::vector<InnerMessage> answers() {
        std::vector<InnerMessage> out;
        const auto packet = s.server.flush();
        if (!packet) return out;
        const PlainMessage m =
            decrypt_message(test::test_key(), *packet, Direction::ServerToClient);
        if (is_container(m.body)) return unpack_container(m.body, m.msg_id);
        out.push_back(InnerMessage{m.msg_id, m.seq_no, m.body});
        return out;
    }
};

std::vector<Bytes> bodies_of(const std::vector<InnerMessage>& msgs, std::uint32_t id) {
    std::vector<Bytes> out;
    for (const auto& m : msgs) {
        if (constructor_of(m.body) == id) out.push_back(m.body);
    }
    return out;
}

std::vector<std::int32_t> bad_codes(const std::vector<InnerMessage>& msgs) {
    std::vector<std::int32_t> out;
    for (const auto& b : bodies_of(msgs, mt::bad_msg_notification::ID)) {
        out.push_back(parse_body<mt::bad_msg_notification>(b).error_code);
    }
    return out;
}

TEST(ServiceMessages, FutureSaltsGiveNumSaltsWithOverlappingWindows) {
    SessionPair s;
    RawClient c(s);
    const auto req = c.id();
    c.send(req, 1, mt::serialize(mt::get_future_salts{5}));
    const auto got = bodies_of(c.answers(), mt::future_salts::ID);
    ASSERT_EQ(got.size(), 1u);
    const auto fs = parse_body<mt::future_salts>(got[0]);
    EXPECT_EQ(fs.req_msg_id, req);
    const auto now = static_cast<std::int32_t>(*s.server_clock.now_ns / kNanosPerSecond);
    EXPECT_EQ(fs.now, now);
    ASSERT_EQ(fs.salts.size(), 5u);
    EXPECT_EQ(fs.salts[0].salt, test::kServerSalt) << "the current salt comes first";
    EXPECT_LE(fs.salts[0].valid_since, now);
    EXPECT_GT(fs.salts[0].valid_until, now);
    for (std::size_t i = 1; i < fs.salts.size(); ++i) {
        EXPECT_EQ(fs.salts[i].valid_since, fs.salts[i - 1].valid_since + 1800);
        EXPECT_GT(fs.salts[i - 1].valid_until, fs.salts[i].valid_since) << "windows overlap";
        EXPECT_NE(fs.salts[i].salt, fs.salts[i - 1].salt);
    }

    // num is clamped to 1..64.
    c.send(c.id(), 3, mt::serialize(mt::get_future_salts{1000}));
    auto many = bodies_of(c.answers(), mt::future_salts::ID);
    ASSERT_EQ(many.size(), 1u);
    EXPECT_EQ(parse_body<mt::future_salts>(many[0]).salts.size(), 64u);
    c.send(c.id(), 5, mt::serialize(mt::get_future_salts{0}));
    auto one = bodies_of(c.answers(), mt::future_salts::ID);
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(parse_body<mt::future_salts>(one[0]).salts.size(), 1u);

    // A future salt is refused before its window and accepted inside it.
    const auto next = fs.salts[1];
    EXPECT_TRUE(c.send(c.id(), 7, fake_request(1, 1), next.salt).rejected);
    c.answers();
    *s.server_clock.now_ns = std::int64_t{next.valid_since} * kNanosPerSecond + 5;
    const auto later = c.send(c.id(), 9, fake_request(1, 2), next.salt);
    EXPECT_FALSE(later.rejected);
    EXPECT_EQ(later.requests.size(), 1u);
}

TEST(ServiceMessages, MsgsStateReqIsAnsweredWithOneBytePerId) {
    SessionPair s;
    RawClient c(s);
    const auto first = c.id();
    c.send(first, 1, fake_request(1, 1));
    const auto gap = c.id();  // never sent
    const auto answered = c.id();
    c.send(answered, 3, fake_request(1, 2));
    s.server.reply_result(answered, fake_request(2, 2));
    const auto ack = c.id();
    c.send(ack, 4, mt::serialize(mt::msgs_ack{{}}));
    c.answers();

    const std::vector<std::int64_t> asked{first, gap,          answered,
                                          ack,   first - 4096, ack + (std::int64_t{1} << 32)};
    const auto req = c.id();
    c.send(req, 5, mt::serialize(mt::msgs_state_req{asked}));
    const auto got = bodies_of(c.answers(), mt::msgs_state_info::ID);
    ASSERT_EQ(got.size(), 1u);
    const auto info = parse_body<mt::msgs_state_info>(got[0]);
    EXPECT_EQ(info.req_msg_id, req);
    ASSERT_EQ(info.info.size(), asked.size());
    EXPECT_EQ(info.info[0], 4 | 32) << "received query, still being processed";
    EXPECT_EQ(info.info[1], 2) << "inside the known range but never received";
    EXPECT_EQ(info.info[2], 4 | 32 | 64) << "received and answered";
    EXPECT_EQ(info.info[3], 4 | 16) << "received, needs no ack";
    EXPECT_EQ(info.info[4], 1) << "older than anything remembered";
    EXPECT_EQ(info.info[5], 3) << "newer than anything received";
}

TEST(ServiceMessages, MsgResendReqSendsTheAnswerAgain) {
    SessionPair s;
    RawClient c(s);
    const auto req = c.id();
    c.send(req, 1, fake_request(1, 1));
    s.server.reply_result(req, fake_request(7, 7));
    std::int64_t result_id = 0;
    Bytes result_body;
    for (const auto& m : c.answers()) {
        if (constructor_of(m.body) == mt::rpc_result::ID) {
            result_id = m.msg_id;
            result_body = m.body;
        }
    }
    ASSERT_NE(result_id, 0);
    c.send(c.id(), 3, mt::serialize(mt::msg_resend_req{{result_id, result_id + 4}}));
    const auto again = bodies_of(c.answers(), mt::rpc_result::ID);
    ASSERT_EQ(again.size(), 1u) << "the known message is re-sent, the unknown id ignored";
    EXPECT_EQ(again[0], result_body);
}

TEST(ServiceMessages, SeqNoParityIsChecked) {
    SessionPair s;
    RawClient c(s);
    const auto even_query = c.id();
    const auto got = c.send(even_query, 2, fake_request(1, 1));
    EXPECT_TRUE(got.requests.empty()) << "a query with an even seq_no is not processed";
    EXPECT_EQ(bad_codes(c.answers()), std::vector<std::int32_t>{35});

    EXPECT_TRUE(c.send(c.id(), 3, fake_request(1, 2)).requests.size() == 1);
    c.answers();
    // An odd msgs_ack is tolerated as Telegram does (mtcute sends its acks that way).
    c.send(c.id(), 5, mt::serialize(mt::msgs_ack{{even_query}}));
    EXPECT_TRUE(bad_codes(c.answers()).empty());

    // A container is not content-related either.
    const auto inner = c.id();
    const auto outer = c.id();
    const std::vector<InnerMessage> msgs{{inner, 7, fake_request(1, 3)}};
    const auto boxed = c.send(outer, 7, pack_container(msgs));
    EXPECT_TRUE(boxed.requests.empty());
    EXPECT_EQ(bad_codes(c.answers()), std::vector<std::int32_t>{34});
}

TEST(ServiceMessages, SeqNoOrderIsChecked) {
    SessionPair s;
    RawClient c(s);
    const auto a = c.id();
    const auto between = c.id();
    const auto b = c.id();
    ASSERT_EQ(c.send(a, 1, fake_request(1, 1)).requests.size(), 1u);
    ASSERT_EQ(c.send(b, 5, fake_request(1, 2)).requests.size(), 1u);
    c.answers();
    // Between a (seq 1) and b (seq 5) by msg_id, so its seq_no must be 3.
    EXPECT_TRUE(c.send(between, 7, fake_request(1, 3)).requests.empty());
    EXPECT_EQ(bad_codes(c.answers()), std::vector<std::int32_t>{33});
    const auto newest = c.id();
    EXPECT_TRUE(c.send(newest, 5, fake_request(1, 4)).requests.empty())
        << "a content-related seq_no is used once";
    EXPECT_EQ(bad_codes(c.answers()), std::vector<std::int32_t>{32});
    const auto newer = c.id();
    EXPECT_TRUE(c.send(newer, 1, fake_request(1, 5)).requests.empty());
    EXPECT_EQ(bad_codes(c.answers()), std::vector<std::int32_t>{32});
    EXPECT_EQ(c.send(c.id(), 7, fake_request(1, 6)).requests.size(), 1u) << "7 is right";
    EXPECT_TRUE(bad_codes(c.answers()).empty());
}

TEST(ServiceMessages, DuplicatesInAContainerGetMsgsAllInfo) {
    SessionPair s;
    RawClient c(s);
    const auto first = c.id();
    ASSERT_EQ(c.send(first, 1, fake_request(1, 1)).requests.size(), 1u);
    c.answers();
    const auto fresh = c.id();
    const std::vector<InnerMessage> msgs{{first, 1, fake_request(1, 1)},
                                         {fresh, 3, fake_request(1, 2)}};
    const auto got = c.send(c.id(), 4, pack_container(msgs));
    ASSERT_EQ(got.requests.size(), 1u) << "only the new message is processed";
    const auto info = bodies_of(c.answers(), mt::msgs_all_info::ID);
    ASSERT_EQ(info.size(), 1u);
    const auto all = parse_body<mt::msgs_all_info>(info[0]);
    EXPECT_EQ(all.msg_ids, std::vector<std::int64_t>{first});
    ASSERT_EQ(all.info.size(), 1u);
    EXPECT_EQ(all.info[0] & 7, 4) << "already received";
}

TEST(ServiceMessages, DestroySessionForgetsAnEarlierSession) {
    SessionPair s;
    RawClient old_session(s, 0x01d);
    old_session.send(old_session.id(), 1, fake_request(1, 1));
    old_session.answers();
    RawClient c(s, 0x2e3);
    c.next_low = old_session.next_low;
    c.send(c.id(), 1, mt::serialize(mt::destroy_session{0x01d}));
    auto ok = bodies_of(c.answers(), mt::destroy_session_ok::ID);
    ASSERT_EQ(ok.size(), 1u);
    EXPECT_EQ(parse_body<mt::destroy_session_ok>(ok[0]).session_id, 0x01d);
    // Gone now, and a session never seen was never there.
    c.send(c.id(), 3, mt::serialize(mt::destroy_session{0x01d}));
    c.send(c.id(), 5, mt::serialize(mt::destroy_session{0x777}));
    const auto none = bodies_of(c.answers(), mt::destroy_session_none::ID);
    ASSERT_EQ(none.size(), 2u);
    EXPECT_EQ(parse_body<mt::destroy_session_none>(none[0]).session_id, 0x01d);
    EXPECT_EQ(parse_body<mt::destroy_session_none>(none[1]).session_id, 0x777);
}

}  // namespace
