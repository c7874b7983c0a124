// Server-side protocol detection and the ServerCodec built on it.
#include <gtest/gtest.h>

#include "tgs/transport/detect.hpp"
#include "tgs/transport/obfuscated2.hpp"
#include "tgs/transport/server_codec.hpp"
#include "transport_test_util.hpp"

namespace {

using tgs::Bytes;
using tgs::from_hex;
using namespace tgs::transport;
using namespace tgs::transport::testutil;

Bytes first_bytes_of(Protocol p) {
    CodecOptions o;
    o.random = seeded_random(4);
    return make_codec(p, o)->encode(Bytes(24 + 16, 0x01));
}

TEST(Detect, PlainProtocolsFromRealClientBytes) {
    struct Case {
        Protocol protocol;
        DetectedKind kind;
        std::size_t consume;
    };
    for (const auto& c : {Case{Protocol::Abridged, DetectedKind::Abridged, 1},
                          Case{Protocol::Intermediate, DetectedKind::Intermediate, 4},
                          Case{Protocol::PaddedIntermediate, DetectedKind::PaddedIntermediate, 4},
                          Case{Protocol::Full, DetectedKind::Full, 0}}) {
        const Bytes bytes = first_bytes_of(c.protocol);
        auto d = detect_protocol(bytes);
        ASSERT_TRUE(d) << protocol_name(c.protocol);
        EXPECT_EQ(d->kind, c.kind) << protocol_name(c.protocol);
        EXPECT_EQ(d->consume, c.consume);
    }
}

TEST(Detect, ObfuscatedNeedsTheWholeHeader) {
    Obfuscated2ClientParams p;
    p.protocol = Protocol::Intermediate;
    auto client = Obfuscated2Codec::client(p, seeded_random(8));
    const Bytes header = client->take_header();
    for (std::size_t n = 0; n < 64; ++n) {
        EXPECT_FALSE(detect_protocol(tgs::ByteView(header).first(n))) << n;
    }
    auto d = detect_protocol(header);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->kind, DetectedKind::Obfuscated2);
    EXPECT_EQ(d->consume, 64u);
}

TEST(Detect, NeedsMoreBytesUntilDecidable) {
    EXPECT_FALSE(detect_protocol({}));
    EXPECT_FALSE(detect_protocol(from_hex("eeeeee")));
    EXPECT_FALSE(detect_protocol(from_hex("28000000000000")));  // full? needs the seqno
    EXPECT_EQ(detect_protocol(from_hex("ef"))->kind, DetectedKind::Abridged);
    EXPECT_EQ(detect_protocol(from_hex("2800000000000000"))->kind, DetectedKind::Full);
    EXPECT_EQ(detect_protocol(from_hex("1603010200"))->kind, DetectedKind::FakeTls);
}

TEST(Detect, HttpAndImpossibleFullLengthsRejected) {
    for (const char* start : {"HEAD", "POST", "GET ", "OPTI"}) {
        EXPECT_EQ(error_code_of([&] { detect_protocol(tgs::as_bytes(start)); }),
                  "TRANSPORT_UNSUPPORTED_PROTOCOL")
            << start;
    }
    // Seqno 0 but the length is below 13, unaligned, or beyond the limit.
    for (const char* start :
         {"0c00000000000000", "0800000000000000", "2900000000000000", "1000000100000000"}) {
        EXPECT_EQ(error_code_of([&] { detect_protocol(from_hex(start)); }),
                  "TRANSPORT_UNKNOWN_PROTOCOL")
            << start;
    }
}

class ServerCodecPlain : public ::testing::TestWithParam<Protocol> {};

TEST_P(ServerCodecPlain, DetectsAndDecodesByteByByte) {
    CodecOptions o;
    o.random = seeded_random(12);
    auto client = make_codec(GetParam(), o);
    ServerCodec server;
    EXPECT_FALSE(server.detected());
    EXPECT_EQ(error_code_of([&] { (void)server.protocol(); }), "TRANSPORT_NOT_DETECTED");
    std::mt19937 rng(5);
    Bytes stream;
    std::vector<Bytes> sent;
    for (int i = 0; i < 5; ++i) {
        sent.push_back(mtproto_like(rng));
        client->encode(sent.back(), stream);
    }
    auto events = feed_chunked(server, stream, rng, 1);
    ASSERT_TRUE(server.detected());
    EXPECT_EQ(server.protocol(), GetParam());
    EXPECT_FALSE(server.obfuscated());
    EXPECT_FALSE(server.dc_id());
    ASSERT_EQ(events.size(), sent.size());
    for (std::size_t i = 0; i < sent.size(); ++i) EXPECT_EQ(payload_of(events[i]), sent[i]);

    // Replies and errors reach the client in the same framing.
    Bytes reply;
    server.encode(sent[0], reply);
    server.encode_error(-444, reply);
    auto back = feed_all(*client, reply);
    ASSERT_EQ(back.size(), 2u);
    EXPECT_EQ(payload_of(back[0]), sent[0]);
    EXPECT_EQ(std::get<TransportError>(back[1]).code, -444);
}

INSTANTIATE_TEST_SUITE_P(AllCodecs, ServerCodecPlain,
                         ::testing::Values(Protocol::Abridged, Protocol::Intermediate,
                                           Protocol::PaddedIntermediate, Protocol::Full),
                         [](const auto& param_info) {
                             return std::string(protocol_name(param_info.param));
                         });

TEST(ServerCodec, ObfuscatedWithWrongSecretIsRejected) {
    Obfuscated2ClientParams p;
    p.protocol = Protocol::PaddedIntermediate;
    p.proxy_secret = ProxyKey{9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9};
    auto client = Obfuscated2Codec::client(p, seeded_random(77));
    ServerCodecOptions so;
    so.proxy_secret = ProxyKey{8, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9};
    ServerCodec server(so);
    EXPECT_EQ(error_code_of([&] { server.feed(client->encode(Bytes(24 + 16, 1))); }),
              "TRANSPORT_BAD_OBFUSCATION_TAG");
}

TEST(ServerCodec, TruncatedBeforeDetection) {
    ServerCodec server;
    server.feed(from_hex("eeee"));
    EXPECT_EQ(error_code_of([&] { server.finish(); }), "TRANSPORT_TRUNCATED");
}

TEST(ServerCodec, FakeTlsNotSupportedYet) {
    ServerCodec server;
    EXPECT_EQ(error_code_of([&] { server.feed(from_hex("1603010200")); }),
              "TRANSPORT_UNSUPPORTED_PROTOCOL");
}

}  // namespace
