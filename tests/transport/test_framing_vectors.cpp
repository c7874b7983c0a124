// Byte-exact framing against transport.json (grammers / gotd / docs vectors).
#include <gtest/gtest.h>

#include <set>

#include "test_support.hpp"
#include "tgs/crypto/hash.hpp"
#include "tgs/transport/codec.hpp"
#include "transport_test_util.hpp"

namespace {

using tgs::Bytes;
using tgs::from_hex;
using tgs::to_hex;
using tgs::test::hex;
using tgs::test::load_vectors;
using namespace tgs::transport;
using namespace tgs::transport::testutil;

Bytes counting_bytes(std::size_t n) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(i);
    return b;
}

CodecOptions server_options() {
    CodecOptions o;
    o.role = Role::Server;
    return o;
}

TEST(FullVectors, EmptyPayloadPacket) {
    auto v = load_vectors("transport.json")["full"]["vectors"][0];
    ASSERT_EQ(v["payload"], "");
    auto codec = make_codec(Protocol::Full);
    EXPECT_EQ(to_hex(codec->encode({})), v["packet"].get<std::string>());
}

TEST(FullVectors, TwoPacketsCountSeqnoAndCrc) {
    auto vs = load_vectors("transport.json")["full"]["vectors"];
    const Bytes payload = counting_bytes(128);  // "bytes 00..7f (128)"
    auto codec = make_codec(Protocol::Full);
    Bytes stream;
    for (int i = 1; i <= 2; ++i) {
        const auto& v = vs[i];
        ASSERT_EQ(v["seqno"].get<int>(), i - 1);
        Bytes packet = codec->encode(payload);
        ASSERT_EQ(packet.size(), 8 + 128 + 4u);
        EXPECT_EQ(to_hex(tgs::ByteView(packet).first(8)), v["header"].get<std::string>());
        EXPECT_EQ(to_hex(tgs::ByteView(packet).subspan(8, 128)), to_hex(payload));
        EXPECT_EQ(to_hex(tgs::ByteView(packet).last(4)), v["crc"].get<std::string>());
        stream.insert(stream.end(), packet.begin(), packet.end());
    }
    // The receiving side accepts exactly this stream (seqno 0 then 1).
    auto receiver = make_codec(Protocol::Full, server_options());
    auto events = feed_all(*receiver, stream);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(payload_of(events[0]), payload);
    EXPECT_EQ(payload_of(events[1]), payload);
}

TEST(AbridgedVectors, InitByteAndLengthPrefixes) {
    auto vs = load_vectors("transport.json")["abridged"]["vectors"];
    {
        auto codec = make_codec(Protocol::Abridged);
        EXPECT_EQ(to_hex(codec->encode({})), vs[0]["bytes_with_init"].get<std::string>());
    }
    for (int i : {1, 2}) {
        auto codec = make_codec(Protocol::Abridged);
        const auto len = vs[i]["payload_len"].get<std::size_t>();
        const Bytes payload = counting_bytes(len);
        const Bytes out = codec->encode(payload);
        const Bytes prefix = hex(vs[i]["prefix_with_init"]);
        ASSERT_EQ(out.size(), prefix.size() + len);
        EXPECT_EQ(to_hex(tgs::ByteView(out).first(prefix.size())), to_hex(prefix));
        EXPECT_EQ(Bytes(out.begin() + static_cast<std::ptrdiff_t>(prefix.size()), out.end()),
                  payload);
        // A second packet carries no init byte.
        const Bytes again = codec->encode(payload);
        EXPECT_EQ(to_hex(tgs::ByteView(again).first(prefix.size() - 1)),
                  to_hex(tgs::ByteView(prefix).subspan(1)));
    }
}

TEST(IntermediateVectors, InitWordAndLengthPrefixes) {
    auto vs = load_vectors("transport.json")["intermediate"]["vectors"];
    {
        auto codec = make_codec(Protocol::Intermediate);
        EXPECT_EQ(to_hex(codec->encode({})), vs[0]["bytes_with_init"].get<std::string>());
    }
    auto codec = make_codec(Protocol::Intermediate);
    const Bytes payload = counting_bytes(vs[1]["payload_len"].get<std::size_t>());
    const Bytes out = codec->encode(payload);
    EXPECT_EQ(to_hex(tgs::ByteView(out).first(8)), vs[1]["prefix_with_init"].get<std::string>());
    EXPECT_EQ(to_hex(codec->encode(payload)).substr(0, 8), "80000000");
}

TEST(PaddedIntermediate, ClientSendsInitWordAndPadsUpTo15Bytes) {
    CodecOptions o;
    o.random = seeded_random(7);
    auto codec = make_codec(Protocol::PaddedIntermediate, o);
    const Bytes payload(24 + 32, 0x42);
    Bytes out = codec->encode(payload);
    EXPECT_EQ(to_hex(tgs::ByteView(out).first(4)), "dddddddd");
    std::set<std::size_t> paddings;
    for (int i = 0; i < 200; ++i) {
        Bytes p = codec->encode(payload);
        const std::uint32_t total =
            p[0] | p[1] << 8 | p[2] << 16 | static_cast<std::uint32_t>(p[3]) << 24;
        ASSERT_EQ(total + 4u, p.size());
        ASSERT_GE(total, payload.size());
        ASSERT_LE(total, payload.size() + 15);
        EXPECT_EQ(Bytes(p.begin() + 4, p.begin() + 4 + 56), payload);
        paddings.insert(total - payload.size());
    }
    EXPECT_EQ(paddings.size(), 16u) << "padding should take every value 0..15";
}

