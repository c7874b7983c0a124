// Issue 11 (6): what one client may cost the test DC. Real sockets on 127.0.0.1 against the
// in-process Cluster: the connection cap, the idle timeout, and the bound on unsent answers.
#include <gtest/gtest.h>

#include <asio/connect.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/read.hpp>
#include <asio/write.hpp>
#include <chrono>
#include <thread>

#include "e2e/net_client.hpp"

namespace {

using namespace tgs;
using namespace tgs::testdc::net_test;
using tgs::test::InProcessDc;
using Clock = std::chrono::steady_clock;

testdc::ServeOptions with_limits(const testdc::Limits& limits) {
    testdc::ServeOptions o;
    o.dc_count = 1;
    o.limits = limits;
    return o;
}

/// A blocking client socket on its own io_context (the DC runs on the test's loop thread).
struct RawClient {
    asio::io_context io;
    asio::ip::tcp::socket socket{io};
    RawClient(const InProcessDc& dc) {
        socket.connect(
            {asio::ip::make_address(dc.host(1)), static_cast<unsigned short>(dc.port(1))});
    }
    /// True when the server closed the connection within `wait` (reads until EOF or timeout).
    bool closed_by_server_within(std::chrono::milliseconds wait) {
        const auto until = Clock::now() + wait;
        socket.non_blocking(true);
        std::uint8_t b[256];
        while (Clock::now() < until) {
            std::error_code ec;
            socket.read_some(asio::buffer(b), ec);
            if (ec == asio::error::eof || ec == asio::error::connection_reset) return true;
            if (ec && ec != asio::error::would_block) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return false;
    }
    void send(std::initializer_list<std::uint8_t> bytes) {
        const std::vector<std::uint8_t> v(bytes);
        asio::write(socket, asio::buffer(v));
    }
};

std::size_t open_connections(Loop& loop, InProcessDc& dc) {
    std::size_t n = 0;
    loop.post_wait([&] { n = dc.cluster().connections(); });
    return n;
}

TEST(ClusterLimits, ConnectionsBeyondTheCapAreClosedAtOnce) {
    Loop loop;
    testdc::Limits limits;
    limits.max_connections = 2;
    InProcessDc dc(loop, with_limits(limits));
    RawClient a(dc), b(dc);
    for (int i = 0; i < 100 && open_connections(loop, dc) < 2; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_EQ(open_connections(loop, dc), 2u);
    RawClient c(dc);
    EXPECT_TRUE(c.closed_by_server_within(std::chrono::seconds(3)));
    EXPECT_FALSE(a.closed_by_server_within(std::chrono::milliseconds(100)));
    EXPECT_EQ(dc.cluster().refused_connections(), 1);
    // Once one closes, a new connection is served again.
    a.socket.close();
    for (int i = 0; i < 100 && open_connections(loop, dc) > 1; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    RawClient d(dc);
    EXPECT_FALSE(d.closed_by_server_within(std::chrono::milliseconds(300)));
}

TEST(ClusterLimits, AnIdleConnectionIsClosedAnActiveOneIsNot) {
    Loop loop;
    testdc::Limits limits;
    limits.idle_timeout_seconds = 1;
    InProcessDc dc(loop, with_limits(limits));
    RawClient idle(dc), active(dc);
    // Intermediate transport, then a packet header announcing 64 bytes that trickle in: the
    // server has nothing to answer yet, but bytes keep arriving.
    active.send({0xee, 0xee, 0xee, 0xee, 64, 0, 0, 0});
    const auto start = Clock::now();
    bool idle_closed = false;
    while (Clock::now() - start < std::chrono::milliseconds(2600)) {
        active.send({0});
        if (!idle_closed)
            idle_closed = idle.closed_by_server_within(std::chrono::milliseconds(400));
        else
            std::this_thread::sleep_for(std::chrono::milliseconds(400));
    }
    EXPECT_TRUE(idle_closed);
    EXPECT_FALSE(active.closed_by_server_within(std::chrono::milliseconds(50)));
}

TEST(ClusterLimits, AClientWhoseAnswersPileUpIsDropped) {
    Loop loop;
    {
        InProcessDc dc(loop, with_limits(testdc::Limits{}));
        auto s = loop.run(net::Sender::connect(sender_options(dc, 1)));  // the default fits
        loop.close(s);
    }
    testdc::Limits tiny;
    tiny.max_outbox_bytes = 16;  // less than the handshake's first answer
    InProcessDc dc(loop, with_limits(tiny));
    EXPECT_THROW(loop.run(net::Sender::connect(sender_options(dc, 1))), std::exception);
}

}  // namespace
