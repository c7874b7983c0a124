// tgsession's encrypted-at-rest session file: Argon2id (or a raw 32-byte key file) +
// XChaCha20-Poly1305 (libsodium). Layout (all integers little-endian):
//   0  magic "TGSSEAL\0" (8)      8  version u8 = 1      9  kdf u8 (1 = argon2id13, 0 = raw key)
//  10  reserved u16 = 0          12  opslimit u64       20  memlimit u64 (bytes)
//  28  salt (16)                 44  nonce (24)         68  key-check (16)
//  84  ciphertext = XChaCha20-Poly1305(payload), associated data = bytes 0..83
// Wrong passphrase vs tampering: the key-check value is BLAKE2b keyed by the derived key over a
// fixed label, so a wrong key is recognised before decryption (SESSION_SEAL_WRONG_PASSPHRASE);
// a right key whose AEAD tag fails means the file was changed (SESSION_SEAL_TAMPERED). The check
// value reveals nothing a failed AEAD tag wouldn't: both need the Argon2id work per guess.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "tgs/bytes.hpp"
#include "tgs/crypto/secure.hpp"
#include "tgs/session/session_data.hpp"

namespace tgs::session {

inline constexpr std::string_view kSealMagic{"TGSSEAL\0", 8};

struct Argon2Params {
    std::uint64_t opslimit = 3;                    // between libsodium INTERACTIVE and MODERATE
    std::uint64_t memlimit = 64ull * 1024 * 1024;  // 64 MiB
};

/// Either a passphrase (stretched with Argon2id) or a raw 32-byte key.
class SealKey {
  public:
    static SealKey passphrase(std::string_view pass, Argon2Params params = {});
    /// Throws SESSION_SEAL_KEY_INVALID unless 32 bytes.
    static SealKey raw(ByteView key32);
    /// Reads a key file holding exactly 32 raw bytes (or 64 hex chars).
    static SealKey from_key_file(const std::filesystem::path& path);

    // Copies hold their own secure copy of the secret.
    SealKey(const SealKey& other);
    SealKey& operator=(const SealKey& other);
    SealKey(SealKey&&) noexcept = default;
    SealKey& operator=(SealKey&&) noexcept = default;
    ~SealKey() = default;

    bool is_passphrase() const { return is_passphrase_; }
    const crypto::SecureBuffer& secret() const { return secret_; }
    const Argon2Params& params() const { return params_; }

  private:
    SealKey() = default;
    bool is_passphrase_ = false;
    crypto::SecureBuffer secret_;
    Argon2Params params_;
};

/// Serializes and encrypts. Randomness from libsodium.
Bytes seal(const SessionData& d, const SealKey& key);
/// Decrypts and parses. Throws SESSION_CORRUPT (bad header/truncated),
/// SESSION_UNSUPPORTED_VERSION, SESSION_SEAL_WRONG_PASSPHRASE, SESSION_SEAL_TAMPERED.
SessionData unseal(ByteView file, const SealKey& key);

/// The plain binary encoding of SessionData used as the sealed payload (versioned).
crypto::SecureBuffer serialize_session(const SessionData& d);
SessionData deserialize_session(ByteView payload);

}  // namespace tgs::session
