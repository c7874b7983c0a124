// A child rewrites one session file in a loop and is SIGKILLed at random moments; after every
// kill the file must open and hold one complete, self-consistent version.
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <random>

#include "../session_test_util.hpp"
#include "tgs/session/lock.hpp"
#include "tgs/session/store.hpp"

namespace tgs::session::test {
namespace {

// Version n: every field derived from n, so a torn write would show as a mismatch.
SessionData version(std::uint32_t n) {
    SessionData d;
    d.dc_id = 1 + static_cast<int>(n % 5);
    d.server_address = "10.0." + std::to_string((n / 250) % 250) + "." + std::to_string(n % 250);
    d.port = 1000 + static_cast<int>(n % 30000);
    d.auth_key.emplace(key_bytes(static_cast<std::uint8_t>(n)));
    d.takeout_id = n;
    d.state = UpdateState{static_cast<std::int32_t>(n), 1, 1700000000 + n, 2, {}};
    return d;
}

class CrashSafety : public TempDir {};

TEST_F(CrashSafety, SigkillDuringWritesNeverLeavesABrokenFile) {
    const auto p = path("crash.session");
    save(p, version(0), Format::Telethon);
    auto* counter = static_cast<std::atomic<std::uint32_t>*>(
        ::mmap(nullptr, sizeof(std::atomic<std::uint32_t>), PROT_READ | PROT_WRITE,
               MAP_SHARED | MAP_ANONYMOUS, -1, 0));
    ASSERT_NE(counter, MAP_FAILED);
    new (counter) std::atomic<std::uint32_t>(0);
    std::mt19937 rng(12345);
    std::uint32_t next = 1;
    int rounds = 0;
    while (counter->load() < 500 || rounds < 40) {
        ++rounds;
        const std::uint32_t start = next;
        const pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            for (std::uint32_t n = start;; ++n) {
                SessionLock lock(p, std::chrono::seconds(5));
                save(p, version(n), Format::Telethon);
                counter->fetch_add(1);
            }
        }
        ::usleep(std::uniform_int_distribution<int>(500, 60000)(rng));
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
        next = start + 100000;  // each round writes a fresh range of versions

        const auto got = open_read_only(p).data;
        ASSERT_TRUE(got.takeout_id);
        const auto n = static_cast<std::uint32_t>(*got.takeout_id);
        const auto want = version(n);
        ASSERT_EQ(got.dc_id, want.dc_id) << "round " << rounds;
        ASSERT_EQ(got.server_address, want.server_address);
        ASSERT_EQ(got.port, want.port);
        ASSERT_EQ(got.auth_key, want.auth_key);
        ASSERT_EQ(got.state, want.state);
    }
    RecordProperty("writes", static_cast<int>(counter->load()));
    RecordProperty("kills", rounds);
    EXPECT_GE(counter->load(), 500u);
    ::munmap(counter, sizeof(std::atomic<std::uint32_t>));
}

}  // namespace
}  // namespace tgs::session::test
