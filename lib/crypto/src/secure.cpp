#include "tgs/crypto/secure.hpp"

#include <sodium.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <algorithm>
#include <mutex>
#include <new>
#include <utility>
#include <vector>

#include "tgs/crypto/errors.hpp"
#include "tgs/crypto/kdf.hpp"
#include "tgs/error.hpp"

namespace tgs::crypto {

namespace {
void ensure_sodium() {
    static const bool ok = sodium_init() >= 0;
    if (!ok) throw Error(errc::internal, "libsodium failed to initialise");
}

// Released guarded blocks, zeroed, kept for the next buffer of the same size: each
// sodium_malloc is a new mapping (mmap, mprotect, mlock, page faults) and each sodium_free
// the reverse, paid per file when reading thousands of session files (one auth key each). Guard
// pages, mlock and zeroing on release are unchanged; at most kKept blocks wait here.
class Recycler {
  public:
    std::uint8_t* take(std::size_t size) {
        std::lock_guard lock(mutex_);
        for (auto it = blocks_.begin(); it != blocks_.end(); ++it) {
            if (it->second == size) {
                auto* p = it->first;
                blocks_.erase(it);
                return p;
            }
        }
        return nullptr;
    }
    void give(std::uint8_t* p, std::size_t size) {
        sodium_memzero(p, size);
        {
            std::lock_guard lock(mutex_);
            if (blocks_.size() < kKept) {
                blocks_.emplace_back(p, size);
                return;
            }
        }
        sodium_free(p);
    }

  private:
    // A fleet check has up to 128 sessions in flight (status --jobs), each holding a few keys;
    // fewer kept blocks than that made every check pay ~30 mmap/mprotect/mlock calls again.
    // A kept block is one locked page (4 KiB): 1024 are 4 MiB, under the usual 8 MiB
    // RLIMIT_MEMLOCK.
    static constexpr std::size_t kKept = 1024;
    std::mutex mutex_;
    std::vector<std::pair<std::uint8_t*, std::size_t>> blocks_;
};

// Never destroyed: buffers in static objects may be released after any destructor ran.
Recycler& recycler() {
    static auto* r = new Recycler;
    return *r;
}
}  // namespace

SecureBuffer::SecureBuffer(std::size_t size) {
    if (size == 0) return;
    auto* p = recycler().take(size);
    if (p == nullptr) {
        ensure_sodium();
        // sodium_malloc adds guard pages and mlock()s the region; it fills with 0xdb, so zero it.
        p = static_cast<std::uint8_t*>(sodium_malloc(size));
        if (p == nullptr) throw std::bad_alloc();
        sodium_memzero(p, size);
    }
    data_ = p;
    size_ = size;
}

SecureBuffer::SecureBuffer(ByteView data) : SecureBuffer(data.size()) {
    if (!data.empty()) std::copy(data.begin(), data.end(), data_);
}

// Zeroed before it is kept for reuse (or sodium_free zeroes and munlocks it).
SecureBuffer::~SecureBuffer() {
    if (data_ != nullptr) recycler().give(data_, size_);
}

SecureBuffer::SecureBuffer(SecureBuffer&& other) noexcept : data_(other.data_), size_(other.size_) {
    other.data_ = nullptr;
    other.size_ = 0;
}

SecureBuffer& SecureBuffer::operator=(SecureBuffer&& other) noexcept {
    if (this != &other) {
        if (data_ != nullptr) recycler().give(data_, size_);
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
