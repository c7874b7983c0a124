#include "secure_alloc.hpp"

#include <sodium.h>

#include <mutex>
#include <new>
#include <utility>
#include <vector>

#include "tgs/crypto/errors.hpp"
#include "tgs/error.hpp"

namespace tgs::crypto::detail {

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

// Small buffers share arenas of kSlotsPerArena slots: one sodium_malloc (one mapping with its
// guard pages, one mlock, excluded from core dumps) instead of one per buffer. A login holds
// about six small secrets at once; as separate allocations they cost ~36 system calls, the
// mprotect calls each a TLB flush on every CPU running the process's other thread. What is
// lost is a guard page between two secrets of the same arena: no code here writes past a
// buffer's size (every access goes through its span), and the arena keeps guard pages and
// libsodium's canary at its ends. Slots are zeroed when released; arenas live as long as the
// process (like the recycled blocks above).
class SlotPool {
  public:
    std::uint8_t* take() {
        std::lock_guard lock(mutex_);
        if (free_.empty()) grow();
        auto* slot = free_.back();
        free_.pop_back();
        return slot;
    }
    void give(std::uint8_t* slot) noexcept {
        sodium_memzero(slot, kSecureSlotSize);
        std::lock_guard lock(mutex_);
        free_.push_back(slot);  // capacity reserved in grow(): no allocation here
    }

  private:
    static constexpr std::size_t kSlotsPerArena = 64;  // 16 KiB of locked memory

    void grow() {
        ensure_sodium();
        auto* arena = static_cast<std::uint8_t*>(sodium_malloc(kSlotsPerArena * kSecureSlotSize));
        if (arena == nullptr) throw std::bad_alloc();
        sodium_memzero(arena, kSlotsPerArena * kSecureSlotSize);  // sodium_malloc fills with 0xdb
        slots_ += kSlotsPerArena;
        free_.reserve(slots_);
        for (std::size_t i = kSlotsPerArena; i-- > 0;) free_.push_back(arena + i * kSecureSlotSize);
    }

    std::mutex mutex_;
    std::vector<std::uint8_t*> free_;
    std::size_t slots_ = 0;
};

// Never destroyed: buffers in static objects may be released after any destructor ran.
SlotPool& slots() {
    static auto* p = new SlotPool;
    return *p;
}

}  // namespace

std::uint8_t* secure_alloc(std::size_t size) {
    if (size <= kSecureSlotSize) return slots().take();
    if (auto* p = recycler().take(size)) return p;
    ensure_sodium();
    // sodium_malloc adds guard pages and mlock()s the region; it fills with 0xdb, so zero it.
    auto* p = static_cast<std::uint8_t*>(sodium_malloc(size));
    if (p == nullptr) throw std::bad_alloc();
    sodium_memzero(p, size);
    return p;
}

void secure_free(std::uint8_t* p, std::size_t size) noexcept {
    if (size <= kSecureSlotSize) {
        slots().give(p);
    } else {
        recycler().give(p, size);
    }
}

}  // namespace tgs::crypto::detail
