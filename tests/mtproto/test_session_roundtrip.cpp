// ClientSession ↔ ServerSession: requests, results, errors, gzip, containers, salts, time
// resync, ping/pong and acks, all through real encryption.
#include <gtest/gtest.h>

#include "test_session_pair.hpp"
#include "tgs/error.hpp"
#include "tgs/mtproto/container.hpp"
#include "tgs/mtproto/gzip_packed.hpp"
#include "tgs/mtproto/service.hpp"

namespace {

using namespace tgs;
using namespace tgs::mtproto;
namespace mt = tgs::tl::mt;
using test::events_of;
using test::fake_request;
using test::SessionPair;

TEST(SessionRoundTrip, RequestGetsResultAndNewSession) {
    SessionPair s;
    const Bytes req = fake_request(0xc4b9f9bb, 7);
    const WrappedRequest w = s.client.wrap_request(req);
    EXPECT_EQ(w.msg_id & 3, 0);
    EXPECT_EQ(w.container_msg_id, 0);  // nothing to ack yet

    const ServerReceived got = s.server.on_packet(w.packet);
    EXPECT_TRUE(got.new_session);
    EXPECT_FALSE(got.rejected);
    ASSERT_EQ(got.requests.size(), 1u);
    EXPECT_EQ(got.requests[0].msg_id, w.msg_id);
    EXPECT_EQ(got.requests[0].seq_no, 1);  // first content-related message
    EXPECT_EQ(got.requests[0].body, req);
    EXPECT_EQ(s.server.session_id(), s.client.session_id());

    const Bytes answer = fake_request(0x997275b5, 99);
    s.server.reply_result(w.msg_id, answer);
    const auto events = s.deliver_to_client();
    const auto created = events_of<ev::NewSession>(events);
    ASSERT_EQ(created.size(), 1u);
    EXPECT_EQ(created[0].first_msg_id, w.msg_id);
    const auto results = events_of<ev::RpcResult>(events);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].req_msg_id, w.msg_id);
    EXPECT_EQ(results[0].body, answer);
    // new_session_created and rpc_result are content-related: both await our ack.
    EXPECT_EQ(s.client.pending_ack_count(), 2u);
}

// auth.bindTempAuthKey's body holds the msg_id of the request carrying it: the id handed to
// the builder is the one the server receives, alone or next to pending acks in a container.
TEST(SessionRoundTrip, ABodyCanNameItsOwnMsgId) {
    SessionPair s;
    std::int64_t named = 0;
    const auto build = [&](std::int64_t msg_id) {
        named = msg_id;
        return fake_request(0xcdd42a05, static_cast<std::int32_t>(msg_id >> 2));
    };
    const WrappedRequest w = s.client.wrap_request_naming_its_id(build);
    EXPECT_EQ(w.msg_id, named);
    auto got = s.server.on_packet(w.packet);
    ASSERT_EQ(got.requests.size(), 1u);
    EXPECT_EQ(got.requests[0].msg_id, named);
    EXPECT_EQ(got.requests[0].body, build(named));

    s.server.reply_result(w.msg_id, fake_request(0x997275b5, 1));
    s.deliver_to_client();  // an ack is now due: the next request rides in a container
    const WrappedRequest again = s.client.wrap_request_naming_its_id(build);
    EXPECT_NE(again.container_msg_id, 0);
    EXPECT_GT(again.msg_id, w.msg_id);
    got = s.server.on_packet(again.packet);
    ASSERT_EQ(got.requests.size(), 1u);
    EXPECT_EQ(got.requests[0].msg_id, named);
    EXPECT_EQ(got.requests[0].body, build(named));
}

