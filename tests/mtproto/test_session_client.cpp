// ClientSession against forged server packets: the real server container from the vectors,
// and every packet the client must drop — each with its own error and no state change.
#include <gtest/gtest.h>

#include "test_error_code.hpp"
#include "test_session_pair.hpp"
#include "test_support.hpp"
#include "tgs/error.hpp"
#include "tgs/mtproto/container.hpp"
#include "tgs/mtproto/gzip_packed.hpp"
#include "tgs/mtproto/service.hpp"
#include "tgs/tl/writer.hpp"

namespace {

using namespace tgs;
using namespace tgs::mtproto;
using test::error_code_of;
namespace mt = tgs::tl::mt;
using test::events_of;
using test::fake_request;
using test::forge_server_packet;

constexpr std::int64_t kSession = 0x0102030405060708;

TEST(ClientSession, ProcessesTheRealServerContainer) {
    const auto v = test::load_vectors("mtproto2_message_crypto.json")["decrypt_server_v2"];
    const auto& p = v["parsed"];
    test::FakeClock clock;
    ClientSessionOptions o;
    o.session_id = p["session_id"].get<std::int64_t>();
    o.server_salt = 0;
    ClientSession client(AuthKey(test::hex(v["auth_key"])), clock.clock(), test::counter_random(1),
                         o);
    const auto events = client.on_packet(test::hex(v["message"]));
    const auto created = events_of<ev::NewSession>(events);
    ASSERT_EQ(created.size(), 1u);
    EXPECT_EQ(static_cast<std::uint64_t>(created[0].first_msg_id), 0x5e308b91ad33fdc4ULL);
    const auto pongs = events_of<ev::Pong>(events);
    ASSERT_EQ(pongs.size(), 1u);
    EXPECT_EQ(pongs[0].req_msg_id, created[0].first_msg_id);
    EXPECT_EQ(pongs[0].ping_id, 0x300864);
    // new_session_created carried the salt, and it is content-related (seqno 1): ack owed.
    EXPECT_EQ(client.server_salt(), p["salt"].get<std::int64_t>());
    EXPECT_EQ(client.pending_ack_count(), 1u);
    // The ack goes out addressed to the new_session_created message.
    const auto ack_packet = client.flush_acks();
    ASSERT_TRUE(ack_packet);
    const PlainMessage sent =
        decrypt_message(AuthKey(test::hex(v["auth_key"])), *ack_packet, Direction::ClientToServer);
    EXPECT_EQ(sent.seq_no % 2, 0);
    EXPECT_EQ(parse_body<mt::msgs_ack>(sent.body).msg_ids,
              std::vector<std::int64_t>{static_cast<std::int64_t>(0x5e308b91c2c1a801ULL)});
    // Replaying the same packet is refused.
    EXPECT_EQ(error_code_of([&] { client.on_packet(test::hex(v["message"])); }),
              "MSG_ID_DUPLICATE");
}

struct ClientFixture : ::testing::Test {
    test::FakeClock clock;
    ClientSession client{test::test_key(), clock.clock(), test::counter_random(1), options()};
    std::uint32_t low = 0x10000001;

