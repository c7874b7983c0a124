// Obfuscated2 against transport.json (gotd vectors, MTProxy secret) and the direct variant.
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "tgs/crypto/aes.hpp"
#include "tgs/transport/obfuscated2.hpp"
#include "transport_test_util.hpp"

namespace {

using tgs::Bytes;
using tgs::ByteView;
using tgs::to_hex;
using tgs::test::hex;
using tgs::test::load_vectors;
using namespace tgs::transport;
using namespace tgs::transport::testutil;

// A RandomSource that hands out the given 64-byte inits in order, then fails the test.
tgs::crypto::RandomSource scripted(std::vector<Bytes> inits) {
    auto queue = std::make_shared<std::vector<Bytes>>(std::move(inits));
    auto index = std::make_shared<std::size_t>(0);
    return [queue, index](tgs::MutableByteView out) {
        ASSERT_LT(*index, queue->size()) << "random source drawn too often";
        ASSERT_EQ(out.size(), (*queue)[*index].size());
        std::copy((*queue)[*index].begin(), (*queue)[*index].end(), out.begin());
        ++*index;
    };
}

ProxyKey key16(const Bytes& b) {
    ProxyKey k{};
    EXPECT_EQ(b.size(), 16u);
    std::copy_n(b.begin(), 16, k.begin());
    return k;
}

Obfuscated2ClientParams params_for(const nlohmann::json& v, bool with_secret) {
    Obfuscated2ClientParams p;
    EXPECT_EQ(v["protocol"], "dddddddd");
    p.protocol = Protocol::PaddedIntermediate;
    p.dc_id = static_cast<std::int16_t>(v["dc"].get<int>());
    if (with_secret) p.proxy_secret = key16(hex(v["secret"]));
    p.inner.random = seeded_random(1);
    return p;
}

Bytes ctr(ByteView key, ByteView iv, std::size_t skip, Bytes data) {
    tgs::crypto::AesCtr c(key, iv);
    Bytes skipped(skip);
    c.apply(skipped);
    c.apply(data);
    return data;
}

class Obfuscated2Vectors : public ::testing::TestWithParam<int> {};

TEST_P(Obfuscated2Vectors, HeaderAndKeysMatch) {
    auto v = load_vectors("transport.json")["obfuscated2"]["vectors"][GetParam()];
    const Bytes init = hex(v["random_init"]);
    ASSERT_FALSE(obfuscated2_init_forbidden(init));
    auto client = Obfuscated2Codec::client(params_for(v, true), scripted({init}));
    EXPECT_EQ(to_hex(client->take_header()), v["expected_header"].get<std::string>());
    EXPECT_TRUE(client->take_header().empty());

    auto keys = derive_obfuscated2_client_keys(init, key16(hex(v["secret"])));
    const auto& k = v["keys_derived"];
    EXPECT_EQ(to_hex(keys.encrypt_key), k["enc_key"].get<std::string>());
    EXPECT_EQ(to_hex(keys.encrypt_iv), k["enc_iv"].get<std::string>());
    EXPECT_EQ(to_hex(keys.decrypt_key), k["dec_key"].get<std::string>());
    EXPECT_EQ(to_hex(keys.decrypt_iv), k["dec_iv"].get<std::string>());

    // The server recovers tag and DC id from the header alone.
    auto server = Obfuscated2Codec::server(hex(v["expected_header"]), key16(hex(v["secret"])));
    EXPECT_EQ(server->protocol(), Protocol::PaddedIntermediate);
    EXPECT_EQ(server->role(), Role::Server);
    EXPECT_EQ(server->dc_id(), 2);
}

INSTANTIATE_TEST_SUITE_P(Gotd, Obfuscated2Vectors, ::testing::Values(0, 1));

TEST(Obfuscated2, FirstCtrBytesMatchGotd) {
    auto v = load_vectors("transport.json")["obfuscated2"]["vectors"][1];
    const auto& k = v["keys_derived"];
    // Independent of the codec: encrypt stream at offset 64, decrypt stream at offset 0.
    EXPECT_EQ(to_hex(ctr(hex(k["enc_key"]), hex(k["enc_iv"]), 64, Bytes{'a', 'b', 'c', 'd'})),
              v["encrypt_after_header"]["ciphertext"].get<std::string>());
    EXPECT_EQ(to_hex(ctr(hex(k["dec_key"]), hex(k["dec_iv"]), 0, Bytes{'a', 'b', 'c', 'd'})),
              v["decrypt_stream_first_4_bytes"]["output"].get<std::string>());

    // Through the client codec: received "abcd" decrypts to 8f711982, which the padded
    // decoder reads as a length with the top bit set, i.e. a quick ack.
    auto client = Obfuscated2Codec::client(params_for(v, true), scripted({hex(v["random_init"])}));
    auto events = feed_all(*client, Bytes{'a', 'b', 'c', 'd'});
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(std::get<QuickAck>(events[0]).token, 0x8219718fu);

    // Through the server codec: the client's "ca7a8226" decrypts to "abcd" = length
    // 0x64636261, which the decoder refuses as too large.
    auto server = Obfuscated2Codec::server(hex(v["expected_header"]), key16(hex(v["secret"])));
    try {
        feed_all(*server, hex(v["encrypt_after_header"]["ciphertext"]));
        FAIL() << "expected TRANSPORT_FRAME_TOO_LARGE";
    } catch (const tgs::Error& e) {
        EXPECT_EQ(e.code(), "TRANSPORT_FRAME_TOO_LARGE");
        EXPECT_NE(std::string(e.what()).find("1684234849"), std::string::npos) << e.what();
    }
}

TEST(Obfuscated2, CodecEncryptsFramesAtTheRightStreamOffsets) {
    auto v = load_vectors("transport.json")["obfuscated2"]["vectors"][1];
    const auto& k = v["keys_derived"];
    auto client = Obfuscated2Codec::client(params_for(v, true), scripted({hex(v["random_init"])}));
    const Bytes payload(24 + 48, 0x5a);
    Bytes out = client->encode(payload);
    ASSERT_GE(out.size(), 64 + 4 + payload.size());
    EXPECT_EQ(to_hex(ByteView(out).first(64)), v["expected_header"].get<std::string>());
    Bytes framed = ctr(hex(k["enc_key"]), hex(k["enc_iv"]), 64, Bytes(out.begin() + 64, out.end()));
    const std::uint32_t total =
        framed[0] | framed[1] << 8 | framed[2] << 16 | static_cast<std::uint32_t>(framed[3]) << 24;
    EXPECT_EQ(total + 4u, framed.size());
    EXPECT_EQ(Bytes(framed.begin() + 4, framed.begin() + 4 + 72), payload);

    // Server to client: the server's first bytes use keystream offset 0 of the dec stream.
    auto server = Obfuscated2Codec::server(hex(v["expected_header"]), key16(hex(v["secret"])));
    Bytes reply = server->encode(payload);
    Bytes reply_plain = ctr(hex(k["dec_key"]), hex(k["dec_iv"]), 0, reply);
    EXPECT_EQ(Bytes(reply_plain.begin() + 4, reply_plain.begin() + 4 + 72), payload);
    auto events = feed_all(*client, reply);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(payload_of(events[0]), payload);
}

TEST(Obfuscated2, DirectVariantWithoutSecretBothRolesAgree) {
    auto v = load_vectors("transport.json")["obfuscated2"]["vectors"][1];
    const Bytes init = hex(v["random_init"]);
    auto client = Obfuscated2Codec::client(params_for(v, false), scripted({init}));
    const Bytes header = client->take_header();
    ASSERT_EQ(header.size(), 64u);
    EXPECT_EQ(Bytes(header.begin(), header.begin() + 56), Bytes(init.begin(), init.begin() + 56));
    EXPECT_NE(to_hex(header), v["expected_header"].get<std::string>());  // no SHA256 step

    // Derived by hand: raw slices as keys, plaintext tail = tag dddddddd + dc 0200 + init[62:64].
    Bytes plain_init = init;
    for (int i = 56; i < 60; ++i) plain_init[static_cast<std::size_t>(i)] = 0xdd;
    plain_init[60] = 0x02;
    plain_init[61] = 0x00;
    Bytes enc = ctr(ByteView(init).subspan(8, 32), ByteView(init).subspan(40, 16), 0, plain_init);
    EXPECT_EQ(to_hex(ByteView(header).subspan(56)), to_hex(ByteView(enc).subspan(56)));
    auto keys = derive_obfuscated2_client_keys(init, std::nullopt);
    EXPECT_EQ(keys.encrypt_key, Bytes(init.begin() + 8, init.begin() + 40));
    Bytes reversed(init.rbegin(), init.rend());
    EXPECT_EQ(keys.decrypt_key, Bytes(reversed.begin() + 8, reversed.begin() + 40));
    EXPECT_EQ(keys.decrypt_iv, Bytes(reversed.begin() + 40, reversed.begin() + 56));

    auto server = Obfuscated2Codec::server(header, std::nullopt);
    EXPECT_EQ(server->dc_id(), 2);
    EXPECT_EQ(server->protocol(), Protocol::PaddedIntermediate);
    std::mt19937 rng(3);
    for (int i = 0; i < 20; ++i) {
        const Bytes up = mtproto_like(rng);
        auto got = feed_all(*server, client->encode(up));
        ASSERT_EQ(got.size(), 1u);
        EXPECT_EQ(payload_of(got[0]), up);
        const Bytes down = mtproto_like(rng);
        auto back = feed_all(*client, server->encode(down));
        ASSERT_EQ(back.size(), 1u);
        EXPECT_EQ(payload_of(back[0]), down);
    }

    // The secret matters: the with-secret header does not parse without it.
    EXPECT_EQ(
        error_code_of([&] { Obfuscated2Codec::server(hex(v["expected_header"]), std::nullopt); }),
        "TRANSPORT_BAD_OBFUSCATION_TAG");
}

TEST(Obfuscated2, ForbiddenInitsAreRedrawn) {
    const Bytes good(64, 0x61);
    std::vector<Bytes> bad;
    auto with_prefix = [&](std::vector<std::uint8_t> prefix) {
        Bytes b = good;
        std::copy(prefix.begin(), prefix.end(), b.begin());
        return b;
    };
    bad.push_back(with_prefix({0xef}));
    bad.push_back(with_prefix({'H', 'E', 'A', 'D'}));
    bad.push_back(with_prefix({'P', 'O', 'S', 'T'}));
    bad.push_back(with_prefix({'G', 'E', 'T', ' '}));
    bad.push_back(with_prefix({'O', 'P', 'T', 'I'}));
    bad.push_back(with_prefix({0x16, 0x03, 0x01, 0x02}));
    bad.push_back(with_prefix({0xdd, 0xdd, 0xdd, 0xdd}));
    bad.push_back(with_prefix({0xee, 0xee, 0xee, 0xee}));
    bad.push_back(with_prefix({0x61, 0x61, 0x61, 0x61, 0, 0, 0, 0}));
    for (const auto& b : bad) EXPECT_TRUE(obfuscated2_init_forbidden(b)) << to_hex(b);
    EXPECT_FALSE(obfuscated2_init_forbidden(good));

    std::vector<Bytes> draws = bad;
    draws.push_back(good);
    Obfuscated2ClientParams p;
    p.protocol = Protocol::Intermediate;
    p.dc_id = -4;  // media DC 4 -> fc ff
    auto client = Obfuscated2Codec::client(p, scripted(draws));
    const Bytes header = client->take_header();
    EXPECT_EQ(Bytes(header.begin(), header.begin() + 56), Bytes(56, 0x61));
    auto server = Obfuscated2Codec::server(header, std::nullopt);
    EXPECT_EQ(server->dc_id(), -4);
    EXPECT_EQ(server->protocol(), Protocol::Intermediate);

    // Fake-TLS skips the rules: the first draw is used as is.
    p.skip_prefix_rules = true;
    auto tls_client = Obfuscated2Codec::client(p, scripted({bad[0]}));
    EXPECT_EQ(tls_client->take_header()[0], 0xef);
}

TEST(Obfuscated2, FullTransportCannotBeWrapped) {
    Obfuscated2ClientParams p;
    p.protocol = Protocol::Full;
    EXPECT_EQ(error_code_of([&] { Obfuscated2Codec::client(p, seeded_random(1)); }),
              "TRANSPORT_UNSUPPORTED_PROTOCOL");
}

}  // namespace
