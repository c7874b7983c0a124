// Telegram Desktop pads every unencrypted message with 0-63 random int32s that
// message_data_length counts (tdesktop v4.6.5 prepareNotSecurePacket). The server role must
// complete a temporary-key handshake whose every client message carries such padding, and
// still refuse padding the app never sends (not whole int32s, more than 252 bytes).
#include <gtest/gtest.h>

#include "test_error_code.hpp"
#include "test_handshake_support.hpp"
#include "tgs/mtproto/handshake_client.hpp"
#include "tgs/mtproto/handshake_server.hpp"

namespace tgs::mtproto {
namespace {

Bytes padded(ByteView body, std::size_t n) {
    Bytes out(body.begin(), body.end());
    for (std::size_t i = 0; i < n; ++i) out.push_back(static_cast<std::uint8_t>(0xA5 ^ i));
    return out;
}

struct Pair {
    HandshakeClient client;
    HandshakeServer server;
};

Pair make_pair_for_temp_key() {
    HandshakeClientOptions co;
    co.inner_data = InnerDataVariant::TempDc;
    co.expires_in = 86400;  // what the app asks for
    HandshakeServerOptions so;
    so.accepted_dc_ids = {2};
    return {HandshakeClient({test::test_dc_key().public_key()}, 2, crypto::system_random(), co),
            HandshakeServer(std::span(&test::test_dc_key(), 1), crypto::system_random(), so)};
}

TEST(HandshakeClientPadding, PaddedTempKeyHandshakeCompletes) {
    for (std::size_t pad : {std::size_t{4}, std::size_t{128}, std::size_t{252}}) {
        auto p = make_pair_for_temp_key();
        auto s1 = p.server.on_message(padded(p.client.start(), pad), 100);
        auto c1 = p.client.on_message(s1.reply, 100);
        auto s2 = p.server.on_message(padded(std::get<HandshakeSend>(c1).body, pad), 100);
        auto c2 = p.client.on_message(s2.reply, 100);
        auto s3 = p.server.on_message(padded(std::get<HandshakeSend>(c2).body, pad), 100);
        ASSERT_TRUE(s3.done) << pad;
        auto c3 = p.client.on_message(s3.reply, 100);
        ASSERT_TRUE(std::holds_alternative<HandshakeDone>(c3));
        EXPECT_EQ(s3.done->expires_in, 86400);
        EXPECT_EQ(to_hex(std::get<HandshakeDone>(c3).auth_key.bytes()),
                  to_hex(s3.done->result.auth_key.bytes()));
    }
}

TEST(HandshakeClientPadding, PaddingTheAppNeverSendsIsRefused) {
    for (std::size_t pad : {std::size_t{3}, std::size_t{256}}) {
        auto p = make_pair_for_temp_key();
        EXPECT_EQ(
            test::error_code_of([&] { p.server.on_message(padded(p.client.start(), pad), 1); }),
            "HANDSHAKE_TRAILING_DATA")
            << pad;
    }
}

}  // namespace
}  // namespace tgs::mtproto

namespace tgs::mtproto {
namespace {

// The app checks each new connection with a legacy req_pq (padded) and, once answered, runs the
// real exchange (req_pq_multi) on the same connection.
TEST(HandshakeClientPadding, ConnectionCheckThenTheRealExchange) {
    auto p = make_pair_for_temp_key();
    const Bytes real = p.client.start();
    Bytes check = real;
    const std::uint32_t req_pq = 0x60469778;
    for (std::size_t i = 0; i < 4; ++i) check[i] = static_cast<std::uint8_t>(req_pq >> (8 * i));
    check[4] ^= 0xFF;  // its own nonce
    auto s0 = p.server.on_message(padded(check, 8), 100);
    EXPECT_FALSE(s0.reply.empty());
    auto s1 = p.server.on_message(padded(real, 16), 100);
    auto c1 = p.client.on_message(s1.reply, 100);
    auto s2 = p.server.on_message(std::get<HandshakeSend>(c1).body, 100);
    auto c2 = p.client.on_message(s2.reply, 100);
    auto s3 = p.server.on_message(std::get<HandshakeSend>(c2).body, 100);
    ASSERT_TRUE(s3.done);
    EXPECT_TRUE(std::holds_alternative<HandshakeDone>(p.client.on_message(s3.reply, 100)));
}

}  // namespace
}  // namespace tgs::mtproto
