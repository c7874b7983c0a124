#include "tgs/session/secure_key.hpp"

#include <sodium.h>

#include <string>

#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session {

AuthKeyBytes::AuthKeyBytes(ByteView key) {
    if (key.size() != kSize) {
        throw Error(std::string(errc::key_invalid),
                    "auth key must be 256 bytes, got " + std::to_string(key.size()));
    }
    buf_ = crypto::SecureBuffer(key);
}

AuthKeyBytes& AuthKeyBytes::operator=(const AuthKeyBytes& other) {
    if (this != &other) buf_ = other.buf_.clone();
    return *this;
}

bool AuthKeyBytes::all_zero() const noexcept {
    return sodium_is_zero(buf_.data(), buf_.size()) == 1;  // constant-time
}

}  // namespace tgs::session
