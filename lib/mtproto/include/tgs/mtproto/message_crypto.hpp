// MTProto 2.0 encryption of one message (core.telegram.org/mtproto/description):
// packet = auth_key_id(8) | msg_key(16) | AES-256-IGE(plaintext), where
// plaintext = salt(8) session_id(8) msg_id(8) seq_no(4) length(4) body padding(12..1024).
#pragma once

#include <array>
#include <cstdint>

#include "tgs/bytes.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/crypto/secure.hpp"

namespace tgs::mtproto {

using AuthKey = crypto::AuthKey;  // 256 bytes in secure memory + cached auth_key_id

/// Who sent the message; selects x = 0 (client→server) or x = 8 (server→client).
enum class Direction { ClientToServer, ServerToClient };

inline constexpr std::size_t kPacketHeaderSize = 8 + 16;  // auth_key_id + msg_key
inline constexpr std::size_t kPlainHeaderSize = 32;       // salt .. length
inline constexpr std::size_t kMinPadding = 12;
inline constexpr std::size_t kMaxPadding = 1024;

/// How many padding bytes to add. Minimal: 12..27 (just enough for ≡0 mod 16). RandomExtra:
/// minimal plus 0..15 random extra blocks, which hides exact message lengths.
enum class PaddingPolicy { Minimal, RandomExtra };

/// x of the MTProto 2.0 KDF: 0 for client→server, 8 for server→client.
int kdf_x(Direction dir);

/// Encrypts an already padded plaintext (size ≡ 0 mod 16, else MSG_BAD_LENGTH).
Bytes encrypt_padded(const AuthKey& key, ByteView padded_plaintext, Direction dir);

/// Checks auth_key_id, decrypts and verifies msg_key; returns the padded plaintext.
/// Errors: MSG_AUTH_KEY_ID_MISMATCH, MSG_BAD_LENGTH (packet size), MSG_KEY_MISMATCH.
Bytes decrypt_padded(const AuthKey& key, ByteView packet, Direction dir);

/// One decoded message envelope.
struct PlainMessage {
    std::int64_t salt = 0;
    std::int64_t session_id = 0;
    std::int64_t msg_id = 0;
    std::int32_t seq_no = 0;
    Bytes body;
};

std::size_t choose_padding(std::size_t unpadded_size, PaddingPolicy policy,
                           const crypto::RandomSource& random);

/// Builds the plaintext (with random padding chosen by `policy`) and encrypts it.
/// The body size must be a multiple of 4 (TL), else MSG_BAD_LENGTH.
Bytes encrypt_message(const AuthKey& key, const PlainMessage& msg, Direction dir,
                      const crypto::RandomSource& random,
                      PaddingPolicy policy = PaddingPolicy::RandomExtra);

/// Decrypts and parses a packet. Besides decrypt_padded's errors: MSG_BAD_LENGTH when the
/// declared length is not a multiple of 4 or runs past the end, MSG_BAD_PADDING when the
/// padding is outside 12..1024. Session id, msg_id and salt are the caller's to check.
PlainMessage decrypt_message(const AuthKey& key, ByteView packet, Direction dir);

/// The auth_key_id at the start of an encrypted packet (MSG_BAD_LENGTH if too short).
std::uint64_t peek_auth_key_id(ByteView packet);

}  // namespace tgs::mtproto
