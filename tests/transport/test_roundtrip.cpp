// Every codec carries random MTProto-shaped payloads both ways, whatever the chunking.
#include <gtest/gtest.h>

#include <memory>

#include "tgs/transport/obfuscated2.hpp"
#include "tgs/transport/server_codec.hpp"
#include "transport_test_util.hpp"

namespace {

using tgs::Bytes;
using namespace tgs::transport;
using namespace tgs::transport::testutil;

struct Pair {
    std::unique_ptr<Codec> client;
    std::unique_ptr<Codec> server;
    bool client_sends_marker;  // the server-side codec must skip it
};

Pair plain_pair(Protocol p, std::uint32_t seed) {
    CodecOptions c;
    c.random = seeded_random(seed);
    CodecOptions s;
    s.role = Role::Server;
    s.random = seeded_random(seed + 1);
    return {make_codec(p, c), make_codec(p, s), p != Protocol::Full};
}

std::string name_of(const ::testing::TestParamInfo<Protocol>& info) {
    return protocol_name(info.param);
}

// Sends `count` payloads from `from` to `to` as one stream, delivered in random chunks.
void check_direction(Codec& from, Codec& to, std::size_t skip, std::mt19937& rng,
                     std::size_t max_chunk, int count) {
    std::vector<Bytes> sent;
    Bytes stream;
    for (int i = 0; i < count; ++i) {
        sent.push_back(mtproto_like(rng));
        from.encode(sent.back(), stream);
    }
    auto events = feed_chunked(to, tgs::ByteView(stream).subspan(skip), rng, max_chunk);
    ASSERT_EQ(events.size(), sent.size());
    for (std::size_t i = 0; i < sent.size(); ++i) {
        ASSERT_EQ(payload_of(events[i]), sent[i]) << "packet " << i;
    }
}

class PlainRoundTrip : public ::testing::TestWithParam<Protocol> {};

TEST_P(PlainRoundTrip, OneByteChunks) {
    auto pair = plain_pair(GetParam(), 11);
    std::mt19937 rng(100);
    const std::size_t skip = init_marker(GetParam()).size();
    check_direction(*pair.client, *pair.server, skip, rng, 1, 12);
    check_direction(*pair.server, *pair.client, 0, rng, 1, 12);
}

TEST_P(PlainRoundTrip, RandomChunksManyRounds) {
    auto pair = plain_pair(GetParam(), 21);
    std::mt19937 rng(200);
    const std::size_t skip = init_marker(GetParam()).size();
    for (std::size_t max_chunk : {3u, 17u, 512u, 100000u}) {
        check_direction(*pair.client, *pair.server, skip, rng, max_chunk, 25);
        check_direction(*pair.server, *pair.client, 0, rng, max_chunk, 25);
        // Only the first client packet carries the init marker.
        pair = plain_pair(GetParam(), static_cast<std::uint32_t>(max_chunk));
    }
}

TEST_P(PlainRoundTrip, LargePacketNearLimit) {
    CodecOptions c;
    c.max_packet = 1u << 20;
    c.random = seeded_random(5);
    CodecOptions s = c;
    s.role = Role::Server;
    auto client = make_codec(GetParam(), c);
    auto server = make_codec(GetParam(), s);
    Bytes big(c.max_packet - 8, 0x33);  // 24 + 16k: encrypted-shaped
    auto out = client->encode(big);
    auto events = feed_all(*server, tgs::ByteView(out).subspan(init_marker(GetParam()).size()));
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(payload_of(events[0]), big);
}

INSTANTIATE_TEST_SUITE_P(AllCodecs, PlainRoundTrip,
                         ::testing::Values(Protocol::Abridged, Protocol::Intermediate,
                                           Protocol::PaddedIntermediate, Protocol::Full),
                         name_of);

class ObfuscatedRoundTrip : public ::testing::TestWithParam<Protocol> {};

TEST_P(ObfuscatedRoundTrip, WithAndWithoutSecretThroughServerCodec) {
    for (bool with_secret : {false, true}) {
        Obfuscated2ClientParams p;
        p.protocol = GetParam();
        p.dc_id = 10002;  // test DC 2
        if (with_secret)
            p.proxy_secret = ProxyKey{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        p.inner.random = seeded_random(9);
        auto client = Obfuscated2Codec::client(p, seeded_random(with_secret ? 1 : 2));
        ServerCodecOptions so;
        so.proxy_secret = p.proxy_secret;
        ServerCodec server(so);
        std::mt19937 rng(300);
        check_direction(*client, server, 0, rng, 1, 8);
        ASSERT_TRUE(server.detected());
        EXPECT_TRUE(server.obfuscated());
        EXPECT_EQ(server.protocol(), GetParam());
        EXPECT_EQ(server.dc_id(), 10002);
        check_direction(server, *client, 0, rng, 1, 8);
        check_direction(*client, server, 0, rng, 777, 20);
        check_direction(server, *client, 0, rng, 777, 20);
    }
}

INSTANTIATE_TEST_SUITE_P(InnerCodecs, ObfuscatedRoundTrip,
                         ::testing::Values(Protocol::Abridged, Protocol::Intermediate,
                                           Protocol::PaddedIntermediate),
                         name_of);

}  // namespace