TEST(TransportErrorVectors, MinusFourOFourBytes) {
    auto v = load_vectors("transport.json")["transport_errors_and_quick_ack"];
    const std::string le = v["minus_404_le"].get<std::string>();
    ASSERT_EQ(le, "6cfeffff");
    struct Case {
        Protocol protocol;
        std::string framed;
    };
    // Server role: encode_error frames the 4 error bytes like any other payload.
    for (const auto& c :
         {Case{Protocol::Abridged, "01" + le}, Case{Protocol::Intermediate, "04000000" + le}}) {
        auto server = make_codec(c.protocol, server_options());
        Bytes out;
        server->encode_error(-404, out);
        EXPECT_EQ(to_hex(out), c.framed) << protocol_name(c.protocol);
        auto client = make_codec(c.protocol);
        auto events = feed_all(*client, out);
        ASSERT_EQ(events.size(), 1u);
        ASSERT_TRUE(std::holds_alternative<TransportError>(events[0]));
        EXPECT_EQ(std::get<TransportError>(events[0]).code, -404);
    }
}

TEST(TransportErrors, EveryProtocolSurfacesNegativeCodes) {
    for (auto protocol : {Protocol::Abridged, Protocol::Intermediate, Protocol::PaddedIntermediate,
                          Protocol::Full}) {
        for (std::int32_t code : {-404, -429, -444}) {
            CodecOptions so = server_options();
            so.random = seeded_random(static_cast<std::uint32_t>(-code));
            auto server = make_codec(protocol, so);
            auto client = make_codec(protocol);
            Bytes out;
            server->encode_error(code, out);
            auto events = feed_all(*client, out);
            ASSERT_EQ(events.size(), 1u);
            ASSERT_TRUE(std::holds_alternative<TransportError>(events[0]))
                << protocol_name(protocol);
            EXPECT_EQ(std::get<TransportError>(events[0]).code, code);
        }
        auto server = make_codec(protocol, server_options());
        Bytes out;
        EXPECT_EQ(error_code_of([&] { server->encode_error(404, out); }),
                  "TRANSPORT_BAD_ERROR_CODE");
    }
}

TEST(TransportErrors, ServerRoleTreatsShortNegativePacketAsData) {
    // Only servers send transport errors; a client's 4-byte packet is just a payload.
    auto server = make_codec(Protocol::Intermediate, server_options());
    auto events = feed_all(*server, from_hex("040000006cfeffff"));
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(to_hex(payload_of(events[0])), "6cfeffff");
}

TEST(QuickAck, IntermediateRequestBitAndServerAck) {
    auto client = make_codec(Protocol::Intermediate);
    auto server = make_codec(Protocol::Intermediate, server_options());
    const Bytes payload(24 + 16, 0x11);
    Bytes out = client->encode(payload, true);
    EXPECT_EQ(to_hex(tgs::ByteView(out).first(8)), "eeeeeeee28000080");
    auto events = feed_all(*server, tgs::ByteView(out).subspan(4));
    ASSERT_EQ(events.size(), 1u);
    ASSERT_TRUE(std::get<Packet>(events[0]).quick_ack_requested);
    EXPECT_EQ(std::get<Packet>(events[0]).payload, payload);

    Bytes ack;
    server->encode_quick_ack(0x01020304, ack);
    EXPECT_EQ(to_hex(ack), "04030281");
    auto got = feed_all(*client, ack);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(std::get<QuickAck>(got[0]).token, 0x81020304u);
}

TEST(QuickAck, AbridgedIsByteSwapped) {
    auto client = make_codec(Protocol::Abridged);
    auto server = make_codec(Protocol::Abridged, server_options());
    const Bytes payload(24 + 16, 0x11);
    Bytes out = client->encode(payload, true);
    EXPECT_EQ(to_hex(tgs::ByteView(out).first(2)), "ef8a");  // 40/4 = 0x0a | 0x80
    auto events = feed_all(*server, tgs::ByteView(out).subspan(1));
    ASSERT_EQ(events.size(), 1u);
    EXPECT_TRUE(std::get<Packet>(events[0]).quick_ack_requested);

    Bytes ack;
    server->encode_quick_ack(0x01020304, ack);
    EXPECT_EQ(to_hex(ack), "81020304");
    auto got = feed_all(*client, ack);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(std::get<QuickAck>(got[0]).token, 0x81020304u);
}

TEST(QuickAck, FullTransportHasNone) {
    auto client = make_codec(Protocol::Full);
    EXPECT_EQ(error_code_of([&] { client->encode(Bytes(8), true); }),
              "TRANSPORT_QUICK_ACK_UNSUPPORTED");
}

TEST(PaddedPayloadSize, TrimsByMtprotoShape) {
    // Unencrypted: 20 + message_data_length.
    Bytes plain = from_hex(
        "0000000000000000"
        "1111111111111111"
        "08000000"
        "aabbccdd"
        "eeff0011");
    Bytes padded = plain;
    padded.insert(padded.end(), {1, 2, 3, 4, 5, 6, 7});
    EXPECT_EQ(padded_payload_size(padded), plain.size());
    // Encrypted: 24 + multiple of 16.
    EXPECT_EQ(padded_payload_size(Bytes(24 + 32 + 15, 0x01)), 24u + 32u);
    EXPECT_EQ(padded_payload_size(Bytes(24 + 32, 0x01)), 24u + 32u);
    // Short (transport error / garbage): multiple of 4.
    EXPECT_EQ(padded_payload_size(Bytes(7, 0x01)), 4u);
}

}  // namespace