TEST(SessionRoundTrip, ServerPacketsHaveOddIdsAndSaneSeqNos) {
    SessionPair s;
    const WrappedRequest w = s.client.wrap_request(fake_request(1, 1));
    s.server.on_packet(w.packet);
    s.server.reply_result(w.msg_id, fake_request(2, 2));
    s.server.push_update(fake_request(3, 3));
    const auto packet = s.server.flush();
    ASSERT_TRUE(packet);
    // Look inside with the raw decryptor (x = 8).
    const PlainMessage m = decrypt_message(test::test_key(), *packet, Direction::ServerToClient);
    EXPECT_EQ(m.salt, test::kServerSalt);
    EXPECT_EQ(m.session_id, s.client.session_id());
    EXPECT_EQ(m.msg_id & 3, 1);  // holds responses
    EXPECT_EQ(m.seq_no % 2, 0);  // a container is not content-related
    const auto inner = unpack_container(m.body, m.msg_id);
    ASSERT_EQ(inner.size(), 3u);  // new_session_created, rpc_result, update
    EXPECT_EQ(constructor_of(inner[0].body), mt::new_session_created::ID);
    EXPECT_EQ(inner[0].msg_id & 3, 1);
    EXPECT_EQ(inner[1].msg_id & 3, 1);
    EXPECT_EQ(inner[2].msg_id & 3, 3);  // server-initiated
    EXPECT_EQ(inner[0].seq_no, 1);
    EXPECT_EQ(inner[1].seq_no, 3);
    EXPECT_EQ(inner[2].seq_no, 5);
    EXPECT_GE(m.seq_no, inner[2].seq_no);
    for (const auto& i : inner) EXPECT_LT(i.msg_id, m.msg_id);

    const auto events = s.client.on_packet(*packet);
    const auto updates = events_of<ev::Update>(events);
    ASSERT_EQ(updates.size(), 1u);
    EXPECT_EQ(updates[0].body, fake_request(3, 3));
}

TEST(SessionRoundTrip, RpcErrorIsSplitLikeTelethon) {
    SessionPair s;
    const WrappedRequest w = s.client.wrap_request(fake_request(1, 1));
    s.server.on_packet(w.packet);
    s.server.reply_error(w.msg_id, 420, "FLOOD_WAIT_42");
    const auto errors = events_of<ev::RpcError>(s.deliver_to_client());
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].req_msg_id, w.msg_id);
    EXPECT_EQ(errors[0].error.error_code(), 420);
    EXPECT_EQ(errors[0].error.name(), "FLOOD_WAIT");
    EXPECT_EQ(errors[0].error.value(), 42);
    EXPECT_EQ(errors[0].error.server_message(), "FLOOD_WAIT_42");

    const WrappedRequest w2 = s.client.wrap_request(fake_request(1, 2));
    s.server.on_packet(w2.packet);
    s.server.reply_error(w2.msg_id, 401, "SESSION_PASSWORD_NEEDED");
    const auto errors2 = events_of<ev::RpcError>(s.deliver_to_client());
    ASSERT_EQ(errors2.size(), 1u);
    EXPECT_EQ(errors2[0].error.name(), "SESSION_PASSWORD_NEEDED");
    EXPECT_FALSE(errors2[0].error.value().has_value());
}

TEST(SessionRoundTrip, BigResultsTravelGzipped) {
    ServerSessionOptions so;
    so.gzip_threshold = 256;
    SessionPair s(SessionPair::default_client_options(), so);
    const WrappedRequest w = s.client.wrap_request(fake_request(1, 1));
    s.server.on_packet(w.packet);
    Bytes big(20000);
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<std::uint8_t>(i % 13);
    s.server.reply_result(w.msg_id, big);
    const auto packet = s.server.flush();
    ASSERT_TRUE(packet);
    EXPECT_LT(packet->size(), big.size() / 4);  // it really was compressed on the wire
    const auto results = events_of<ev::RpcResult>(s.client.on_packet(*packet));
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].body, big);  // and inflated for the caller
}

