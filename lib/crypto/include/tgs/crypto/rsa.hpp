// RSA as MTProto uses it: server public keys identified by fingerprint, RSA_PAD for
// p_q_inner_data (client encrypts, server decrypts), and the legacy SHA1+data scheme that
// Telethon 1.25 still sends. All "textbook" (no PKCS#1 padding): MTProto pads itself.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "tgs/bytes.hpp"
#include "tgs/crypto/bigint.hpp"
#include "tgs/crypto/hash.hpp"
#include "tgs/crypto/random.hpp"

namespace tgs::crypto {

class RsaPublicKey {
  public:
    RsaPublicKey(BigInt n, BigInt e);
    /// Accepts PKCS#1 ("BEGIN RSA PUBLIC KEY") and SubjectPublicKeyInfo ("BEGIN PUBLIC KEY").
    /// Throws tgs::Error("RSA_KEY_INVALID").
    static RsaPublicKey from_pem(std::string_view pem);
    /// PKCS#1 "BEGIN RSA PUBLIC KEY" PEM (the form Telegram clients embed).
    std::string to_pem() const;

    const BigInt& n() const { return n_; }
    const BigInt& e() const { return e_; }
    /// Modulus size in bytes (256 for the 2048-bit keys MTProto uses).
    std::size_t size() const { return n_.byte_length(); }

    /// int64 little-endian of SHA1(TL bare `n:bytes e:bytes`)[12:20], as sent in resPQ.
    std::int64_t fingerprint() const;

    /// Textbook RSA: input^e mod n, as exactly size() big-endian bytes. Throws
    /// tgs::Error("RSA_INPUT_TOO_LARGE") if the input as an integer is >= n.
    Bytes encrypt_raw(ByteView input_be) const;

  private:
    BigInt n_;
    BigInt e_;
};

class RsaPrivateKey {
  public:
    ~RsaPrivateKey();
    RsaPrivateKey(RsaPrivateKey&&) noexcept;
    RsaPrivateKey& operator=(RsaPrivateKey&&) noexcept;
    RsaPrivateKey(const RsaPrivateKey&) = delete;
    RsaPrivateKey& operator=(const RsaPrivateKey&) = delete;

    /// Fresh key with e = 65537 (the test DC's own key).
    static RsaPrivateKey generate(int bits = 2048);
    /// Accepts "BEGIN RSA PRIVATE KEY" (PKCS#1) and "BEGIN PRIVATE KEY" (PKCS#8, unencrypted).
    /// Throws tgs::Error("RSA_KEY_INVALID").
    static RsaPrivateKey from_pem(std::string_view pem);
    /// Unencrypted PKCS#8 "BEGIN PRIVATE KEY" PEM. Contains the secret: never log it.
    std::string to_pem() const;

    RsaPublicKey public_key() const;
    std::size_t size() const;

    /// Textbook RSA decryption (c^d mod n, blinded CRT), exactly size() big-endian bytes.
    /// Throws tgs::Error("RSA_DECRYPT_FAILED") if input is not size() bytes or is >= n.
    Bytes decrypt_raw(ByteView encrypted) const;

  private:
    struct Impl;
    explicit RsaPrivateKey(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// Client RSA_PAD (docs/protocol.md §3 step 4). data must be <= 144 bytes
/// (else tgs::Error("RSA_PAD_DATA_TOO_LONG")). Randomness is drawn as: first the
/// 192-len(data) padding bytes, then 32 bytes of temp_key (again for every retry when the
/// padded block is >= n). Returns 256 big-endian bytes. The key must be 2048-bit.
Bytes rsa_pad_encrypt(ByteView data, const RsaPublicKey& key, const RandomSource& random);

/// Server side of RSA_PAD: decrypts, recovers temp_key, AES-IGE-decrypts, checks the SHA256.
/// Returns the 192-byte data_with_padding (the caller parses TL from its start).
/// Throws tgs::Error("RSA_PAD_INVALID") on a hash mismatch or malformed input.
Bytes rsa_pad_decrypt(ByteView encrypted, const RsaPrivateKey& key);

/// Legacy client scheme (pre-RSA_PAD clients such as Telethon 1.25):
/// textbook RSA of SHA1(data) + data + random padding, 255 bytes. data <= 235 bytes
/// (else tgs::Error("RSA_PAD_DATA_TOO_LONG")). Returns 256 big-endian bytes.
Bytes rsa_legacy_encrypt(ByteView data, const RsaPublicKey& key, const RandomSource& random);

/// Result of the server-side legacy decryption. The data length is not carried, so the
/// caller parses TL from `data` and then asks hash_matches(parsed_len).
struct RsaLegacyPlain {
    Sha1Digest hash{};
    Bytes data;  // 235 bytes: the client's data followed by its random padding
    /// Constant-time check that SHA1(data[0:parsed_len]) equals `hash`.
    bool hash_matches(std::size_t parsed_len) const;
};

/// Throws tgs::Error("RSA_DECRYPT_FAILED") if the input is malformed or the decrypted
/// value does not fit 255 bytes.
RsaLegacyPlain rsa_legacy_decrypt(ByteView encrypted, const RsaPrivateKey& key);

}  // namespace tgs::crypto
