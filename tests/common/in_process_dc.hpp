// The test DC inside the test process: lib/testdc's Cluster on an io_context that runs on its
// own thread, so tests drive lib/net or lib/auth against real sockets on 127.0.0.1 without
// starting tgsession-testdc. Header-only; a test using it links tgs_testdc.
#pragma once

#include <asio/co_spawn.hpp>
#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <asio/use_future.hpp>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "tgs/crypto/rsa.hpp"
#include "tgs/testdc/cluster.hpp"

namespace tgs::test {

/// Runs an io_context on its own thread for a test's duration; everything touching sockets
/// runs there (run/post below), stop() joins the thread.
class IoThread {
  public:
    IoThread() : thread_([this] { io.run(); }) {}
    ~IoThread() { stop(); }
    IoThread(const IoThread&) = delete;
    IoThread& operator=(const IoThread&) = delete;

    void stop() {
        if (!thread_.joinable()) return;
        work_.reset();
        io.stop();
        thread_.join();
    }
    bool running() const { return thread_.joinable(); }
    /// Runs a coroutine on the loop and waits for its result (exceptions propagate).
    template <class T>
    T run(asio::awaitable<T> task) {
        return asio::co_spawn(io, std::move(task), asio::use_future).get();
    }
    /// Runs `fn` on the loop and waits for it.
    template <class F>
    void post_wait(F fn) {
        asio::post(io, asio::use_future(std::move(fn))).get();
    }
    asio::io_context io;

  private:
    asio::executor_work_guard<asio::io_context::executor_type> work_{io.get_executor()};
    std::thread thread_;
};

/// One RSA key per test process: generating a 2048-bit key costs ~100 ms.
inline const crypto::RsaPrivateKey& shared_test_key() {
    static const auto key = crypto::RsaPrivateKey::generate(2048);
    return key;
}

/// A started cluster on `loop` (default: 3 DCs on free ports of 127.0.0.1, the 99966XYYYY
/// convention accounts). Stops it on the loop's thread when destroyed.
class InProcessDc {
  public:
    explicit InProcessDc(IoThread& loop, testdc::ServeOptions options = {},
                         std::optional<testdc::Accounts> accounts = std::nullopt)
        : loop_(loop) {
        const int dcs = options.dc_count;
        cluster_ = std::make_unique<testdc::Cluster>(
            loop.io, std::move(options),
            crypto::RsaPrivateKey::from_pem(shared_test_key().to_pem()),
            accounts ? std::move(*accounts) : testdc::Accounts::convention(dcs));
        loop_.post_wait([this] { cluster_->start(); });
    }
    ~InProcessDc() { stop(); }
    InProcessDc(const InProcessDc&) = delete;
    InProcessDc& operator=(const InProcessDc&) = delete;

    /// Closes the listeners and every connection (idempotent).
    void stop() {
        if (stopped_) return;
        stopped_ = true;
        if (loop_.running()) {
            loop_.post_wait([this] { cluster_->stop(); });
        } else {
            cluster_->stop();
        }
    }

    testdc::Cluster& cluster() { return *cluster_; }
    const testdc::Cluster& cluster() const { return *cluster_; }
    int port(int dc) const { return cluster_->dcs().at(static_cast<std::size_t>(dc - 1)).port; }
    std::string host(int dc) const {
        return cluster_->dcs().at(static_cast<std::size_t>(dc - 1)).host;
    }
    std::string public_key_pem() const { return cluster_->public_key_pem(); }

  private:
    IoThread& loop_;
    std::unique_ptr<testdc::Cluster> cluster_;
    bool stopped_ = false;
};

}  // namespace tgs::test
