#include "status_online.hpp"

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>
#include <chrono>

namespace tgsession {
namespace {

// Tries after a resource error: waits of 25, 50, 100, 200 ms let other checks finish and give
// their descriptors back.
constexpr int kResourceRetries = 4;

}  // namespace

void run_online_checks(const std::vector<std::string>& paths, const tgs::auth::ClientConfig& config,
                       int jobs, SessionReader& reader, const StatusSinkFn& report) {
    asio::io_context io(1);  // one thread: no locking inside asio
    std::size_t next = 0;
    // Each worker takes the next file when its previous check is done, so at most `jobs`
    // connections exist at any moment however many files there are.
    auto worker = [&]() -> asio::awaitable<void> {
        asio::steady_timer backoff(io);
        while (next < paths.size()) {
            const std::size_t i = next++;
            StatusResult result;
            for (int attempt = 0;; ++attempt) {
                result = co_await check_online(config, reader, paths[i]);
                if (!result.resource_error() || attempt == kResourceRetries) break;
                backoff.expires_after(std::chrono::milliseconds(25 << attempt));
                co_await backoff.async_wait(asio::use_awaitable);
            }
            report(i, std::move(result));
        }
    };
    const auto workers =
        std::min<std::size_t>(static_cast<std::size_t>(std::max(jobs, 1)), paths.size());
    for (std::size_t w = 0; w < workers; ++w) {
        asio::co_spawn(io, worker(), [](std::exception_ptr e) {
            if (e) std::rethrow_exception(e);  // a bug, not a file's result: let main report it
        });
    }
    io.run();
}

}  // namespace tgsession
