// Telegram Desktop's local encryption (tdesktop storage_file_utilities.cpp): the 256-byte local
// key from a passcode and salt, and "encrypted descriptors": SHA1-keyed AES-256-IGE with the
// pre-2.0 MTProto key derivation, which tdesktop still uses for everything on disk.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tgs/bytes.hpp"
#include "tgs/crypto/kdf.hpp"
#include "tgs/session/secure_key.hpp"

namespace tgs::session::tdata::detail {

/// The salt in key_datas is 32 bytes (tdesktop LocalEncryptSaltSize).
inline constexpr std::size_t kSaltSize = 32;
/// PBKDF2 rounds with a passcode; without one tdesktop uses 1 "to not slow down".
inline constexpr int kPasscodeIterations = 100'000;

/// PBKDF2-HMAC-SHA512(SHA512(salt + passcode + salt), salt, 1 or 100000 rounds, 256 bytes).
AuthKeyBytes create_local_key(std::string_view passcode, ByteView salt);

/// Encrypts `payload` as tdesktop does: its length + 4 as a little-endian u32, the payload,
/// random padding to a multiple of 16; the result is SHA1(that)[0:16] + the ciphertext.
Bytes encrypt_local(ByteView payload, const AuthKeyBytes& key);

/// The inverse: nullopt when the SHA1 check fails (wrong key: with the passcode-derived key
/// this means a wrong passcode). Throws SESSION_TDATA_CORRUPT for bad sizes. The result
/// starts after the 4-byte length.
std::optional<Bytes> decrypt_local(ByteView encrypted, const AuthKeyBytes& key,
                                   const std::string& what);

}  // namespace tgs::session::tdata::detail
