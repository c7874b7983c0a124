// The blocking auth::Client, which runs its io_context on the calling thread for each call:
// against the in-process test DC (on a thread of its own), a login whose wrong code fails one
// call and leaves the next working, calls made from different threads one after another, and a
// call that would overlap another (from a second thread, or from a callback inside a call)
// failing with std::logic_error instead of racing on the connection.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>

#include "in_process_dc.hpp"
#include "test_support.hpp"
#include "tgs/auth/client.hpp"
#include "tgs/error.hpp"
#include "tgs/rpc_error.hpp"

namespace {

using namespace tgs;
using namespace tgs::auth;

ClientConfig config_for(const test::InProcessDc& dc) {
    ClientConfig c;
    c.api_id = 12345;
    c.api_hash = "0123456789abcdef0123456789abcdef";
    for (int id = 1; id <= 3; ++id) c.dcs[id] = Endpoint{dc.host(id), dc.port(id)};
    c.rsa_keys_pem.push_back(dc.public_key_pem());
    c.timeout = std::chrono::milliseconds(10000);
    return c;
}

session::SessionData fresh_session(const test::InProcessDc& dc, int id) {
    session::SessionData s;
    s.dc_id = id;
    s.server_address = dc.host(id);
    s.port = dc.port(id);
    return s;
}

TEST(BlockingClient, AFailedCallLeavesTheNextWorkingWithNoThreadOfItsOwn) {
    test::IoThread loop;
    test::InProcessDc dc(loop);
    const int threads = tgs::test::threads_of_this_process();
    Client client(config_for(dc), fresh_session(dc, 1));
    client.connect();
    // Convention: 99966 1 YYYY lives on DC 1, code 11111.
    const auto token = client.request_login_code("9996611234");
    try {
        client.sign_in(token, "12345");
        FAIL() << "a wrong code was accepted";
    } catch (const RpcError& e) {
        EXPECT_EQ(e.name(), "PHONE_CODE_INVALID");
    }
    EXPECT_TRUE(std::holds_alternative<User>(client.sign_in(token, "11111")));
    EXPECT_TRUE(client.is_authorized());
    EXPECT_EQ(tgs::test::threads_of_this_process(), threads);
}

TEST(BlockingClient, CallsComeFromDifferentThreadsOneAfterAnother) {
    test::IoThread loop;
    test::InProcessDc dc(loop);
    Client client(config_for(dc), fresh_session(dc, 1));
    // As the CLI does: connect on a helper thread while the user types, then go on here.
    std::async(std::launch::async, [&client] { client.connect(); }).get();
    const auto token = client.request_login_code("9996611234");
    const auto signed_in =
        std::async(std::launch::async, [&] { return client.sign_in(token, "11111"); }).get();
    EXPECT_TRUE(std::holds_alternative<User>(signed_in));
    EXPECT_EQ(client.authorization_status().state, AuthState::Authorized);
}

// A listening socket that is never answered: the kernel completes the TCP handshake, so a
// client connecting to it waits for its first reply until its timeout.
class SilentServer {
  public:
    SilentServer() {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
            ::listen(fd_, 8) != 0 ||
            ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
            throw std::runtime_error("cannot listen on 127.0.0.1");
        port_ = ntohs(addr.sin_port);
    }
    ~SilentServer() {
        if (accepted_ >= 0) ::close(accepted_);
        ::close(fd_);
    }
    SilentServer(const SilentServer&) = delete;
    SilentServer& operator=(const SilentServer&) = delete;

    int port() const { return port_; }
    /// True once a client has connected (within `wait`).
    bool accept_one(std::chrono::milliseconds wait) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(wait.count())) != 1) return false;
        accepted_ = ::accept(fd_, nullptr, nullptr);
        return accepted_ >= 0;
    }

  private:
    int fd_ = -1;
    int accepted_ = -1;
    int port_ = 0;
};

TEST(BlockingClient, ACallFromAnotherThreadWhileOneRunsFailsInsteadOfRacing) {
    SilentServer server;
    ClientConfig config;  // the built-in RSA keys: the silent server never gets that far
    config.api_id = 12345;
    config.api_hash = "0123456789abcdef0123456789abcdef";
    config.dcs[2] = Endpoint{"127.0.0.1", server.port()};
    config.timeout = std::chrono::milliseconds(3000);
    session::SessionData session;
    session.dc_id = 2;
    session.server_address = "127.0.0.1";
    session.port = server.port();
    Client client(config, session);

    auto connecting = std::async(std::launch::async, [&client] { client.connect(); });
    // Connected: the helper thread is inside connect(), waiting for the handshake's answer.
    ASSERT_TRUE(server.accept_one(std::chrono::milliseconds(10000)));
    EXPECT_THROW(client.is_authorized(), std::logic_error);
    EXPECT_THROW(client.disconnect(), std::logic_error);
    try {
        connecting.get();
        FAIL() << "the silent server answered";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "NET_TIMEOUT");
    }
}

TEST(BlockingClient, ACallFromACallbackInsideACallFails) {
    test::IoThread loop;
    test::InProcessDc dc(loop);
    Client client(config_for(dc), fresh_session(dc, 1));
    client.connect();
    int shown = 0;
    auto call_back_in = [&](const std::string&, std::int64_t) {
        ++shown;
        (void)client.get_me();
    };
    EXPECT_THROW(client.qr_login(call_back_in, std::chrono::seconds(5)), std::logic_error);
    EXPECT_EQ(shown, 1);
    // The failed login left the client usable.
    EXPECT_FALSE(client.is_authorized());
}

}  // namespace
