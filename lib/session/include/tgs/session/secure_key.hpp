// A 256-byte MTProto auth key kept in libsodium guarded memory (sodium_malloc: locked, guard
// pages, zeroed on free). Stand-in until tgs/crypto/secure.hpp lands; the API is kept small so
// the swap is mechanical.
#pragma once

#include <cstddef>

#include "tgs/bytes.hpp"

namespace tgs::session {

/// Heap buffer in guarded, non-swappable memory; wiped when destroyed. Copy is a deep copy.
class SecureBuffer {
  public:
    SecureBuffer() = default;
    explicit SecureBuffer(std::size_t size);
    explicit SecureBuffer(ByteView data);
    SecureBuffer(const SecureBuffer& other);
    SecureBuffer(SecureBuffer&& other) noexcept;
    SecureBuffer& operator=(const SecureBuffer& other);
    SecureBuffer& operator=(SecureBuffer&& other) noexcept;
    ~SecureBuffer();

    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    std::uint8_t* data() noexcept { return data_; }
    const std::uint8_t* data() const noexcept { return data_; }
    ByteView view() const noexcept { return {data_, size_}; }
    MutableByteView mutable_view() noexcept { return {data_, size_}; }

  private:
    std::uint8_t* data_ = nullptr;
    std::size_t size_ = 0;
};

/// Exactly 256 bytes. Comparison is constant-time.
class AuthKeyBytes {
  public:
    static constexpr std::size_t kSize = 256;
    /// Throws SESSION_KEY_INVALID unless `key` is 256 bytes.
    explicit AuthKeyBytes(ByteView key);
    ByteView view() const noexcept { return buf_.view(); }
    /// True when every byte is zero (Telethon treats such a key as "no key").
    bool all_zero() const noexcept;
    friend bool operator==(const AuthKeyBytes& a, const AuthKeyBytes& b) noexcept;

  private:
    SecureBuffer buf_;
};

}  // namespace tgs::session
