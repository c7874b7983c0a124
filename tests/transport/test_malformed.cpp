// Hostile or broken input: every rejection carries its specific error code.
#include <gtest/gtest.h>

#include "tgs/crypto/hash.hpp"
#include "tgs/transport/codec.hpp"
#include "transport_test_util.hpp"

namespace {

using tgs::Bytes;
using tgs::from_hex;
using namespace tgs::transport;
using namespace tgs::transport::testutil;

std::unique_ptr<Codec> server(Protocol p, std::size_t max_packet = kDefaultMaxPacket) {
    CodecOptions o;
    o.role = Role::Server;
    o.max_packet = max_packet;
    return make_codec(p, o);
}

std::string decode_error(Codec& codec, const Bytes& stream, bool finish = false) {
    return error_code_of([&] {
        feed_all(codec, stream);
        if (finish) codec.finish();
    });
}

TEST(Malformed, OversizedLengthRejectedBeforePayloadArrives) {
    // Only the length prefixes are fed: the limit is enforced without buffering the body.
    EXPECT_EQ(decode_error(*server(Protocol::Intermediate, 1024), from_hex("04040000")),
              "TRANSPORT_FRAME_TOO_LARGE");
    EXPECT_EQ(decode_error(*server(Protocol::PaddedIntermediate, 1024), from_hex("10040000")),
              "TRANSPORT_FRAME_TOO_LARGE");
    EXPECT_EQ(decode_error(*server(Protocol::Abridged, 1024), from_hex("7f010100")),
              "TRANSPORT_FRAME_TOO_LARGE");
    EXPECT_EQ(decode_error(*server(Protocol::Full, 1024), from_hex("1004000000000000")),
              "TRANSPORT_FRAME_TOO_LARGE");
    // Default limit 16 MiB: 16 MiB passes the check, 16 MiB + 4 does not.
    EXPECT_EQ(decode_error(*server(Protocol::Intermediate), from_hex("00000001")), "");
    EXPECT_EQ(decode_error(*server(Protocol::Intermediate), from_hex("04000001")),
              "TRANSPORT_FRAME_TOO_LARGE");
    EXPECT_EQ(decode_error(*server(Protocol::Intermediate), from_hex("ffffff7f")),
              "TRANSPORT_FRAME_TOO_LARGE");
}

TEST(Malformed, EncoderRefusesOversizedPayload) {
    CodecOptions o;
    o.max_packet = 64;
    auto codec = make_codec(Protocol::Intermediate, o);
    EXPECT_EQ(error_code_of([&] { codec->encode(Bytes(68)); }), "TRANSPORT_FRAME_TOO_LARGE");
    EXPECT_EQ(error_code_of([&] { codec->encode(Bytes(64)); }), "");
}

TEST(Malformed, ZeroAndUnalignedLengths) {
    EXPECT_EQ(decode_error(*server(Protocol::Abridged), from_hex("00")), "TRANSPORT_EMPTY_FRAME");
    EXPECT_EQ(decode_error(*server(Protocol::Intermediate), from_hex("00000000")),
              "TRANSPORT_EMPTY_FRAME");
    EXPECT_EQ(decode_error(*server(Protocol::PaddedIntermediate), from_hex("00000000")),
              "TRANSPORT_EMPTY_FRAME");
    EXPECT_EQ(decode_error(*server(Protocol::Full), from_hex("0c00000000000000")),
              "TRANSPORT_EMPTY_FRAME");
    EXPECT_EQ(decode_error(*server(Protocol::Full), from_hex("08000000")),
              "TRANSPORT_FRAME_TOO_SHORT");
    EXPECT_EQ(decode_error(*server(Protocol::Intermediate), from_hex("05000000")),
              "TRANSPORT_UNALIGNED_LENGTH");
    EXPECT_EQ(decode_error(*server(Protocol::Full), from_hex("11000000")),
              "TRANSPORT_UNALIGNED_LENGTH");
    // Padded lengths may be odd (payload + 0..15 padding bytes) ...
    EXPECT_EQ(decode_error(*server(Protocol::PaddedIntermediate), from_hex("05000000")), "");
    // ... but a packet of padding alone has no payload.
    EXPECT_EQ(decode_error(*server(Protocol::PaddedIntermediate), from_hex("03000000aabbcc")),
              "TRANSPORT_EMPTY_FRAME");
    auto client = make_codec(Protocol::Abridged);
    EXPECT_EQ(error_code_of([&] { client->encode(Bytes(6)); }), "TRANSPORT_UNALIGNED_LENGTH");
}

TEST(Malformed, TruncatedStreamDetectedAtFinish) {
    for (auto p : {Protocol::Abridged, Protocol::Intermediate, Protocol::PaddedIntermediate,
                   Protocol::Full}) {
        CodecOptions c;
        c.random = seeded_random(1);
        auto client = make_codec(p, c);
        Bytes stream = client->encode(Bytes(24 + 32, 0x01));
        stream.erase(stream.begin(),
                     stream.begin() + static_cast<std::ptrdiff_t>(init_marker(p).size()));
        for (std::size_t cut : {std::size_t{1}, std::size_t{3}, stream.size() - 1}) {
            auto s = server(p);
            Bytes partial(stream.begin(), stream.begin() + static_cast<std::ptrdiff_t>(cut));
            EXPECT_EQ(decode_error(*s, partial, true), "TRANSPORT_TRUNCATED")
                << protocol_name(p) << " cut " << cut;
        }
        auto s = server(p);
        EXPECT_EQ(decode_error(*s, stream, true), "") << protocol_name(p);
    }
}

TEST(Malformed, FullBadCrcAndBadSeqno) {
    auto client = make_codec(Protocol::Full);
    const Bytes payload(24 + 16, 0x77);
    Bytes first = client->encode(payload);
    Bytes second = client->encode(payload);

    Bytes flipped = first;
    flipped[12] ^= 0x01;  // payload byte
    EXPECT_EQ(decode_error(*server(Protocol::Full), flipped), "TRANSPORT_BAD_CRC");
    Bytes bad_crc = first;
    bad_crc.back() ^= 0x80;
    EXPECT_EQ(decode_error(*server(Protocol::Full), bad_crc), "TRANSPORT_BAD_CRC");

    // A correctly checksummed packet with seqno 1 first: out of order.
    EXPECT_EQ(decode_error(*server(Protocol::Full), second), "TRANSPORT_BAD_SEQNO");
    // Replaying packet 0 twice: the second one is out of order.
    Bytes replay = first;
    replay.insert(replay.end(), first.begin(), first.end());
    EXPECT_EQ(decode_error(*server(Protocol::Full), replay), "TRANSPORT_BAD_SEQNO");
    // And the correct order decodes.
    Bytes good = first;
    good.insert(good.end(), second.begin(), second.end());
    EXPECT_EQ(decode_error(*server(Protocol::Full), good), "");
}

TEST(Malformed, CodecIsBrokenAfterAnError) {
    auto s = server(Protocol::Intermediate);
    EXPECT_EQ(decode_error(*s, from_hex("05000000")), "TRANSPORT_UNALIGNED_LENGTH");
    EXPECT_EQ(error_code_of([&] { s->next(); }), "TRANSPORT_BROKEN");
    EXPECT_EQ(error_code_of([&] { s->feed(Bytes(4)); }), "TRANSPORT_BROKEN");
}

}  // namespace