TEST(SessionRoundTrip, OversizedGzipIsRefusedWithoutStateChange) {
    ClientSessionOptions co = SessionPair::default_client_options();
    co.max_inflated = 1000;
    ServerSessionOptions so;
    so.gzip_threshold = 16;
    SessionPair s(co, so);
    const WrappedRequest w = s.client.wrap_request(fake_request(1, 1));
    s.server.on_packet(w.packet);
    s.server.reply_result(w.msg_id, Bytes(4000, 0));
    const auto packet = s.server.flush();
    ASSERT_TRUE(packet);
    try {
        s.client.on_packet(*packet);
        FAIL() << "expected MSG_GZIP_TOO_LARGE";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "MSG_GZIP_TOO_LARGE");
    }
    EXPECT_EQ(s.client.pending_ack_count(), 0u);
    EXPECT_EQ(s.client.server_salt(), test::kServerSalt);
}

// Issue 11 (6): the inflation bound is per packet, not per message, so a container of many
// small gzip bombs cannot multiply it (client and server alike).
TEST(SessionRoundTrip, ClientBoundsTheTotalInflatedSizeOfAPacket) {
    ClientSessionOptions co = SessionPair::default_client_options();
    co.max_inflated = 1000;
    ServerSessionOptions so;
    so.gzip_threshold = 16;
    SessionPair s(co, so);
    const WrappedBatch b =
        s.client.wrap_requests(std::vector<Bytes>{fake_request(1, 1), fake_request(2, 2)});
    s.server.on_packet(b.packet);
    for (auto id : b.msg_ids) s.server.reply_result(id, Bytes(600, 0));  // 600 each, 1200 total
    const auto packet = s.server.flush();
    ASSERT_TRUE(packet);
    try {
        s.client.on_packet(*packet);
        FAIL() << "expected MSG_GZIP_TOO_LARGE";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "MSG_GZIP_TOO_LARGE");
    }
}

TEST(SessionRoundTrip, ServerBoundsTheTotalInflatedSizeOfAPacket) {
    ServerSessionOptions so;
    so.max_inflated = 1000;
    SessionPair s(SessionPair::default_client_options(), so);
    const Bytes bomb = wrap_gzip_packed(Bytes(600, 0));  // 600 bytes each: under the bound alone
    const WrappedBatch b = s.client.wrap_requests(std::vector<Bytes>{bomb, bomb});
    try {
        s.server.on_packet(b.packet);
        FAIL() << "expected MSG_GZIP_TOO_LARGE";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "MSG_GZIP_TOO_LARGE");
    }
    const WrappedBatch one = s.client.wrap_requests(std::vector<Bytes>{bomb});
    EXPECT_EQ(s.server.on_packet(one.packet).requests.size(), 1u);
}

TEST(SessionRoundTrip, SeveralRequestsInOneContainer) {
    SessionPair s;
    const std::vector<Bytes> bodies = {fake_request(1, 10), fake_request(2, 20),
                                       fake_request(3, 30)};
    const WrappedBatch b = s.client.wrap_requests(bodies);
    ASSERT_EQ(b.msg_ids.size(), 3u);
    EXPECT_NE(b.container_msg_id, 0);
    for (auto id : b.msg_ids) EXPECT_LT(id, b.container_msg_id);
    const ServerReceived got = s.server.on_packet(b.packet);
    ASSERT_EQ(got.requests.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(got.requests[i].msg_id, b.msg_ids[i]);
        EXPECT_EQ(got.requests[i].body, bodies[i]);
        EXPECT_EQ(got.requests[i].seq_no, static_cast<std::int32_t>(2 * i + 1));
    }
    // Answer out of order.
    for (std::size_t i : {2u, 0u, 1u})
        s.server.reply_result(b.msg_ids[i], fake_request(9, static_cast<int>(i)));
    const auto results = events_of<ev::RpcResult>(s.deliver_to_client());
    ASSERT_EQ(results.size(), 3u);
    EXPECT_EQ(results[0].req_msg_id, b.msg_ids[2]);
    EXPECT_EQ(results[1].req_msg_id, b.msg_ids[0]);
    EXPECT_EQ(results[2].req_msg_id, b.msg_ids[1]);
}

