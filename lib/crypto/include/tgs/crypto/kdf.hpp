// MTProto 2.0 key derivation: message keys, AES key/iv, auth key identifiers, and the
// handshake's temporary key and nonce hashes (docs/protocol.md §3 and §4).
#pragma once

#include <array>
#include <cstdint>

#include "tgs/bytes.hpp"
#include "tgs/crypto/hash.hpp"

namespace tgs::crypto {

/// x = 0 for client→server messages, 8 for server→client.
inline constexpr int kClientToServer = 0;
inline constexpr int kServerToClient = 8;

struct AesKeyIv {
    std::array<std::uint8_t, 32> key{};
    std::array<std::uint8_t, 32> iv{};
};

/// SHA256(auth_key[88+x : 120+x] + plaintext_with_padding). auth_key must be 256 bytes.
Sha256Digest msg_key_large(ByteView auth_key, ByteView plaintext, int x);
/// msg_key_large[8:24].
Int128 msg_key(ByteView auth_key, ByteView plaintext, int x);
/// aes_key/aes_iv from auth_key and a 16-byte msg_key.
AesKeyIv derive_aes_key_iv(ByteView auth_key, ByteView msg_key, int x);

/// MTProto 1.0's SHA1-based aes_key/aes_iv from a 16-byte msg_key. Still in use for
/// auth.bindTempAuthKey's binding message (x = 0) and Telegram Desktop's local files (x = 8).
AesKeyIv derive_aes_key_iv_v1(ByteView auth_key, ByteView msg_key, int x);

/// SHA1(auth_key)[12:20] read as little-endian uint64 (its wire bytes are that slice).
std::uint64_t auth_key_id(ByteView auth_key);
/// SHA1(auth_key)[0:8] as raw bytes (retry_id is these bytes read as an LE long).
std::array<std::uint8_t, 8> auth_key_aux_hash(ByteView auth_key);
/// SHA1(new_nonce + byte(n) + aux_hash)[4:20]; n = 1 ok, 2 retry, 3 fail.
Int128 new_nonce_hash(ByteView new_nonce, int n, ByteView aux_hash);

/// Handshake tmp_aes_key/iv from new_nonce (32) and server_nonce (16).
AesKeyIv tmp_aes_key_iv(ByteView new_nonce, ByteView server_nonce);
/// First server salt: new_nonce[0:8] XOR server_nonce[0:8], read as LE int64.
std::int64_t initial_server_salt(ByteView new_nonce, ByteView server_nonce);

}  // namespace tgs::crypto
