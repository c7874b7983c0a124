#include "tgs/session/secure_key.hpp"

#include <sodium.h>

#include <cstring>
#include <new>

#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session {
namespace {
std::uint8_t* secure_alloc(std::size_t n) {
    if (sodium_init() < 0) throw std::bad_alloc();
    auto* p = static_cast<std::uint8_t*>(sodium_malloc(n == 0 ? 1 : n));
    if (p == nullptr) throw std::bad_alloc();
    return p;
}
}  // namespace

SecureBuffer::SecureBuffer(std::size_t size) : data_(secure_alloc(size)), size_(size) {
    sodium_memzero(data_, size_);
}

SecureBuffer::SecureBuffer(ByteView data) : SecureBuffer(data.size()) {
    if (!data.empty()) std::memcpy(data_, data.data(), data.size());
}

SecureBuffer::SecureBuffer(const SecureBuffer& other) : SecureBuffer(other.view()) {
    if (other.data_ == nullptr) {
        sodium_free(data_);
        data_ = nullptr;
    }
}

SecureBuffer::SecureBuffer(SecureBuffer&& other) noexcept : data_(other.data_), size_(other.size_) {
    other.data_ = nullptr;
    other.size_ = 0;
}

SecureBuffer& SecureBuffer::operator=(const SecureBuffer& other) {
    if (this != &other) *this = SecureBuffer(other);
    return *this;
}

SecureBuffer& SecureBuffer::operator=(SecureBuffer&& other) noexcept {
    if (this != &other) {
        if (data_ != nullptr) sodium_free(data_);  // sodium_free wipes before releasing
        data_ = other.data_;
        size_ = other.size_;
        other.data_ = nullptr;
        other.size_ = 0;
    }
    return *this;
}

SecureBuffer::~SecureBuffer() {
    if (data_ != nullptr) sodium_free(data_);
}

AuthKeyBytes::AuthKeyBytes(ByteView key) {
    if (key.size() != kSize) {
        throw Error(std::string(errc::key_invalid),
                    "auth key must be 256 bytes, got " + std::to_string(key.size()));
    }
    buf_ = SecureBuffer(key);
}

bool AuthKeyBytes::all_zero() const noexcept {
    return sodium_is_zero(buf_.data(), buf_.size()) == 1;
}

bool operator==(const AuthKeyBytes& a, const AuthKeyBytes& b) noexcept {
    return a.buf_.size() == b.buf_.size() &&
           sodium_memcmp(a.buf_.data(), b.buf_.data(), a.buf_.size()) == 0;
}

}  // namespace tgs::session