TEST(SessionRoundTrip, BadServerSaltThenResendSucceeds) {
    ClientSessionOptions co;
    co.server_salt = 0;  // a fresh auth key's client does not know the salt yet
    SessionPair s(co);
    const Bytes req = fake_request(5, 5);
    const WrappedRequest first = s.client.wrap_request(req);
    const ServerReceived got = s.server.on_packet(first.packet);
    EXPECT_TRUE(got.rejected);
    EXPECT_TRUE(got.requests.empty());

    const auto events = s.deliver_to_client();
    const auto resends = events_of<ev::Resend>(events);
    ASSERT_EQ(resends.size(), 1u);
    EXPECT_EQ(resends[0].msg_id, first.msg_id);
    EXPECT_EQ(resends[0].reason, 48);
    EXPECT_EQ(s.client.server_salt(), test::kServerSalt);
    EXPECT_EQ(s.client.pending_ack_count(), 0u);  // bad_server_salt is not content-related

    const WrappedRequest again = s.client.wrap_request(req);
    EXPECT_GT(again.msg_id, first.msg_id);
    const ServerReceived got2 = s.server.on_packet(again.packet);
    EXPECT_FALSE(got2.rejected);
    EXPECT_TRUE(got2.new_session);
    ASSERT_EQ(got2.requests.size(), 1u);
    s.server.reply_result(again.msg_id, fake_request(6, 6));
    const auto results = events_of<ev::RpcResult>(s.deliver_to_client());
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].req_msg_id, again.msg_id);
}

TEST(SessionRoundTrip, SaltRotationKeepsThePreviousSaltValid) {
    SessionPair s;
    s.server.set_salt(0x0badc0de);
    const WrappedRequest w = s.client.wrap_request(fake_request(1, 1));  // old salt
    EXPECT_FALSE(s.server.on_packet(w.packet).rejected);
    s.server.set_salt(0x0badc0df);  // now the client's salt is two generations old
    const WrappedRequest w2 = s.client.wrap_request(fake_request(1, 2));
    EXPECT_TRUE(s.server.on_packet(w2.packet).rejected);
}

void check_time_resync(std::int64_t skew_s, std::int32_t expected_code) {
    SessionPair s;
    *s.client_skew_ns = skew_s * kNanosPerSecond;
    const Bytes req = fake_request(7, 7);
    const WrappedRequest first = s.client.wrap_request(req);
    const ServerReceived got = s.server.on_packet(first.packet);
    EXPECT_TRUE(got.rejected);
    EXPECT_TRUE(got.requests.empty());
    const auto events = s.deliver_to_client();
    const auto resends = events_of<ev::Resend>(events);
    ASSERT_EQ(resends.size(), 1u);
    EXPECT_EQ(resends[0].msg_id, first.msg_id);
    EXPECT_EQ(resends[0].reason, expected_code);
    EXPECT_TRUE(s.client.time_synced());
    EXPECT_NEAR(static_cast<double>(s.client.time_offset_ns()),
                static_cast<double>(-skew_s * kNanosPerSecond), 1e9);

    s.server_clock.advance_ms(1500);
    const WrappedRequest again = s.client.wrap_request(req);
    const ServerReceived got2 = s.server.on_packet(again.packet);
    EXPECT_FALSE(got2.rejected);
    ASSERT_EQ(got2.requests.size(), 1u);
    s.server.reply_result(again.msg_id, fake_request(8, 8));
    const auto results = events_of<ev::RpcResult>(s.deliver_to_client());
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].req_msg_id, again.msg_id);
}

TEST(SessionRoundTrip, ClockAheadGetsBadMsg17AndResyncs) {
    check_time_resync(120, 17);
}
TEST(SessionRoundTrip, ClockBehindGetsBadMsg16AndResyncs) {
    check_time_resync(-900, 16);
}

