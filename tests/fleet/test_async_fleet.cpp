// AsyncClient used directly: dozens of sessions log in and are checked concurrently on ONE
// io_context run by the test's own thread (the client has no thread of its own), each with its
// own connection and auth key, against the test DC (lib/testdc's Cluster on a thread of its own,
// real sockets on 127.0.0.1).
#include <gtest/gtest.h>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "in_process_dc.hpp"
#include "test_support.hpp"
#include "tgs/auth/async_client.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/error.hpp"

namespace {

using tgs::auth::AsyncClient;
using tgs::auth::AuthState;
using tgs::auth::AuthStatus;
using tgs::session::SessionData;

tgs::auth::ClientConfig config_for(const tgs::test::InProcessDc& dc, int dcs = 3) {
    tgs::auth::ClientConfig c;
    c.api_id = 12345;
    c.api_hash = "0123456789abcdef0123456789abcdef";
    for (int id = 1; id <= dcs; ++id) c.dcs[id] = {dc.host(id), dc.port(id)};
    c.rsa_keys_pem.push_back(dc.public_key_pem());
    c.timeout = std::chrono::milliseconds(10000);
    return c;
}

// Convention accounts: 99966XYYYY lives on DC X, its code is X five times. Starting every login
// on DC 1 makes the DC-2 and DC-3 accounts follow PHONE_MIGRATE.
std::string phone_of(int i) {
    const int dc = 1 + i % 3;
    return "99966" + std::to_string(dc) + std::to_string(7000 + i);
}

std::string code_of(const std::string& phone) {
    return std::string(5, phone[5]);
}

}  // namespace

TEST(AsyncFleet, ManySessionsLogInAndAreCheckedOnOneIoContext) {
    tgs::test::IoThread dc_loop;
    tgs::test::InProcessDc dc(dc_loop);
    const auto config = config_for(dc);
    constexpr int kUsers = 24;
    const int threads_before = tgs::test::threads_of_this_process();

    asio::io_context io;
    std::vector<std::optional<SessionData>> logged_in(kUsers);
    std::vector<std::int64_t> user_ids(kUsers, 0);
    int peak_threads = 0;
    for (int i = 0; i < kUsers; ++i) {
        asio::co_spawn(
            io,
            [&, i]() -> asio::awaitable<void> {
                SessionData start;
                start.dc_id = 1;
                AsyncClient client(io.get_executor(), config, start);
                const std::string phone = phone_of(i);
                auto token = co_await client.request_login_code(phone);
                auto result = co_await client.sign_in(token, code_of(phone));
                peak_threads = std::max(peak_threads, tgs::test::threads_of_this_process());
                user_ids[i] = std::get<tgs::auth::User>(result).id;
                logged_in[i] = client.session();
            },
            [](std::exception_ptr e) {
                if (e) std::rethrow_exception(e);
            });
    }
    io.run();
    // No thread besides ours was made while all those logins were in flight.
    EXPECT_EQ(peak_threads, threads_before);
    for (int i = 0; i < kUsers; ++i) {
        ASSERT_TRUE(logged_in[i]) << i;
        EXPECT_EQ(logged_in[i]->dc_id, 1 + i % 3) << "home DC follows the migration";
        EXPECT_EQ(user_ids[i], std::stoll(phone_of(i)));
    }

    // Three of them log out; three more sessions hold keys the DC never saw.
    io.restart();
    for (int i = 0; i < 3; ++i) {
        asio::co_spawn(
            io,
            [&, i]() -> asio::awaitable<void> {
                AsyncClient client(io.get_executor(), config, *logged_in[i]);
                co_await client.sign_out();
            },
            [](std::exception_ptr e) {
                if (e) std::rethrow_exception(e);
            });
    }
    io.run();
    std::vector<SessionData> sessions;
    for (auto& s : logged_in) sessions.push_back(*s);
    for (int i = 0; i < 3; ++i) {
        SessionData unknown;
        unknown.dc_id = 2;
        tgs::Bytes key(256);
        tgs::crypto::secure_random(key);
        unknown.auth_key.emplace(key);
        sessions.push_back(std::move(unknown));
    }
    sessions.push_back(SessionData{});  // no key at all: answered without the network

    // Every status check concurrently, all on this thread.
    io.restart();
    std::vector<std::optional<AuthStatus>> status(sessions.size());
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        asio::co_spawn(
            io,
            [&, i]() -> asio::awaitable<void> {
                AsyncClient client(io.get_executor(), config, sessions[i]);
                status[i] = co_await client.authorization_status();
                if (status[i]->state == AuthState::Authorized) {
                    EXPECT_NE(client.server_salt(), 0);
                }
            },
            [](std::exception_ptr e) {
                if (e) std::rethrow_exception(e);
            });
    }
    io.run();
    EXPECT_EQ(tgs::test::threads_of_this_process(), threads_before);
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        ASSERT_TRUE(status[i]) << i;
        const auto state = status[i]->state;
        if (i < 3) {
            EXPECT_EQ(state, AuthState::Unregistered) << i << ": logged out";
        } else if (i < static_cast<std::size_t>(kUsers)) {
            ASSERT_EQ(state, AuthState::Authorized) << i;
            ASSERT_TRUE(status[i]->user);
            EXPECT_EQ(status[i]->user->id, user_ids[i]);
        } else if (i < static_cast<std::size_t>(kUsers) + 3) {
            EXPECT_EQ(state, AuthState::KeyUnknown) << i;
        } else {
            EXPECT_EQ(state, AuthState::NoKey);
        }
    }
}

TEST(AsyncFleet, ClientsAbandonedMidCallAreFreedWithTheLoop) {
    // Checks still waiting for a slow DC when the caller stops its loop: destroying the
    // io_context destroys the coroutines and the clients in them (ASan checks for leaks and
    // use-after-free), and nothing was reported.
    tgs::test::IoThread dc_loop;
    tgs::testdc::ServeOptions slow;
    slow.dc_count = 1;
    slow.latency_ms = 3000;
    tgs::test::InProcessDc dc(dc_loop, slow);
    const auto config = config_for(dc, 1);
    int finished = 0;
    {
        asio::io_context io;
        for (int i = 0; i < 8; ++i) {
            asio::co_spawn(
                io,
                [&]() -> asio::awaitable<void> {
                    SessionData s;
                    s.dc_id = 1;
                    tgs::Bytes key(256);
                    tgs::crypto::secure_random(key);
                    s.auth_key.emplace(key);
                    AsyncClient client(io.get_executor(), config, s);
                    co_await client.authorization_status();
                    ++finished;
                },
                asio::detached);
        }
        io.run_for(std::chrono::milliseconds(300));
        EXPECT_FALSE(io.stopped());
    }
    EXPECT_EQ(finished, 0);
}