    static ClientSessionOptions options() {
        ClientSessionOptions o;
        o.session_id = kSession;
        o.server_salt = 77;
        o.time_offset_ns = 0;  // time is synced: age checks apply
        return o;
    }
    std::int64_t next_server_id() {
        low += 4;
        return test::server_msg_id_at(*clock.now_ns, low);
    }
    // A valid update packet; proves the session still works.
    void expect_healthy() {
        const auto events = client.on_packet(
            forge_server_packet(kSession, next_server_id(), 1, fake_request(5, 5)));
        EXPECT_EQ(events_of<ev::Update>(events).size(), 1u);
    }
    void expect_dropped(const Bytes& packet, const std::string& code) {
        const std::size_t acks = client.pending_ack_count();
        const std::int64_t salt = client.server_salt();
        EXPECT_EQ(error_code_of([&] { client.on_packet(packet); }), code);
        EXPECT_EQ(client.pending_ack_count(), acks);
        EXPECT_EQ(client.server_salt(), salt);
        expect_healthy();
    }
};

TEST_F(ClientFixture, FlippedByteIsMsgKeyMismatch) {
    Bytes p = forge_server_packet(kSession, next_server_id(), 1, fake_request(1, 1));
    p[40] ^= 0x20;
    expect_dropped(p, "MSG_KEY_MISMATCH");
}

TEST_F(ClientFixture, WrongAuthKeyId) {
    Bytes p = forge_server_packet(kSession, next_server_id(), 1, fake_request(1, 1));
    p[3] ^= 0x01;
    expect_dropped(p, "MSG_AUTH_KEY_ID_MISMATCH");
}

TEST_F(ClientFixture, ClientDirectionPacketIsRefused) {
    PlainMessage m{0, kSession, next_server_id(), 1, fake_request(1, 1)};
    expect_dropped(
        encrypt_message(test::test_key(), m, Direction::ClientToServer, test::counter_random(3)),
        "MSG_KEY_MISMATCH");
}

TEST_F(ClientFixture, WrongSessionId) {
    expect_dropped(forge_server_packet(kSession + 1, next_server_id(), 1, fake_request(1, 1)),
                   "MSG_SESSION_MISMATCH");
}

TEST_F(ClientFixture, EvenServerMsgId) {
    const std::int64_t even = next_server_id() - 1;  // ≡ 0 mod 4
    expect_dropped(forge_server_packet(kSession, even, 1, fake_request(1, 1)), "MSG_ID_PARITY");
    expect_dropped(forge_server_packet(kSession, even + 2, 1, fake_request(1, 1)), "MSG_ID_PARITY");
}

TEST_F(ClientFixture, TooOldAndTooNewMsgIds) {
    const auto at = [&](std::int64_t offset_s) {
        return test::server_msg_id_at(*clock.now_ns + offset_s * kNanosPerSecond, 0x101);
    };
    expect_dropped(forge_server_packet(kSession, at(-400), 1, fake_request(1, 1)),
                   "MSG_ID_TOO_OLD");
    expect_dropped(forge_server_packet(kSession, at(60), 1, fake_request(1, 1)), "MSG_ID_TOO_NEW");
}

TEST_F(ClientFixture, DuplicateIsDroppedWithoutRepeatingEvents) {
    const Bytes p = forge_server_packet(kSession, next_server_id(), 1, fake_request(1, 1));
    EXPECT_EQ(events_of<ev::Update>(client.on_packet(p)).size(), 1u);
    EXPECT_EQ(client.pending_ack_count(), 1u);
    expect_dropped(p, "MSG_ID_DUPLICATE");
    // A container re-delivering an already seen message: skipped, but acked again.
    client.flush_acks();
    const std::int64_t seen = next_server_id();
    client.on_packet(forge_server_packet(kSession, seen, 1, fake_request(2, 2)));
    client.flush_acks();
    const std::int64_t fresh = next_server_id();
    const std::vector<InnerMessage> inner = {{seen, 1, fake_request(2, 2)},
                                             {fresh, 3, fake_request(3, 3)}};
    const auto events =
        client.on_packet(forge_server_packet(kSession, next_server_id(), 4, pack_container(inner)));
    const auto updates = events_of<ev::Update>(events);
    ASSERT_EQ(updates.size(), 1u);
    EXPECT_EQ(updates[0].msg_id, fresh);
    EXPECT_EQ(client.pending_ack_count(), 2u);
}

TEST_F(ClientFixture, OversizedAndNestedContainers) {
    std::vector<InnerMessage> many;
    for (int i = 0; i < 1024; ++i)
        many.push_back({next_server_id(), 0, mt::serialize(mt::pong{1, i})});
    // 1025 messages: built by hand since pack_container refuses.
    tl::Writer w;
    w.write_uint32(mt::msg_container::ID);
    w.write_int32(1025);
    many.push_back({next_server_id(), 0, mt::serialize(mt::pong{1, 1})});
    for (const auto& m : many) {
        w.write_int64(m.msg_id);
        w.write_int32(m.seq_no);
        w.write_int32(static_cast<std::int32_t>(m.body.size()));
        w.write_raw(m.body);
    }
    expect_dropped(forge_server_packet(kSession, next_server_id(), 0, w.take()),
                   "MSG_CONTAINER_TOO_LARGE");

    tl::Writer nested;
    nested.write_uint32(mt::msg_container::ID);
    nested.write_int32(1);
    const Bytes inner =
        pack_container(std::vector<InnerMessage>{{next_server_id(), 1, fake_request(1, 1)}});
    nested.write_int64(next_server_id());
    nested.write_int32(0);
    nested.write_int32(static_cast<std::int32_t>(inner.size()));
    nested.write_raw(inner);
    expect_dropped(forge_server_packet(kSession, next_server_id(), 0, nested.take()),
                   "MSG_CONTAINER_NESTED");
}

TEST_F(ClientFixture, MalformedServiceMessageChangesNothing) {
    // A container whose second message is a truncated bad_server_salt: the good first message
    // must not be applied either.
    Bytes truncated = mt::serialize(mt::bad_server_salt{1, 1, 48, 999});
    truncated.resize(12);
    const std::vector<InnerMessage> inner = {
        {next_server_id(), 1, mt::serialize(mt::new_session_created{1, 2, 12345})},
        {next_server_id(), 2, truncated}};
    expect_dropped(forge_server_packet(kSession, next_server_id(), 2, pack_container(inner)),
                   "TL_TRUNCATED");
    EXPECT_EQ(client.server_salt(), 77);
}

TEST_F(ClientFixture, NotificationsAboutMessagesWeNeverSentAreIgnored) {
    const auto events = client.on_packet(
        forge_server_packet(kSession, next_server_id(), 2,
                            mt::serialize(mt::bad_server_salt{0x5e308b91c2c1a800, 1, 48, 999})));
    EXPECT_TRUE(events.empty());
    EXPECT_EQ(client.server_salt(), 77);
    const auto events2 = client.on_packet(
        forge_server_packet(kSession, next_server_id(), 2,
                            mt::serialize(mt::bad_msg_notification{0x5e308b91c2c1a800, 1, 17})));
    EXPECT_TRUE(events2.empty());
    EXPECT_EQ(client.time_offset_ns(), 0);
}

TEST_F(ClientFixture, OtherBadMsgCodesFailTheRequest) {
    const WrappedRequest w = client.wrap_request(fake_request(1, 1));
    const auto events = client.on_packet(forge_server_packet(
        kSession, next_server_id(), 2, mt::serialize(mt::bad_msg_notification{w.msg_id, 1, 35})));
    const auto bad = events_of<ev::BadMessage>(events);
    ASSERT_EQ(bad.size(), 1u);
    EXPECT_EQ(bad[0].msg_id, w.msg_id);
    EXPECT_EQ(bad[0].error_code, 35);
}

TEST_F(ClientFixture, BouncedContainerRequeuesItsAcks) {
    client.on_packet(forge_server_packet(kSession, next_server_id(), 1, fake_request(1, 1)));
    ASSERT_EQ(client.pending_ack_count(), 1u);
    const WrappedRequest w = client.wrap_request(fake_request(2, 2));
    ASSERT_NE(w.container_msg_id, 0);
    EXPECT_EQ(client.pending_ack_count(), 0u);
    const auto events = client.on_packet(
        forge_server_packet(kSession, next_server_id(), 2,
                            mt::serialize(mt::bad_server_salt{w.container_msg_id, 4, 48, 555})));
    const auto resends = events_of<ev::Resend>(events);
    ASSERT_EQ(resends.size(), 1u);
    EXPECT_EQ(resends[0].msg_id, w.msg_id);
    EXPECT_EQ(client.server_salt(), 555);
    EXPECT_EQ(client.pending_ack_count(), 1u);  // the lost ack is owed again
}

TEST_F(ClientFixture, GzippedUpdateAndGzippedRpcError) {
    const WrappedRequest w = client.wrap_request(fake_request(1, 1));
    const Bytes err = mt::serialize(mt::rpc_error{420, "FLOOD_WAIT_42"});
    const auto events = client.on_packet(forge_server_packet(
        kSession, next_server_id(), 1,
        mt::serialize(mt::rpc_result{w.msg_id, tl::RawObject{wrap_gzip_packed(err)}})));
    const auto errors = events_of<ev::RpcError>(events);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].error.name(), "FLOOD_WAIT");
    EXPECT_EQ(errors[0].error.value(), 42);
    const auto events2 = client.on_packet(
        forge_server_packet(kSession, next_server_id(), 3, wrap_gzip_packed(fake_request(9, 9))));
    const auto updates = events_of<ev::Update>(events2);
    ASSERT_EQ(updates.size(), 1u);
    EXPECT_EQ(updates[0].body, fake_request(9, 9));
}

}  // namespace
