// A test DC cluster and lib/auth clients on one io_context, driven from the test's thread:
// run() spawns a coroutine and turns the loop until it finishes, so the server's handlers and
// the client's run interleaved on this one thread (no locks, no sleeps).
#pragma once

#include <gtest/gtest.h>

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "in_process_dc.hpp"
#include "tgs/auth/async_client.hpp"
#include "tgs/error.hpp"
#include "tgs/rpc_error.hpp"
#include "tgs/session/session_data.hpp"
#include "tgs/testdc/cluster.hpp"

namespace tgs::auth::test {

class AuthDc {
  public:
    explicit AuthDc(testdc::ServeOptions options = {},
                    std::optional<testdc::Accounts> accounts = std::nullopt) {
        const int dcs = options.dc_count;
        cluster_ = std::make_unique<testdc::Cluster>(
            io, std::move(options),
            crypto::RsaPrivateKey::from_pem(tgs::test::shared_test_key().to_pem()),
            accounts ? std::move(*accounts) : testdc::Accounts::convention(dcs));
        cluster_->start();
    }
    ~AuthDc() {
        cluster_->stop();
        io.poll();  // let the closed connections finish their handlers
    }
    AuthDc(const AuthDc&) = delete;
    AuthDc& operator=(const AuthDc&) = delete;

    testdc::Cluster& cluster() { return *cluster_; }
    int port(int dc) const { return cluster_->dcs().at(static_cast<std::size_t>(dc - 1)).port; }

    /// A client config that knows every DC of the cluster and its key.
    ClientConfig config() const {
        ClientConfig c;
        c.api_id = 12345;
        c.api_hash = "0123456789abcdef0123456789abcdef";
        for (const auto& dc : cluster_->dcs()) c.dcs[dc.id] = Endpoint{dc.host, dc.port};
        c.rsa_keys_pem.push_back(cluster_->public_key_pem());
        c.timeout = std::chrono::milliseconds(5000);
        return c;
    }
    /// A session with no key that starts on `dc`.
    session::SessionData fresh_session(int dc) const {
        session::SessionData s;
        s.dc_id = dc;
        s.server_address = "127.0.0.1";
        s.port = port(dc);
        return s;
    }
    std::unique_ptr<AsyncClient> client(int dc) {
        return std::make_unique<AsyncClient>(io.get_executor(), config(), fresh_session(dc));
    }
    std::unique_ptr<AsyncClient> client(ClientConfig c, session::SessionData s) {
        return std::make_unique<AsyncClient>(io.get_executor(), std::move(c), std::move(s));
    }

    /// Runs `task` on the loop until it completes; its exception propagates.
    /// (Not asio::use_future: its completion runs on asio's system thread pool, so the result
    /// could arrive after this thread went back to waiting on a loop with nothing left to do.)
    template <class T>
    T run(asio::awaitable<T> task) {
        bool done = false;
        std::exception_ptr error;
        std::optional<T> value;
        asio::co_spawn(io, std::move(task), [&](std::exception_ptr e, T v) {
            error = e;
            if (!e) value.emplace(std::move(v));
            done = true;
        });
        while (!done) io.run_one();
        if (error) std::rethrow_exception(error);
        return std::move(*value);
    }
    void run(asio::awaitable<void> task) {
        bool done = false;
        std::exception_ptr error;
        asio::co_spawn(io, std::move(task), [&](std::exception_ptr e) {
            error = e;
            done = true;
        });
        while (!done) io.run_one();
        if (error) std::rethrow_exception(error);
    }

    /// The error name (RpcError) or code (tgs::Error) `task` fails with; "" when it succeeds.
    template <class T>
    std::string failure(asio::awaitable<T> task) {
        try {
            run(std::move(task));
        } catch (const RpcError& e) {
            return e.name();
        } catch (const Error& e) {
            return e.code();
        }
        return "";
    }

    asio::io_context io;

  private:
    std::unique_ptr<testdc::Cluster> cluster_;
};

/// An accounts file with one user: Ann on DC 2, code 24680, 2FA password "hunter2".
inline testdc::Accounts ann_on_dc2(int dc_count = 3) {
    return testdc::Accounts::from_json(
        R"({"users": [{"phone": "15550001111", "first_name": "Ann", "username": "ann",
            "dc": 2, "code": "24680", "password": "hunter2", "hint": "pet"}]})",
        dc_count);
}

}  // namespace tgs::auth::test
