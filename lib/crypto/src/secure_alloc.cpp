#include "secure_alloc.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <map>
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

// A pointer given back that this allocator did not hand out, or gave back twice: a bug in the
// caller that would hand one secret's memory to two owners. sodium_free aborts on the same
// misuse (or faults on an unmapped block), so this does too.
[[noreturn]] void misuse() noexcept {
    std::abort();
}

// Released guarded blocks, zeroed, kept for the next buffer of the same size: each
// sodium_malloc is a new mapping (mmap, mprotect, mlock, page faults) and each sodium_free
// the reverse, paid per file when reading thousands of session files (one auth key each). Guard
// pages, mlock and zeroing on release are unchanged; at most kKept blocks wait here. What is
// deferred is libsodium's canary check, made by sodium_free: a kept block is checked when it is
// finally let go, not at every release.
class Recycler {
  public:
    Recycler() { blocks_.reserve(kKept); }  // give() never allocates

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
    void give(std::uint8_t* p, std::size_t size) noexcept {
        sodium_memzero(p, size);
        {
            std::lock_guard lock(mutex_);
            const auto same = [p](const auto& b) { return b.first == p; };
            if (std::any_of(blocks_.begin(), blocks_.end(), same)) misuse();  // given back twice
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
// lost is a guard page between two secrets of the same arena, and libsodium's canary check
// (arenas are never given back to sodium_free): no code here writes past a buffer's size (every
// access goes through its span), and the arena's last slot still ends at a guard page. Each
// arena records which of its slots are handed out, so a slot given back twice is caught (see
// misuse()). Slots are zeroed when released; arenas live as long as the process (like the
// recycled blocks above), so their number follows the most small secrets held at once, never
// how many were made.
class SlotPool {
  public:
    std::uint8_t* take() {
        std::lock_guard lock(mutex_);
        if (free_.empty()) grow();
        auto* slot = free_.back();
        free_.pop_back();
        const auto [arena, index] = find(slot);
        arena->in_use |= bit(index);
        return slot;
    }
    void give(std::uint8_t* slot) noexcept {
        std::lock_guard lock(mutex_);
        const auto [arena, index] = find(slot);
        if (arena == nullptr || (arena->in_use & bit(index)) == 0) misuse();
        arena->in_use &= ~bit(index);
        sodium_memzero(slot, kSecureSlotSize);
        free_.push_back(slot);  // capacity reserved in grow(): no allocation here
    }

  private:
    // 63 slots and libsodium's 16-byte canary fill four pages exactly (64 slots would take a
    // fifth, locked, for the canary alone). The first slot then starts 256 bytes into the
    // mapping, so every slot is 256-byte aligned.
    static constexpr std::size_t kSlotsPerArena = 63;
    static constexpr std::size_t kArenaBytes = kSlotsPerArena * kSecureSlotSize;
    static_assert(kSlotsPerArena <= 64, "in_use is one bit per slot");

    struct Arena {
        std::uint64_t in_use = 0;
    };
    struct Found {
        Arena* arena;
        std::size_t index;
    };
    static std::uint64_t bit(std::size_t index) { return std::uint64_t{1} << index; }

    // The arena holding `p` and the slot's index there; {nullptr, 0} when `p` is no slot's
    // start.
    Found find(const std::uint8_t* p) {
        const auto at = reinterpret_cast<std::uintptr_t>(p);
        auto it = arenas_.upper_bound(at);
        if (it == arenas_.begin()) return {nullptr, 0};
        --it;
        const std::uintptr_t offset = at - it->first;
        if (offset >= kArenaBytes || offset % kSecureSlotSize != 0) return {nullptr, 0};
        return {&it->second, offset / kSecureSlotSize};
    }

    void grow() {
        ensure_sodium();
        free_.reserve(slots_ + kSlotsPerArena);
        auto* arena = static_cast<std::uint8_t*>(sodium_malloc(kArenaBytes));
        if (arena == nullptr) throw std::bad_alloc();
        try {
            arenas_.emplace(reinterpret_cast<std::uintptr_t>(arena), Arena{});
        } catch (...) {
            sodium_free(arena);
            throw;
        }
        sodium_memzero(arena, kArenaBytes);  // sodium_malloc fills with 0xdb
        slots_ += kSlotsPerArena;
        for (std::size_t i = kSlotsPerArena; i-- > 0;) free_.push_back(arena + i * kSecureSlotSize);
    }

    std::mutex mutex_;
    std::map<std::uintptr_t, Arena> arenas_;  // by start address, for find()
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