TEST(SessionRoundTrip, PingPongAndPingDelayDisconnect) {
    SessionPair s;
    const WrappedRequest p = s.client.wrap_request(mt::serialize(mt::ping{0x1234}));
    const ServerReceived got = s.server.on_packet(p.packet);
    EXPECT_TRUE(got.requests.empty());  // the server answers pings itself
    const auto pongs = events_of<ev::Pong>(s.deliver_to_client());
    ASSERT_EQ(pongs.size(), 1u);
    EXPECT_EQ(pongs[0].req_msg_id, p.msg_id);
    EXPECT_EQ(pongs[0].ping_id, 0x1234);

    const WrappedRequest pd =
        s.client.wrap_request(mt::serialize(mt::ping_delay_disconnect{0x5678, 75}), false);
    const ServerReceived got2 = s.server.on_packet(pd.packet);
    ASSERT_TRUE(got2.disconnect_delay);
    EXPECT_EQ(*got2.disconnect_delay, 75);
    const auto pongs2 = events_of<ev::Pong>(s.deliver_to_client());
    ASSERT_EQ(pongs2.size(), 1u);
    EXPECT_EQ(pongs2[0].req_msg_id, pd.msg_id);
    EXPECT_EQ(pongs2[0].ping_id, 0x5678);
}

TEST(SessionRoundTrip, AcksTravelBothWays) {
    SessionPair s;
    const WrappedRequest w = s.client.wrap_request(fake_request(1, 1));
    s.server.on_packet(w.packet);
    s.server.push_update(fake_request(0x74ae4240, 1));  // an update: content-related
    const auto events = s.deliver_to_client();
    ASSERT_EQ(events_of<ev::Update>(events).size(), 1u);
    // The server acked our unanswered request in the same packet.
    const auto acked = events_of<ev::Acked>(events);
    ASSERT_EQ(acked.size(), 1u);
    EXPECT_EQ(acked[0].msg_ids, std::vector<std::int64_t>{w.msg_id});
    // new_session_created + update are owed acks by us.
    ASSERT_EQ(s.client.pending_ack_count(), 2u);

    // Our acks ride along with the next request, in a container.
    const WrappedRequest w2 = s.client.wrap_request(fake_request(2, 2));
    EXPECT_NE(w2.container_msg_id, 0);
    EXPECT_EQ(s.client.pending_ack_count(), 0u);
    const ServerReceived got = s.server.on_packet(w2.packet);
    EXPECT_EQ(got.acked.size(), 2u);
    ASSERT_EQ(got.requests.size(), 1u);
    EXPECT_EQ(got.requests[0].msg_id, w2.msg_id);

    // With nothing else queued the server sends a standalone msgs_ack for w2.
    const auto acked2 = events_of<ev::Acked>(s.deliver_to_client());
    ASSERT_EQ(acked2.size(), 1u);
    EXPECT_EQ(acked2[0].msg_ids, std::vector<std::int64_t>{w2.msg_id});

    // A standalone ack when nothing else is going out.
    s.server.push_update(fake_request(0x74ae4240, 2));
    s.deliver_to_client();
    ASSERT_EQ(s.client.pending_ack_count(), 1u);
    const auto standalone = s.client.flush_acks();
    ASSERT_TRUE(standalone);
    EXPECT_FALSE(s.client.flush_acks());
    const ServerReceived got2 = s.server.on_packet(*standalone);
    EXPECT_EQ(got2.acked.size(), 1u);
    EXPECT_TRUE(got2.requests.empty());
}

TEST(SessionRoundTrip, AcksAreDueBeyondTheThreshold) {
    SessionPair s;
    s.server.on_packet(s.client.wrap_request(fake_request(1, 1)).packet);
    for (int i = 0; i < 17; ++i) s.server.push_update(fake_request(0x74ae4240, i));
    s.deliver_to_client();
    EXPECT_EQ(s.client.pending_ack_count(), 18u);  // 17 updates + new_session_created
    EXPECT_TRUE(s.client.acks_due());
}

