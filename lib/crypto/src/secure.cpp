#include "tgs/crypto/secure.hpp"

#include <sodium.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <algorithm>
#include <utility>

#include "secure_alloc.hpp"
#include "tgs/crypto/errors.hpp"
#include "tgs/crypto/kdf.hpp"
#include "tgs/error.hpp"

namespace tgs::crypto {

SecureBuffer::SecureBuffer(std::size_t size) {
    if (size == 0) return;
    data_ = detail::secure_alloc(size);
    size_ = size;
}

SecureBuffer::SecureBuffer(ByteView data) : SecureBuffer(data.size()) {
    if (!data.empty()) std::copy(data.begin(), data.end(), data_);
}

// Zeroed before it is kept for reuse (secure_alloc.cpp).
SecureBuffer::~SecureBuffer() {
    if (data_ != nullptr) detail::secure_free(data_, size_);
}

SecureBuffer::SecureBuffer(SecureBuffer&& other) noexcept : data_(other.data_), size_(other.size_) {
    other.data_ = nullptr;
    other.size_ = 0;
}

SecureBuffer& SecureBuffer::operator=(SecureBuffer&& other) noexcept {
    if (this != &other) {
        if (data_ != nullptr) detail::secure_free(data_, size_);
        data_ = other.data_;
        size_ = other.size_;
        other.data_ = nullptr;
        other.size_ = 0;
    }
    return *this;
}

SecureBuffer SecureBuffer::clone() const {
    return SecureBuffer(view());
}

AuthKey::AuthKey(ByteView key) {
    if (key.size() != kSize) throw Error(errc::auth_key_invalid, "auth key must be 256 bytes");
    key_ = SecureBuffer(key);
    id_ = auth_key_id(key_.view());
}

AuthKey AuthKey::clone() const {
    AuthKey copy;
    copy.key_ = key_.clone();
    copy.id_ = id_;
    return copy;
}

std::array<std::uint8_t, 8> AuthKey::id_bytes() const noexcept {
    std::array<std::uint8_t, 8> out{};
    for (int i = 0; i < 8; ++i)
        out[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(id_ >> (8 * i));
    return out;
}

bool constant_time_equal(ByteView a, ByteView b) noexcept {
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

void secure_zero(MutableByteView data) noexcept {
    if (!data.empty()) sodium_memzero(data.data(), data.size());
}

bool disable_core_dumps() noexcept {
    bool ok = true;
    rlimit none{0, 0};
    if (setrlimit(RLIMIT_CORE, &none) != 0) ok = false;
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) ok = false;
    return ok;
}

}  // namespace tgs::crypto
