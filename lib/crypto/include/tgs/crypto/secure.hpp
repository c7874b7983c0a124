// Secret-holding memory (libsodium guarded, locked, zeroed) and the auth key type.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "tgs/bytes.hpp"

namespace tgs::crypto {

/// Fixed-size buffer for secrets: sodium_malloc'ed memory (guard pages, excluded from core
/// dumps, mlock'ed while RLIMIT_MEMLOCK allows: past it libsodium leaves the memory unlocked and
/// the buffer works the same), zeroed on destruction. Buffers of up to 256 bytes share arenas
/// (lib/crypto/src/secure_alloc.cpp). Move-only; copy explicitly with clone().
class SecureBuffer {
  public:
    SecureBuffer() noexcept = default;        // empty
    explicit SecureBuffer(std::size_t size);  // zero-filled
    explicit SecureBuffer(ByteView data);
    ~SecureBuffer();
    SecureBuffer(SecureBuffer&& other) noexcept;
    SecureBuffer& operator=(SecureBuffer&& other) noexcept;
    SecureBuffer(const SecureBuffer&) = delete;
    SecureBuffer& operator=(const SecureBuffer&) = delete;

    SecureBuffer clone() const;

    std::uint8_t* data() noexcept { return data_; }
    const std::uint8_t* data() const noexcept { return data_; }
    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    ByteView view() const noexcept { return {data_, size_}; }
    MutableByteView span() noexcept { return {data_, size_}; }

  private:
    std::uint8_t* data_ = nullptr;
    std::size_t size_ = 0;
};

/// A 256-byte MTProto auth key with its cached id (SHA1(key)[12:20] as LE uint64).
class AuthKey {
  public:
    static constexpr std::size_t kSize = 256;

    AuthKey() = default;  // empty: no key yet
    /// Throws tgs::Error("AUTH_KEY_INVALID") unless key is exactly 256 bytes.
    explicit AuthKey(ByteView key);

    AuthKey clone() const;
    bool empty() const noexcept { return key_.empty(); }
    ByteView bytes() const noexcept { return key_.view(); }
    std::uint64_t id() const noexcept { return id_; }
    /// id() as the 8 wire bytes that prefix every encrypted message.
    std::array<std::uint8_t, 8> id_bytes() const noexcept;

  private:
    SecureBuffer key_;
    std::uint64_t id_ = 0;
};

/// Compares in time independent of where the contents differ (sizes may leak).
bool constant_time_equal(ByteView a, ByteView b) noexcept;
/// Zeroes memory in a way the compiler cannot elide.
void secure_zero(MutableByteView data) noexcept;
/// RLIMIT_CORE = 0 and PR_SET_DUMPABLE = 0 so secrets never reach a core file.
/// Returns false if either call failed.
bool disable_core_dumps() noexcept;

}  // namespace tgs::crypto