TEST(SessionRoundTrip, NewSessionIdOnTheSameKeyIsAnnouncedAgain) {
    SessionPair s;
    s.server.on_packet(s.client.wrap_request(fake_request(1, 1)).packet);
    s.deliver_to_client();
    const std::int64_t old_id = s.client.session_id();
    s.client.reset_session();
    EXPECT_NE(s.client.session_id(), old_id);
    const WrappedRequest w = s.client.wrap_request(fake_request(1, 2));
    const ServerReceived got = s.server.on_packet(w.packet);
    EXPECT_TRUE(got.new_session);
    EXPECT_EQ(s.server.session_id(), s.client.session_id());
    EXPECT_EQ(events_of<ev::NewSession>(s.deliver_to_client()).size(), 1u);
}

TEST(SessionRoundTrip, FutureSaltsAnswerResolvesTheRequest) {
    SessionPair s;
    const WrappedRequest w = s.client.wrap_request(mt::serialize(mt::get_future_salts{1}));
    s.server.on_packet(w.packet);
    const auto results = events_of<ev::RpcResult>(s.deliver_to_client());
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].req_msg_id, w.msg_id);
    const auto fs = parse_body<mt::future_salts>(results[0].body);
    ASSERT_EQ(fs.salts.size(), 1u);
    EXPECT_EQ(fs.salts[0].salt, test::kServerSalt);
}

TEST(SessionRoundTrip, ServerRefusesUnknownKeysAndReplays) {
    SessionPair s;
    // A client with another key.
    ClientSession stranger(AuthKey(Bytes(256, 9)), s.server_clock.clock(), test::counter_random(5),
                           SessionPair::default_client_options());
    try {
        s.server.on_packet(stranger.wrap_request(fake_request(1, 1)).packet);
        FAIL() << "expected MSG_AUTH_KEY_UNKNOWN";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "MSG_AUTH_KEY_UNKNOWN");
    }
    const WrappedRequest w = s.client.wrap_request(fake_request(1, 1));
    ASSERT_EQ(s.server.on_packet(w.packet).requests.size(), 1u);
    try {
        s.server.on_packet(w.packet);
        FAIL() << "expected MSG_ID_DUPLICATE";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "MSG_ID_DUPLICATE");
    }
    // Once bound, other keys are a mismatch.
    try {
        s.server.on_packet(stranger.wrap_request(fake_request(1, 2)).packet);
        FAIL() << "expected MSG_AUTH_KEY_ID_MISMATCH";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "MSG_AUTH_KEY_ID_MISMATCH");
    }
    // A client-direction mistake: the server must not accept x = 8 packets.
    Bytes forged = test::forge_server_packet(s.client.session_id(),
                                             s.client.wrap_request(fake_request(1, 3)).msg_id, 1,
                                             fake_request(1, 3), test::kServerSalt);
    try {
        s.server.on_packet(forged);
        FAIL() << "expected MSG_KEY_MISMATCH";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "MSG_KEY_MISMATCH");
    }
    // Still healthy.
    EXPECT_EQ(s.server.on_packet(s.client.wrap_request(fake_request(1, 4)).packet).requests.size(),
              1u);
}

TEST(SessionRoundTrip, ServerAnswersBadClientParity) {
    SessionPair s;
    s.server.on_packet(s.client.wrap_request(fake_request(1, 1)).packet);
    s.deliver_to_client();
    PlainMessage m;
    m.salt = test::kServerSalt;
    m.session_id = s.client.session_id();
    m.msg_id = test::server_msg_id_at(*s.server_clock.now_ns, 0x7000'0001);  // odd: not a client id
    m.seq_no = 3;
    m.body = fake_request(1, 1);
    const Bytes packet =
        encrypt_message(test::test_key(), m, Direction::ClientToServer, test::counter_random(4));
    const ServerReceived got = s.server.on_packet(packet);
    EXPECT_TRUE(got.rejected);
    const auto out = s.server.flush();
    ASSERT_TRUE(out);
    const PlainMessage reply = decrypt_message(test::test_key(), *out, Direction::ServerToClient);
    const auto bad = parse_body<mt::bad_msg_notification>(reply.body);
    EXPECT_EQ(bad.bad_msg_id, m.msg_id);
    EXPECT_EQ(bad.error_code, 18);
}

}  // namespace
