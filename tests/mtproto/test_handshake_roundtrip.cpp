// HandshakeClient against HandshakeServer in memory (server key generated for the suite):
// both sides must end with the same auth key and salt, for every inner-data variant and both
// RSA schemes, through retries, and with messages wrapped in the unencrypted envelope.
#include <gtest/gtest.h>

#include <optional>
#include <tuple>

#include "test_handshake_support.hpp"
#include "tgs/mtproto/handshake_client.hpp"
#include "tgs/mtproto/handshake_server.hpp"

namespace tgs::mtproto {
namespace {

using test::run_handshake;

using Param = std::tuple<InnerDataVariant, RsaScheme>;

class HandshakeRoundTrip : public ::testing::TestWithParam<Param> {};

TEST_P(HandshakeRoundTrip, BothSidesAgree) {
    const auto [variant, scheme] = GetParam();
    HandshakeClientOptions co;
    co.inner_data = variant;
    co.rsa_scheme = scheme;
    co.expires_in = 3600;
    HandshakeClient client({test::vector_key("production"), test::test_dc_key().public_key()},
                           10002, crypto::system_random(), co);
    HandshakeServerOptions so;
    so.accepted_dc_ids = {10002};
    HandshakeServer server(std::span(&test::test_dc_key(), 1), crypto::system_random(), so);

    const auto out = run_handshake(client, server, 1'700'000'000, 1'700'000'042);
    ASSERT_TRUE(out.client && out.server);
    EXPECT_EQ(out.round_trips, 3);
    EXPECT_EQ(to_hex(out.client->auth_key.bytes()), to_hex(out.server->result.auth_key.bytes()));
    EXPECT_EQ(out.client->auth_key.id(), out.server->result.auth_key.id());
    EXPECT_EQ(out.client->server_salt, out.server->result.server_salt);
    EXPECT_EQ(out.client->time_offset, 42);
    EXPECT_EQ(out.server->inner_data, variant);
    EXPECT_EQ(out.server->rsa_scheme, scheme);
    const bool has_dc = variant == InnerDataVariant::Dc || variant == InnerDataVariant::TempDc;
    EXPECT_EQ(out.server->dc, has_dc ? std::optional<std::int32_t>(10002) : std::nullopt);
    const bool temp = variant == InnerDataVariant::Temp || variant == InnerDataVariant::TempDc;
    EXPECT_EQ(out.server->expires_in, temp ? 3600 : 0);
    EXPECT_EQ(client.state(), HandshakeClient::State::Done);
    EXPECT_EQ(server.state(), HandshakeServer::State::Done);
}

INSTANTIATE_TEST_SUITE_P(
    AllVariants, HandshakeRoundTrip,
    ::testing::Combine(::testing::Values(InnerDataVariant::Dc, InnerDataVariant::Legacy,
                                         InnerDataVariant::TempDc, InnerDataVariant::Temp),
                       ::testing::Values(RsaScheme::RsaPad, RsaScheme::Legacy)));

TEST(HandshakeRoundTripExtra, AcceptsPlainReqPqAndNegativeMediaDc) {
    HandshakeClient client({test::test_dc_key().public_key()}, -2, crypto::system_random());
    HandshakeServerOptions so;
    so.accepted_dc_ids = {2, -2};
    HandshakeServer server(std::span(&test::test_dc_key(), 1), crypto::system_random(), so);
    // Old clients send req_pq#60469778: same nonce, same answer shape.
    const Bytes req_pq_multi = client.start();
    Bytes req_pq = req_pq_multi;
    const std::uint32_t old_id = 0x60469778;
    for (int i = 0; i < 4; ++i)
        req_pq[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(old_id >> (8 * i));
    auto s1 = server.on_message(req_pq, 100);
    auto c1 = client.on_message(s1.reply, 100);
    auto s2 = server.on_message(std::get<HandshakeSend>(c1).body, 100);
    auto c2 = client.on_message(s2.reply, 100);
    auto s3 = server.on_message(std::get<HandshakeSend>(c2).body, 100);
    ASSERT_TRUE(s3.done);
    auto c3 = client.on_message(s3.reply, 100);
    ASSERT_TRUE(std::holds_alternative<HandshakeDone>(c3));
    EXPECT_EQ(s3.done->dc, -2);
    EXPECT_EQ(to_hex(std::get<HandshakeDone>(c3).auth_key.bytes()),
              to_hex(s3.done->result.auth_key.bytes()));
}

TEST(HandshakeRoundTripExtra, ServerRetriesWhenAuthKeyIdIsTaken) {
    HandshakeClient client({test::test_dc_key().public_key()}, 2, crypto::system_random());
    HandshakeServerOptions so;
    std::vector<std::uint64_t> seen;
    so.auth_key_id_taken = [&seen](std::uint64_t id) {
        seen.push_back(id);
        return seen.size() <= 2;  // the first two keys "collide"
    };
    HandshakeServer server(std::span(&test::test_dc_key(), 1), crypto::system_random(), so);
    const auto out = run_handshake(client, server, 5, 5);
    ASSERT_TRUE(out.client && out.server);
    EXPECT_EQ(out.round_trips, 5);
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_NE(seen[0], seen[2]);
    EXPECT_EQ(out.server->result.auth_key.id(), seen[2]);
    EXPECT_EQ(to_hex(out.client->auth_key.bytes()), to_hex(out.server->result.auth_key.bytes()));
}

TEST(HandshakeRoundTripExtra, ForcedRetriesWithinTheClientsLimit) {
    HandshakeClientOptions co;
    co.max_retries = 3;
    HandshakeClient client({test::test_dc_key().public_key()}, 2, crypto::system_random(), co);
    HandshakeServerOptions so;
    so.faults.force_retries = 3;
    HandshakeServer server(std::span(&test::test_dc_key(), 1), crypto::system_random(), so);
    const auto out = run_handshake(client, server, 5, 5);
    ASSERT_TRUE(out.client && out.server);
    EXPECT_EQ(out.round_trips, 6);
    EXPECT_EQ(to_hex(out.client->auth_key.bytes()), to_hex(out.server->result.auth_key.bytes()));
}

}  // namespace
}  // namespace tgs::mtproto
