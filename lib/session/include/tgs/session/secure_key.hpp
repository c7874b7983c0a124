// The auth key as the session model holds it: a copyable value over tgs::crypto::SecureBuffer
// (libsodium guarded memory), so SessionData stays an ordinary copyable, comparable struct.
#pragma once

#include <cstddef>

#include "tgs/bytes.hpp"
#include "tgs/crypto/secure.hpp"

namespace tgs::session {

/// Exactly 256 bytes in secure memory. Copying makes a second secure copy; comparison is
/// constant-time.
class AuthKeyBytes {
  public:
    static constexpr std::size_t kSize = 256;
    /// Throws SESSION_KEY_INVALID unless `key` is 256 bytes.
    explicit AuthKeyBytes(ByteView key);
    AuthKeyBytes(const AuthKeyBytes& other) : buf_(other.buf_.clone()) {}
    AuthKeyBytes& operator=(const AuthKeyBytes& other);
    AuthKeyBytes(AuthKeyBytes&&) noexcept = default;
    AuthKeyBytes& operator=(AuthKeyBytes&&) noexcept = default;
    ~AuthKeyBytes() = default;

    ByteView view() const noexcept { return buf_.view(); }
    /// True when every byte is zero (Telethon treats such a key as "no key").
    bool all_zero() const noexcept;
    friend bool operator==(const AuthKeyBytes& a, const AuthKeyBytes& b) noexcept {
        return crypto::constant_time_equal(a.view(), b.view());
    }

  private:
    crypto::SecureBuffer buf_;
};

}  // namespace tgs::session
