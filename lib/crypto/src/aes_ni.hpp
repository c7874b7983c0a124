// Private to lib/crypto: the AES-256 block cipher with the x86 AES instructions, for AES-IGE
// (every MTProto message, the handshake, RSA_PAD). Through EVP, the first AES-256-ECB fetch of a
// process builds a method for each of the ~150 ciphers OpenSSL's default provider has: ~0.4 ms
// and ~1 MiB of peak RSS of every login, for one block cipher. The instructions are constant
// time; without them (or on other CPUs) aes.cpp keeps using OpenSSL.
#pragma once

#include <cstdint>
#include <optional>

#include "tgs/bytes.hpp"

namespace tgs::crypto::detail {

class AesNi256 {
  public:
    /// nullopt when the CPU has no AES instructions (checked once per process).
    static std::optional<AesNi256> make(ByteView key32, bool encrypt);
    AesNi256(const AesNi256&) = delete;
    AesNi256& operator=(const AesNi256&) = delete;
    AesNi256(AesNi256&& other) noexcept;
    AesNi256& operator=(AesNi256&&) = delete;
    ~AesNi256();  // the round keys are cleansed

    /// One 16-byte block in place, in the direction chosen at make().
    void apply(std::uint8_t* block) const;

  private:
    AesNi256() = default;
    alignas(16) std::uint8_t round_keys_[15 * 16] = {};
    bool encrypt_ = true;
};

}  // namespace tgs::crypto::detail
