// Vocabulary shared by the two handshake state machines (handshake_client.hpp,
// handshake_server.hpp) and the unencrypted envelope the handshake travels in.
//
// The handshake's error codes (HANDSHAKE_*) are named in errors.hpp; it also passes on crypto's
// DH_PRIME_INVALID, DH_G_INVALID, DH_G_A_OUT_OF_RANGE, DH_G_B_OUT_OF_RANGE,
// PQ_FACTORIZATION_FAILED, PQ_TOO_LARGE and tl's TL_TRUNCATED.
#pragma once

#include <cstdint>
#include <string_view>

#include "tgs/bytes.hpp"
#include "tgs/crypto/secure.hpp"

namespace tgs::mtproto {

/// Which P_Q_inner_data constructor the client RSA-encrypts.
enum class InnerDataVariant {
    Dc,      // p_q_inner_data_dc#a9f55f95 (what current clients send; default)
    Legacy,  // p_q_inner_data#83c95aec (no dc; grammers' recorded flow, Telethon 1.x)
    TempDc,  // p_q_inner_data_temp_dc#56fddf88 (temporary key, PFS)
    Temp,    // p_q_inner_data_temp#3c6a84d4 (legacy temporary key)
};

/// How p_q_inner_data is RSA-encrypted.
enum class RsaScheme {
    RsaPad,  // RSA_PAD (AES-IGE + SHA256 inside RSA); current
    Legacy,  // SHA1(data) + data + padding, textbook RSA (pre-2021 clients)
};

/// A handshake step produced a message body to send (unencrypted, wrap it with
/// wrap_unencrypted).
struct HandshakeSend {
    Bytes body;
};

/// The result of a completed handshake (both roles).
struct HandshakeDone {
    crypto::AuthKey auth_key;
    std::int64_t server_salt = 0;  // new_nonce[0:8] XOR server_nonce[0:8], LE
    std::int32_t time_offset = 0;  // server_time - local now (always 0 on the server)
};

// --- Unencrypted envelope: auth_key_id = 0 (8), msg_id (8 LE), length (4 LE), body. ---

/// Builds an unencrypted message around a handshake body.
Bytes wrap_unencrypted(ByteView body, std::int64_t msg_id);

struct UnencryptedMessage {
    std::int64_t msg_id = 0;
    ByteView body;  // points into the input
};

/// Splits an unencrypted message. Throws HANDSHAKE_BAD_ENVELOPE if auth_key_id is not zero,
/// the message is shorter than 20 bytes or the declared length differs from what follows.
UnencryptedMessage unwrap_unencrypted(ByteView message);
/// The body would point into a temporary that is gone by the next statement.
UnencryptedMessage unwrap_unencrypted(Bytes&& message) = delete;

/// A msg_id for unencrypted messages from unix time (seconds, fractional): time * 2^32 with
/// the low two bits 0 for the client and 1 for server responses.
std::int64_t unencrypted_msg_id(double unix_time, bool from_server = false);

/// Telegram answers a failed handshake step with a 4-byte transport error instead of a
/// message: -444 for a wrong dc, -404 for everything else. Maps a HANDSHAKE_* code to it.
std::int32_t handshake_transport_error(std::string_view error_code);

}  // namespace tgs::mtproto
