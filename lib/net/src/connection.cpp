#include "tgs/net/connection.hpp"

#include <asio/co_spawn.hpp>
#include <asio/connect.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/redirect_error.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>
#include <exception>
#include <utility>
#include <vector>

#include "tgs/error.hpp"
#include "tgs/resource_error.hpp"
#include "tgs/transport/obfuscated2.hpp"

namespace tgs::net {

using namespace asio::experimental::awaitable_operators;

namespace {

std::unique_ptr<transport::Codec> make_client_codec(const ConnectionOptions& o) {
    auto random = o.random ? o.random : crypto::system_random();
    if (!o.transport.obfuscated) {
        transport::CodecOptions copts;
        copts.role = transport::Role::Client;
        copts.random = random;
        return transport::make_codec(o.transport.protocol, copts);
    }
    transport::Obfuscated2ClientParams params;
    params.protocol = o.transport.protocol;
    params.dc_id = o.dc_id;
    params.inner.random = random;
    return transport::Obfuscated2Codec::client(params, random);
}

// operator|| waits for the first operation to *succeed*: a receive() that throws (connection
// closed, transport error) would be masked by the timer and surface as NET_TIMEOUT much later.
// Handing the failure over as a value makes it win the race.
asio::awaitable<std::pair<Bytes, std::exception_ptr>> receive_or_failure(
    std::shared_ptr<Connection> self) {
    try {
        co_return std::pair<Bytes, std::exception_ptr>{co_await self->receive(), nullptr};
    } catch (...) {
        co_return std::pair<Bytes, std::exception_ptr>{Bytes{}, std::current_exception()};
    }
}

std::string endpoint_text(const std::string& host, int port) {
    bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace

Connection::Connection(asio::ip::tcp::socket socket, std::unique_ptr<transport::Codec> codec,
                       ConnectionOptions options)
    : socket_(std::move(socket)), codec_(std::move(codec)), options_(std::move(options)) {}

asio::awaitable<std::shared_ptr<Connection>> Connection::open(ConnectionOptions options) {
    auto ex = co_await asio::this_coro::executor;
    const std::string where = endpoint_text(options.host, options.port);
    asio::error_code ec;
    // An address literal needs no resolver: asio's resolver runs getaddrinfo on a thread of
    // its own, which a client with no thread of its own should not start per connection.
    std::vector<asio::ip::tcp::endpoint> endpoints;
    const auto literal = asio::ip::make_address(options.host, ec);
    if (!ec) {
        endpoints.emplace_back(literal, static_cast<unsigned short>(options.port));
    } else {
        asio::ip::tcp::resolver resolver(ex);
        auto found = co_await resolver.async_resolve(options.host, std::to_string(options.port),
                                                     asio::redirect_error(asio::use_awaitable, ec));
        if (ec) throw Error("NET_CONNECT_FAILED", "cannot resolve " + where + ": " + ec.message());
        for (const auto& entry : found) endpoints.push_back(entry.endpoint());
    }

    asio::ip::tcp::socket socket(ex);
    // Opened here, not inside async_connect: asio's range connect reports a socket it could
    // not open as "operation aborted", hiding EMFILE. No socket for lack of descriptors or
    // buffers says nothing about the server.
    if (endpoints.empty()) throw Error("NET_CONNECT_FAILED", "no address for " + where);
    socket.open(endpoints.front().protocol(), ec);
    if (ec) {
        resource::throw_if_exhausted(ec.value(), "cannot connect to " + where);
        throw Error("NET_CONNECT_FAILED", "cannot connect to " + where + ": " + ec.message());
    }
    asio::steady_timer timer(ex);
    timer.expires_after(options.timeout);
    auto outcome = co_await (
        asio::async_connect(socket, endpoints, asio::redirect_error(asio::use_awaitable, ec)) ||
        timer.async_wait(asio::use_awaitable));
    if (outcome.index() == 1) {
        throw Error("NET_TIMEOUT", "no TCP connection to " + where + " within " +
                                       std::to_string(options.timeout.count()) + " ms");
    }
    if (ec) throw Error("NET_CONNECT_FAILED", "cannot connect to " + where + ": " + ec.message());
    socket.set_option(asio::ip::tcp::no_delay(true));

    auto codec = make_client_codec(options);
    std::shared_ptr<Connection> conn(
        new Connection(std::move(socket), std::move(codec), std::move(options)));
    co_return conn;
}

std::string Connection::describe() const {
    std::string t = transport::protocol_name(options_.transport.protocol);
    if (options_.transport.obfuscated) t = "obfuscated " + t;
    return endpoint_text(options_.host, options_.port) + " (" + t + ")";
}

void Connection::send(ByteView payload) {
    codec_->encode(payload, outbox_);
    if (!writing_) {
        writing_ = true;
        // The loop keeps the connection alive until the queue is drained.
        asio::co_spawn(socket_.get_executor(), write_loop(shared_from_this()), asio::detached);
    }
}

asio::awaitable<void> Connection::write_loop(std::shared_ptr<Connection> self) {
    co_await self->write_queued();
}

asio::awaitable<void> Connection::write_queued() {
    while (!outbox_.empty() && socket_.is_open()) {
        Bytes chunk = std::move(outbox_);
        outbox_.clear();
        asio::error_code ec;
        co_await asio::async_write(socket_, asio::buffer(chunk),
                                   asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            // The reader sees the broken socket and fails every pending call.
            asio::error_code ignored;
            socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
            break;
        }
    }
    writing_ = false;
}

std::optional<Bytes> Connection::take_event() {
    auto event = codec_->next();
    if (!event) return std::nullopt;
    if (auto* packet = std::get_if<transport::Packet>(&*event)) return std::move(packet->payload);
    if (auto* err = std::get_if<transport::TransportError>(&*event)) {
        throw Error("NET_TRANSPORT_ERROR",
                    describe() + " answered transport error " + std::to_string(err->code));
    }
    return Bytes{};  // quick ack: nothing to hand up; callers skip empty payloads
}

asio::awaitable<Bytes> Connection::receive() {
    for (;;) {
        while (auto payload = take_event()) {
            if (!payload->empty()) co_return std::move(*payload);
        }
        asio::error_code ec;
        std::size_t n = co_await socket_.async_read_some(
            asio::buffer(read_buffer_), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            throw Error("NET_CONNECTION_CLOSED",
                        describe() + " closed the connection" +
                            (ec == asio::error::eof ? "" : ": " + ec.message()));
        }
        codec_->feed(ByteView(read_buffer_.data(), n));
    }
}

asio::awaitable<Bytes> Connection::receive(std::chrono::milliseconds timeout) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    timer.expires_after(timeout);
    auto outcome =
        co_await (receive_or_failure(shared_from_this()) || timer.async_wait(asio::use_awaitable));
    if (outcome.index() == 1) {
        throw Error("NET_TIMEOUT", describe() + " did not answer within " +
                                       std::to_string(timeout.count()) + " ms");
    }
    auto [payload, failure] = std::get<0>(std::move(outcome));
    if (failure) std::rethrow_exception(failure);
    co_return std::move(payload);
}

void Connection::close() {
    asio::error_code ignored;
    socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
}

}  // namespace tgs::net
