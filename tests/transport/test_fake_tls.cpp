// Fake TLS (docs/protocol.md §1.3): the ClientHello's shape and HMAC, the server's check (right key
// found among several, wrong key / tampering refused), the ServerHello verification, and
// obfuscated2 traffic through the record layer both ways.
#include <gtest/gtest.h>

#include <array>
#include <random>

#include "tgs/crypto/hash.hpp"
#include "tgs/transport/fake_tls.hpp"
#include "transport_test_util.hpp"

namespace {

using namespace tgs::transport;
using namespace tgs::transport::testutil;
using tgs::Bytes;
using tgs::ByteView;

const ProxyKey kKey{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
const ProxyKey kOther{16, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 1};
constexpr std::uint32_t kNow = 1765000000;

std::size_t be16(ByteView b, std::size_t at) {
    return static_cast<std::size_t>(b[at]) << 8 | b[at + 1];
}

TEST(FakeTlsHello, ShapeIsAWellFormedTls13ClientHello) {
    const Bytes hello = make_fake_tls_client_hello(kKey, "example.com", kNow, seeded_random(1));
    ASSERT_EQ(hello.size(), 517u);
    // Record 16 03 01 len=0x200; handshake 01 len=0x1fc; version 03 03 (what MTProxy checks).
    EXPECT_EQ(tgs::to_hex(ByteView(hello).first(11)), "1603010200010001fc0303");
    // Walk the structure: session id, cipher suites, compression, extensions must add up.
    std::size_t at = 43;
    ASSERT_EQ(hello[at], 32);
    at += 1 + 32;
    const std::size_t suites = be16(hello, at);
    EXPECT_EQ(suites % 2, 0u);
    at += 2 + suites;
    ASSERT_EQ(hello[at], 1);
    at += 2;
    const std::size_t ext_total = be16(hello, at);
    at += 2;
    ASSERT_EQ(at + ext_total, hello.size());
    bool sni = false, padding = false, key_share = false;
    while (at < hello.size()) {
        const std::size_t type = be16(hello, at), len = be16(hello, at + 2);
        at += 4;
        ASSERT_LE(at + len, hello.size());
        if (type == 0x0000) {
            // server_name_list len, host_name(0), name len, name (RFC 6066 §3)
            EXPECT_EQ(std::string(hello.begin() + static_cast<long>(at) + 5,
                                  hello.begin() + static_cast<long>(at + len)),
                      "example.com");
            sni = true;
        }
        if (type == 0x0015) padding = true;
        if (type == 0x0033) key_share = true;
        at += len;
    }
    EXPECT_TRUE(sni && padding && key_share);
}

TEST(FakeTlsHello, RandomIsHmacOfZeroedHelloXorTime) {
    Bytes hello = make_fake_tls_client_hello(kKey, "example.com", kNow, seeded_random(2));
    Bytes zeroed = hello;
    std::fill_n(zeroed.begin() + 11, 32, 0);
    auto mac = tgs::crypto::hmac_sha256(kKey, zeroed);
    for (int i = 0; i < 4; ++i) mac[28 + i] ^= static_cast<std::uint8_t>(kNow >> (8 * i));
    EXPECT_EQ(tgs::to_hex(ByteView(hello).subspan(11, 32)), tgs::to_hex(mac));

    const std::array<ProxyKey, 2> keys{kOther, kKey};
    auto info = check_fake_tls_client_hello(hello, keys);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->key_index, 1u);
    EXPECT_EQ(info->timestamp, kNow);
    EXPECT_EQ(info->session_id.size(), 32u);
    EXPECT_EQ(info->server_name, "example.com");

    EXPECT_FALSE(check_fake_tls_client_hello(hello, std::array<ProxyKey, 1>{kOther}));
    hello[200] ^= 1;  // anything the HMAC covers
    EXPECT_FALSE(check_fake_tls_client_hello(hello, keys));
}

TEST(FakeTlsHello, HelloSizeDetection) {
    EXPECT_EQ(fake_tls_hello_size(tgs::from_hex("16")), 5u);
    EXPECT_EQ(fake_tls_hello_size(tgs::from_hex("1603010200")), 517u);
    EXPECT_FALSE(fake_tls_hello_size(tgs::from_hex("16030302")));
    EXPECT_FALSE(fake_tls_hello_size(tgs::from_hex("ef")));
}

TEST(FakeTlsClient, VerifiesTheServerAnswerInAnyChunking) {
    for (std::size_t chunk : {1u, 7u, 5000u}) {
        FakeTlsClient client(kKey, "example.com", kNow, seeded_random(3));
        const Bytes hello = client.take_hello();
        auto info = check_fake_tls_client_hello(hello, std::array<ProxyKey, 1>{kKey});
        ASSERT_TRUE(info);
        Bytes answer = make_fake_tls_server_hello(kKey, *info, seeded_random(4));
        EXPECT_EQ(tgs::to_hex(ByteView(answer).first(3)), "160303");
        answer.insert(answer.end(), {0x17, 0x03, 0x03, 0x00, 0x01, 0xaa});  // first data record
        const std::size_t answer_size = answer.size() - 6;
        bool done = false;
        for (std::size_t at = 0; at < answer.size(); at += chunk) {
            const std::size_t n = std::min(chunk, answer.size() - at);
            done = client.feed(ByteView(answer).subspan(at, n));
            EXPECT_EQ(done, at + n >= answer_size);  // complete exactly with the answer
        }
        EXPECT_EQ(tgs::to_hex(client.take_leftover()), "1703030001aa");
    }
}

TEST(FakeTlsClient, WrongSecretTamperingAndNonTlsAreRefused) {
    FakeTlsClient client(kKey, "example.com", kNow, seeded_random(5));
    const Bytes hello = client.take_hello();
    auto info = check_fake_tls_client_hello(hello, std::array<ProxyKey, 1>{kKey});
    ASSERT_TRUE(info);
    EXPECT_EQ(error_code_of([&] {
                  client.feed(make_fake_tls_server_hello(kOther, *info, seeded_random(6)));
              }),
              "TRANSPORT_FAKE_TLS_HMAC");

    FakeTlsClient c2(kKey, "example.com", kNow, seeded_random(5));
    Bytes answer = make_fake_tls_server_hello(kKey, *info, seeded_random(6));
    answer[answer.size() - 1] ^= 0x80;
    EXPECT_EQ(error_code_of([&] { c2.feed(answer); }), "TRANSPORT_FAKE_TLS_HMAC");

    FakeTlsClient c3(kKey, "example.com", kNow, seeded_random(5));
    EXPECT_EQ(error_code_of([&] { c3.feed(tgs::as_bytes("HTTP/1.1 400 Bad Request\r\n")); }),
              "TRANSPORT_FAKE_TLS_BAD_RESPONSE");
}

TEST(FakeTlsCodec, ObfuscatedTrafficBothWaysInRecords) {
    Obfuscated2ClientParams p;
    p.protocol = Protocol::PaddedIntermediate;
    p.dc_id = 2;
    p.proxy_secret = kKey;
    p.skip_prefix_rules = true;
    p.inner.random = seeded_random(7);
    FakeTlsCodec client(Obfuscated2Codec::client(p, seeded_random(8)));

    std::mt19937 rng(9);
    Bytes big(9000);
    for (auto& b : big) b = static_cast<std::uint8_t>(rng());
    big[0] |= 1;
    Bytes wire;
    client.encode(big, wire);
    // ChangeCipherSpec first, then records no larger than tdlib's 2878 bytes.
    EXPECT_EQ(tgs::to_hex(ByteView(wire).first(6)), "140303000101");
    for (std::size_t at = 6; at < wire.size();) {
        ASSERT_EQ(wire[at], 0x17);
        const std::size_t len = be16(wire, at + 3);
        EXPECT_LE(len, kFakeTlsClientRecordMax);
        at += 5 + len;
    }

    // Server: unwrap until the 64-byte header is there, then run the codec.
    Bytes in = wire, plain;
    unwrap_fake_tls_records(in, plain);
    ASSERT_TRUE(in.empty());
    ASSERT_GE(plain.size(), 64u);
    FakeTlsCodec server(Obfuscated2Codec::server(ByteView(plain).first(64), kKey));
    server.inner().feed(ByteView(plain).subspan(64));
    auto event = server.next();
    ASSERT_TRUE(event);
    EXPECT_EQ(payload_of(*event), big);

    Bytes back;
    server.encode(big, back);
    EXPECT_EQ(back[0], 0x17);  // the server's ChangeCipherSpec went with its hello
    auto events = feed_chunked(client, back, rng, 100);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(payload_of(events[0]), big);

    Bytes junk = tgs::from_hex("1503030002ffff");  // an alert record
    EXPECT_EQ(error_code_of([&] { client.feed(junk); }), "TRANSPORT_FAKE_TLS_BAD_RECORD");
}

}  // namespace
