// AES-256 in the two modes MTProto uses: IGE (messages, handshake) and CTR (obfuscation).
#pragma once

#include <memory>

#include "tgs/bytes.hpp"

namespace tgs::crypto {

/// AES-256-IGE. key: 32 bytes; iv: 32 bytes (first half = previous ciphertext block,
/// second half = previous plaintext block). data.size() must be a multiple of 16, else
/// tgs::Error("AES_IGE_LENGTH").
Bytes aes_ige_encrypt(ByteView data, ByteView key, ByteView iv);
Bytes aes_ige_decrypt(ByteView data, ByteView key, ByteView iv);
void aes_ige_encrypt_in_place(MutableByteView data, ByteView key, ByteView iv);
void aes_ige_decrypt_in_place(MutableByteView data, ByteView key, ByteView iv);

/// AES-256-CTR with a 128-bit big-endian counter; a stream cipher, so `apply` both encrypts
/// and decrypts and may be called with any chunking.
class AesCtr {
  public:
    AesCtr(ByteView key, ByteView iv);  // key: 32 bytes, iv: 16 bytes
    ~AesCtr();
    AesCtr(AesCtr&&) noexcept;
    AesCtr& operator=(AesCtr&&) noexcept;
    AesCtr(const AesCtr&) = delete;
    AesCtr& operator=(const AesCtr&) = delete;

    void apply(MutableByteView data);

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace tgs::crypto
