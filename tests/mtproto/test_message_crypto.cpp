// MTProto 2.0 message encryption against mtproto2_message_crypto.json, plus the receiver's
// checks (auth_key_id, msg_key, length, padding).
#include <gtest/gtest.h>

#include <string>

#include "test_error_code.hpp"
#include "test_session_support.hpp"
#include "test_support.hpp"
#include "tgs/error.hpp"
#include "tgs/mtproto/container.hpp"
#include "tgs/mtproto/message_crypto.hpp"
#include "tgs/mtproto/service.hpp"
#include "tgs/tl/writer.hpp"

namespace {

using namespace tgs;
using namespace tgs::mtproto;
using test::error_code_of;
namespace mt = tgs::tl::mt;
using tgs::test::hex;

Bytes counting_key() {
    Bytes k(256);
    for (std::size_t i = 0; i < k.size(); ++i) k[i] = static_cast<std::uint8_t>(i);
    return k;
}

TEST(MessageCrypto, ClientEncryptionMatchesVector) {
    const auto v = test::load_vectors("mtproto2_message_crypto.json")["encrypt_client_v2"];
    const std::string text = v["plaintext_ascii"];
    Bytes plain(text.begin(), text.end());
    plain.resize(plain.size() + 19, 0);  // "19 zero bytes"
    ASSERT_EQ(plain.size() % 16, 0u);
    const AuthKey key(counting_key());
    const Bytes out = encrypt_padded(key, plain, Direction::ClientToServer);
    EXPECT_EQ(to_hex(out), v["output"].get<std::string>());
    EXPECT_EQ(to_hex(ByteView(out).subspan(8, 16)), v["msg_key"].get<std::string>());
    // And back, with x = 0 on the receiving (server) side.
    EXPECT_EQ(decrypt_padded(key, out, Direction::ClientToServer), plain);
}

TEST(MessageCrypto, AuthKeyIdMatchesVector) {
    const auto v = test::load_vectors("mtproto2_message_crypto.json");
    const AuthKey key(counting_key());
    const Bytes packet = encrypt_padded(key, Bytes(48, 0), Direction::ClientToServer);
    EXPECT_EQ(to_hex(ByteView(packet).first(8)),
              v["auth_key_id_aux_hash_new_nonce_hash"]["auth_key_id"].get<std::string>());
}

TEST(MessageCrypto, RealServerContainerDecryptsAndParses) {
    const auto v = test::load_vectors("mtproto2_message_crypto.json")["decrypt_server_v2"];
    const AuthKey key(hex(v["auth_key"]));
    const Bytes packet = hex(v["message"]);
    EXPECT_EQ(to_hex(decrypt_padded(key, packet, Direction::ServerToClient)),
              v["plaintext"].get<std::string>());

    const PlainMessage msg = decrypt_message(key, packet, Direction::ServerToClient);
    const auto& p = v["parsed"];
    EXPECT_EQ(msg.salt, p["salt"].get<std::int64_t>());
    EXPECT_EQ(msg.session_id, p["session_id"].get<std::int64_t>());
    EXPECT_EQ(msg.msg_id, p["msg_id"].get<std::int64_t>());
    EXPECT_EQ(msg.seq_no, p["seq_no"].get<std::int32_t>());
    EXPECT_EQ(msg.body.size(), p["length"].get<std::size_t>());
    EXPECT_EQ(to_hex(msg.body), p["body"].get<std::string>());
    // The server's message is x = 8: decrypting it as a client message must fail.
    EXPECT_EQ(error_code_of([&] { decrypt_message(key, packet, Direction::ClientToServer); }),
              "MSG_KEY_MISMATCH");

    ASSERT_TRUE(is_container(msg.body));
    const auto inner = unpack_container(msg.body, msg.msg_id);
    ASSERT_EQ(inner.size(), p["container_messages"].size());
    for (std::size_t i = 0; i < inner.size(); ++i) {
        const auto& want = p["container_messages"][i];
        EXPECT_EQ(to_hex(Bytes{static_cast<std::uint8_t>(inner[i].msg_id >> 56),
                               static_cast<std::uint8_t>(inner[i].msg_id >> 48),
                               static_cast<std::uint8_t>(inner[i].msg_id >> 40),
                               static_cast<std::uint8_t>(inner[i].msg_id >> 32),
                               static_cast<std::uint8_t>(inner[i].msg_id >> 24),
                               static_cast<std::uint8_t>(inner[i].msg_id >> 16),
                               static_cast<std::uint8_t>(inner[i].msg_id >> 8),
                               static_cast<std::uint8_t>(inner[i].msg_id)}),
                  want["msg_id_hex"].get<std::string>());
        EXPECT_EQ(inner[i].seq_no, want["seqno"].get<std::int32_t>());
        EXPECT_EQ(to_hex(inner[i].body), want["body"].get<std::string>());
    }
    const auto nsc = parse_body<mt::new_session_created>(inner[0].body);
    EXPECT_EQ(nsc.server_salt, msg.salt);
    EXPECT_EQ(static_cast<std::uint64_t>(nsc.first_msg_id), 0x5e308b91ad33fdc4ULL);
    const auto pong = parse_body<mt::pong>(inner[1].body);
    EXPECT_EQ(pong.msg_id, nsc.first_msg_id);  // the pong answers the client's first message
    EXPECT_EQ(pong.ping_id, 0x300864);
    // Re-packing the parsed messages gives the server's bytes back.
    EXPECT_EQ(pack_container(inner), msg.body);
}

TEST(MessageCrypto, EncryptMessageRoundTripsWithEitherPadding) {
    const AuthKey key = test::test_key();
    PlainMessage m{1, 2, 0x5e308b91c2c1a804, 3, Bytes{1, 2, 3, 4, 5, 6, 7, 8}};
    for (auto policy : {PaddingPolicy::Minimal, PaddingPolicy::RandomExtra}) {
        for (int seed = 0; seed < 20; ++seed) {
            const Bytes packet = encrypt_message(key, m, Direction::ServerToClient,
                                                 test::counter_random(seed), policy);
            const std::size_t padding = packet.size() - kPacketHeaderSize - 32 - m.body.size();
            EXPECT_GE(padding, 12u);
            EXPECT_LE(padding, 1024u);
            if (policy == PaddingPolicy::Minimal) {
                EXPECT_LE(padding, 27u);
            }
            const PlainMessage back = decrypt_message(key, packet, Direction::ServerToClient);
            EXPECT_EQ(back.salt, 1);
            EXPECT_EQ(back.session_id, 2);
            EXPECT_EQ(back.msg_id, m.msg_id);
            EXPECT_EQ(back.seq_no, 3);
            EXPECT_EQ(back.body, m.body);
        }
    }
}

TEST(MessageCrypto, FlippedCiphertextByteIsMsgKeyMismatch) {
    const AuthKey key = test::test_key();
    const PlainMessage m{1, 2, 0x5e308b91c2c1a801, 1, Bytes(16, 0xab)};
    Bytes packet = encrypt_message(key, m, Direction::ServerToClient, test::counter_random(1));
    for (std::size_t pos : {std::size_t{8}, std::size_t{23}, std::size_t{24}, packet.size() - 1}) {
        Bytes bad = packet;
        bad[pos] ^= 0x01;
        EXPECT_EQ(error_code_of([&] { decrypt_message(key, bad, Direction::ServerToClient); }),
                  "MSG_KEY_MISMATCH")
            << "flipped byte " << pos;
    }
}

TEST(MessageCrypto, WrongAuthKeyIdIsRejectedBeforeDecrypting) {
    const AuthKey key = test::test_key();
    Bytes packet = encrypt_padded(key, Bytes(64, 7), Direction::ServerToClient);
    packet[0] ^= 0x80;
    EXPECT_EQ(error_code_of([&] { decrypt_padded(key, packet, Direction::ServerToClient); }),
              "MSG_AUTH_KEY_ID_MISMATCH");
    const AuthKey other(Bytes(256, 1));
    const Bytes theirs = encrypt_padded(other, Bytes(64, 7), Direction::ServerToClient);
    EXPECT_EQ(error_code_of([&] { decrypt_padded(key, theirs, Direction::ServerToClient); }),
              "MSG_AUTH_KEY_ID_MISMATCH");
}

// A plaintext with a valid msg_key but a lying header: length/padding checks must catch it.
Bytes plaintext_with(std::uint32_t declared_length, std::size_t body_size, std::size_t padding) {
    tl::Writer w;
    w.write_int64(1);
    w.write_int64(2);
    w.write_int64(0x5e308b91c2c1a801);
    w.write_int32(1);
    w.write_uint32(declared_length);
    w.write_raw(Bytes(body_size + padding, 0x11));
    return w.take();
}

TEST(MessageCrypto, LengthAndPaddingChecks) {
    const AuthKey key = test::test_key();
    const auto decrypt = [&](const Bytes& plain) {
        return error_code_of([&] {
            decrypt_message(key, encrypt_padded(key, plain, Direction::ServerToClient),
                            Direction::ServerToClient);
        });
    };
    EXPECT_EQ(decrypt(plaintext_with(16, 16, 16)), "no error");
    EXPECT_EQ(decrypt(plaintext_with(17, 16, 16)), "MSG_BAD_LENGTH");  // not ≡ 0 mod 4
    EXPECT_EQ(decrypt(plaintext_with(64, 16, 16)), "MSG_BAD_LENGTH");  // past the end
    EXPECT_EQ(decrypt(plaintext_with(0xfffffff0u, 16, 16)), "MSG_BAD_LENGTH");
    EXPECT_EQ(decrypt(plaintext_with(12, 12, 4)), "MSG_BAD_PADDING");     // 4 < 12
    EXPECT_EQ(decrypt(plaintext_with(4, 4, 1036)), "MSG_BAD_PADDING");    // 1036 > 1024
    EXPECT_EQ(decrypt(plaintext_with(8, 8, 1032)), "MSG_BAD_PADDING");    // 1032 > 1024
    EXPECT_EQ(decrypt(plaintext_with(12, 12, 1028)), "MSG_BAD_PADDING");  // 1028 > 1024
    EXPECT_EQ(decrypt(plaintext_with(16, 16, 1024)), "no error");         // exactly 1024

    // Packets that cannot hold a message at all.
    Bytes tiny = encrypt_padded(key, Bytes(32, 0), Direction::ServerToClient);
    EXPECT_EQ(error_code_of([&] { decrypt_message(key, tiny, Direction::ServerToClient); }),
              "MSG_BAD_LENGTH");
    Bytes ragged = encrypt_padded(key, Bytes(64, 0), Direction::ServerToClient);
    ragged.pop_back();
    EXPECT_EQ(error_code_of([&] { decrypt_message(key, ragged, Direction::ServerToClient); }),
              "MSG_BAD_LENGTH");
    EXPECT_EQ(error_code_of([&] { peek_auth_key_id(Bytes(7, 0)); }), "MSG_BAD_LENGTH");
    EXPECT_EQ(error_code_of([&] { encrypt_padded(key, Bytes(20, 0), Direction::ClientToServer); }),
              "MSG_BAD_LENGTH");
}

}  // namespace
