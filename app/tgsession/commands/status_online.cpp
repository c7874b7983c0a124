#include "status_online.hpp"

#include <sched.h>

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>

namespace tgsession {
namespace {

// Tries after a resource error: waits of 25, 50, 100, 200 ms let other checks finish and give
// their descriptors back.
constexpr int kResourceRetries = 4;
// Below this many files a second thread costs more than it saves.
constexpr std::size_t kFilesPerExtraThread = 256;
constexpr unsigned kMaxThreads = 8;

unsigned usable_cpus() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(0, sizeof set, &set) == 0) {
        return static_cast<unsigned>(std::max(1, CPU_COUNT(&set)));
    }
    return std::max(1U, std::thread::hardware_concurrency());
}

}  // namespace

unsigned online_threads(std::size_t files, int jobs) {
    std::size_t n = std::min<std::size_t>(usable_cpus(), kMaxThreads);
    n = std::min<std::size_t>(n, static_cast<std::size_t>(std::max(jobs, 1)));
    n = std::min<std::size_t>(n, std::max<std::size_t>(1, files / kFilesPerExtraThread));
    return static_cast<unsigned>(n);
}

void run_online_checks(const tgs::auth::ClientConfig& config, int jobs, SessionReader& reader,
                       const StatusSinkFn& report) {
    const std::size_t count = reader.size();
    // Half of a check's CPU is the kernel's TCP work (connect, send, reset) charged to this
    // process, so one thread tops out at about one core's worth of checks: one io_context
    // per usable CPU, each on its own thread with its share of the workers (no locking
    // inside asio; the only shared state is the next index, the reader and the report).
    const unsigned threads = online_threads(count, jobs);
    const auto workers = std::min<std::size_t>(static_cast<std::size_t>(std::max(jobs, 1)), count);
    std::atomic<std::size_t> next{0};
    std::mutex report_mutex;
    std::exception_ptr failure;  // a bug, not a file's result: rethrown for main to report

    auto run_one = [&](std::size_t thread_index) {
        asio::io_context io(1);  // one thread per io_context
        // Each worker takes the next file when its previous check is done, so at most `jobs`
        // connections exist at any moment however many files there are.
        auto worker = [&]() -> asio::awaitable<void> {
            asio::steady_timer backoff(io);
            for (;;) {
                const std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
                if (i >= count) break;
                StatusResult result;
                for (int attempt = 0;; ++attempt) {
                    result = co_await check_online(config, reader, i);
                    if (!result.resource_error() || attempt == kResourceRetries) break;
                    backoff.expires_after(std::chrono::milliseconds(25 << attempt));
                    co_await backoff.async_wait(asio::use_awaitable);
                }
                const std::lock_guard lock(report_mutex);
                report(i, std::move(result));
            }
        };
        // Workers dealt round-robin: thread t gets workers t, t + threads, ...
        for (std::size_t w = thread_index; w < workers; w += threads) {
            asio::co_spawn(io, worker(), [&](std::exception_ptr e) {
                if (!e) return;
                const std::lock_guard lock(report_mutex);
                if (!failure) failure = e;
            });
        }
        io.run();
    };

    std::vector<std::thread> extra;
    try {
        for (unsigned t = 1; t < threads; ++t) extra.emplace_back(run_one, t);
    } catch (const std::system_error&) {
        // No thread to be had: the threads that exist do all the work.
    }
    run_one(0);
    for (auto& t : extra) t.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace tgsession
