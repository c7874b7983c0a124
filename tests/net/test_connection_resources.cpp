// Connection::open without a socket to spare reports RESOURCE_DESCRIPTORS (the CLI's exit 71),
// not NET_CONNECT_FAILED: the server is fine, the process is out of descriptors. And an
// address literal is connected to without asio's resolver thread.
#include <gtest/gtest.h>
#include <unistd.h>

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/use_future.hpp>
#include <vector>

#include "test_support.hpp"
#include "tgs/error.hpp"
#include "tgs/net/connection.hpp"

namespace {

std::string open_error(asio::io_context& io, int port) {
    tgs::net::ConnectionOptions o;
    o.host = "127.0.0.1";
    o.port = port;
    o.timeout = std::chrono::milliseconds(2000);
    auto f = asio::co_spawn(io, tgs::net::Connection::open(o), asio::use_future);
    io.restart();
    io.run();
    try {
        f.get()->close();
    } catch (const tgs::Error& e) {
        return e.code();
    }
    return "";
}

TEST(ConnectionResources, OutOfDescriptorsIsAResourceError) {
#ifdef __SANITIZE_ADDRESS__
    // The sanitizer runtime needs descriptors of its own (UBSan's vptr check reads
    // /proc/self/maps), so with none left it reports asio's own objects as invalid.
    GTEST_SKIP() << "needs descriptors the sanitizer runtime would take; runs in the normal build";
#endif
    asio::io_context io;
    asio::ip::tcp::acceptor listener(io, {asio::ip::make_address("127.0.0.1"), 0});
    const int port = listener.local_endpoint().port();
    ASSERT_EQ(open_error(io, port), "") << "a descriptor to spare: connects";

    std::string code;
    {
        const tgs::test::DescriptorsExhausted full;
        code = open_error(io, port);
    }
    EXPECT_EQ(code, "RESOURCE_DESCRIPTORS");
}

TEST(ConnectionResources, AnAddressLiteralStartsNoResolverThread) {
    asio::io_context io;
    asio::ip::tcp::acceptor listener(io, {asio::ip::make_address("127.0.0.1"), 0});
    const int before = tgs::test::threads_of_this_process();
    EXPECT_EQ(open_error(io, listener.local_endpoint().port()), "");
    EXPECT_EQ(tgs::test::threads_of_this_process(), before);
}

}  // namespace
