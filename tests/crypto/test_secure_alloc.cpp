// Where SecureBuffer's memory comes from (lib/crypto/src/secure_alloc.cpp): a buffer given back
// twice stops the process as sodium_free would, slots are aligned, past RLIMIT_MEMLOCK the
// buffers still work (unlocked, as libsodium leaves them), threads share the pools safely, and
// thousands of sessions' worth of secrets leave the process with no more mappings than the
// first hundred did.
#include <gtest/gtest.h>
#include <linux/capability.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "secure_alloc.hpp"
#include "tgs/crypto/secure.hpp"

namespace {

using tgs::Bytes;
namespace crypto = tgs::crypto;
namespace detail = tgs::crypto::detail;

bool all_zero(const crypto::SecureBuffer& b) {
    return Bytes(b.view().begin(), b.view().end()) == Bytes(b.size(), 0);
}

TEST(SecureAllocDeathTest, SlotGivenBackTwiceAborts) {
    EXPECT_DEATH(
        {
            auto* p = detail::secure_alloc(32);
            detail::secure_free(p, 32);
            detail::secure_free(p, 32);
        },
        "");
}

TEST(SecureAllocDeathTest, SlotNeverHandedOutAborts) {
    EXPECT_DEATH(
        {
            auto* p = detail::secure_alloc(32);
            detail::secure_free(p + 1, 32);
        },
        "");
}

TEST(SecureAllocDeathTest, BlockGivenBackTwiceAborts) {
    EXPECT_DEATH(
        {
            auto* p = detail::secure_alloc(1000);
            detail::secure_free(p, 1000);
            detail::secure_free(p, 1000);
        },
        "");
}

TEST(SecureAlloc, SlotsAreAlignedForAnyType) {
    std::vector<crypto::SecureBuffer> held;
    for (std::size_t i = 0; i < 200; ++i) {
        held.emplace_back(1 + i % detail::kSecureSlotSize);
        EXPECT_EQ(reinterpret_cast<std::uintptr_t>(held.back().data()) % alignof(std::max_align_t),
                  0U);
    }
}

// Drops CAP_IPC_LOCK from this process's effective set (root ignores RLIMIT_MEMLOCK with it).
bool drop_ipc_lock() {
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2]{};
    if (syscall(SYS_capget, &header, data) != 0) return false;
    data[CAP_IPC_LOCK / 32].effective &= ~(1U << (CAP_IPC_LOCK % 32));
    return syscall(SYS_capset, &header, data) == 0;
}

// The child's exit when mlock works despite the limit: AddressSanitizer replaces mlock with a
// no-op that succeeds, so there is no failing mlock to test there.
constexpr int kMlockWorks = 77;

// In a child: RLIMIT_MEMLOCK 0, so every mlock fails; exits 0 when buffers of both kinds (slots
// and blocks) are still handed out zeroed, hold what is written and come back zeroed.
void use_buffers_past_memlock_limit() {
    if (!drop_ipc_lock()) std::_Exit(2);
    const rlimit none{0, 0};
    if (setrlimit(RLIMIT_MEMLOCK, &none) != 0) std::_Exit(3);
    const long page = sysconf(_SC_PAGESIZE);
    void* probe = mmap(nullptr, static_cast<std::size_t>(page), PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (probe == MAP_FAILED) std::_Exit(4);
    if (mlock(probe, static_cast<std::size_t>(page)) == 0) std::_Exit(kMlockWorks);
    for (int round = 0; round < 2; ++round) {
        std::vector<crypto::SecureBuffer> held;
        for (std::size_t i = 0; i < 300; ++i) {  // several arenas, and blocks of 3 sizes
            held.emplace_back(i % 4 == 0 ? 1000 + i % 3 : 256);
            if (!all_zero(held.back())) std::_Exit(5);
            std::fill(held.back().data(), held.back().data() + held.back().size(), 0x5A);
        }
        for (const auto& b : held)
            if (Bytes(b.view().begin(), b.view().end()) != Bytes(b.size(), 0x5A)) std::_Exit(6);
    }
    std::_Exit(0);
}

TEST(SecureAlloc, BuffersWorkUnlockedPastMemlockLimit) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) use_buffers_past_memlock_limit();
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    if (WEXITSTATUS(status) == kMlockWorks) GTEST_SKIP() << "mlock does not fail here (ASan?)";
    EXPECT_EQ(WEXITSTATUS(status), 0);
}

// Threads taking and giving back slots and blocks at once: every buffer starts zeroed (no other
// thread's secret left in it) and keeps what its owner wrote while the others churn.
bool all_equal(const crypto::SecureBuffer& b, std::uint8_t value) {
    return std::all_of(b.data(), b.data() + b.size(),
                       [value](std::uint8_t c) { return c == value; });
}

// One thread's churn: the number of buffers that did not start zeroed or did not keep its mark.
int churn(int thread) {
    const auto mark = static_cast<std::uint8_t>(0x10 + thread);
    const std::array<std::size_t, 4> sizes{32, 256, 64, 700 + static_cast<std::size_t>(thread)};
    int bad = 0;
    for (int i = 0; i < 20000; ++i) {
        std::array<crypto::SecureBuffer, 4> held;
        for (std::size_t k = 0; k < sizes.size(); ++k) {
            held[k] = crypto::SecureBuffer(sizes[k]);
            if (!all_equal(held[k], 0)) ++bad;
            std::fill(held[k].data(), held[k].data() + held[k].size(), mark);
        }
        for (const auto& b : held)
            if (!all_equal(b, mark)) ++bad;
    }
    return bad;
}

TEST(SecureAlloc, ThreadsShareArenasSafely) {
    std::array<int, 4> bad{};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([t, &bad] { bad[static_cast<std::size_t>(t)] = churn(t); });
    for (auto& th : threads) th.join();
    EXPECT_EQ(bad, (std::array<int, 4>{}));
}

std::size_t mappings() {
    std::ifstream maps("/proc/self/maps");
    std::size_t n = 0;
    for (std::string line; std::getline(maps, line);) ++n;
    return n;
}

// One status check's secrets: an auth key and a few small ones, plus a sealed file's plaintext
// (a block whose size varies with the session), 128 checks in flight.
void check_sessions(int count) {
    std::vector<std::vector<crypto::SecureBuffer>> in_flight(128);
    for (int i = 0; i < count; ++i) {
        auto& slot = in_flight[static_cast<std::size_t>(i) % in_flight.size()];
        slot.clear();
        slot.emplace_back(256);
        slot.emplace_back(32);
        slot.emplace_back(64);
        slot.emplace_back(static_cast<std::size_t>(300 + i % 7));
    }
}

TEST(SecureAlloc, MappingsDoNotGrowWithSessions) {
    check_sessions(500);  // warm up: the arenas and kept blocks a fleet of this width needs
    const std::size_t before = mappings();
    check_sessions(5000);
    EXPECT_LE(mappings(), before + 4) << "locked memory grows with the number of sessions";
}

}  // namespace
