#include "tgs/net/connection.hpp"

#include <asio/co_spawn.hpp>
#include <asio/connect.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/redirect_error.hpp>
#include <asio/steady_timer.hpp>
#include <asio/system_error.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>
#include <exception>
#include <utility>

#include "proxy_tunnel.hpp"
#include "tgs/error.hpp"
#include "tgs/net/errors.hpp"

namespace tgs::net {

using namespace asio::experimental::awaitable_operators;

namespace {

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

}  // namespace

Connection::Connection(asio::ip::tcp::socket socket, std::unique_ptr<transport::Codec> codec,
                       ConnectionOptions options)
    : socket_(std::move(socket)), codec_(std::move(codec)), options_(std::move(options)) {}

asio::awaitable<std::shared_ptr<Connection>> Connection::open(ConnectionOptions options) {
    auto tunnel = co_await detail::open_tunnel(options);
    std::shared_ptr<Connection> conn(
        new Connection(std::move(tunnel.socket), std::move(tunnel.codec), std::move(options)));
    if (!tunnel.received.empty()) conn->codec_->feed(tunnel.received);
    co_return conn;
}

std::int16_t wire_dc_id(const ConnectionOptions& o) {
    return static_cast<std::int16_t>(o.test_servers ? o.dc_id + 10000 : o.dc_id);
}

std::string describe_route(const ConnectionOptions& o) {
    const TransportChoice t = effective_transport(o);
    std::string text = transport::protocol_name(t.protocol);
    if (t.obfuscated) text = "obfuscated " + text;
    if (o.proxy) text += " via " + o.proxy->describe();
    return text;
}

std::string Connection::describe() const {
    // Through an MTProxy the DC is named by its id: the proxy picks the address.
    const bool mtproxy = options_.proxy && options_.proxy->kind == transport::ProxyKind::MtProxy;
    const std::string dc = mtproxy ? "DC " + std::to_string(wire_dc_id(options_))
                                   : transport::join_host_port(options_.host, options_.port);
    return dc + " (" + describe_route(options_) + ")";
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
        throw TransportErrorPacket(
            err->code, describe() + " answered transport error " + std::to_string(err->code));
    }
    return Bytes{};  // quick ack: nothing to hand up; callers skip empty payloads
}

asio::awaitable<Bytes> Connection::receive() {
    std::string why;
    auto payload = co_await receive_or_closed(why);
    if (!payload) throw Error(errc::connection_closed, why);
    co_return std::move(*payload);
}

asio::awaitable<std::optional<Bytes>> Connection::receive_or_closed(std::string& why) {
    for (;;) {
        while (auto payload = take_event()) {
            if (!payload->empty()) co_return std::move(*payload);
        }
        asio::error_code ec;
        std::size_t n = co_await socket_.async_read_some(
            asio::buffer(read_buffer_), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            why = describe() + " closed the connection" +
                  (ec == asio::error::eof ? "" : ": " + ec.message());
            co_return std::nullopt;
        }
        codec_->feed(ByteView(read_buffer_.data(), n));
    }
}

asio::awaitable<Bytes> Connection::receive(std::chrono::milliseconds timeout) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    timer.expires_after(timeout);
    // The timer loses almost every race and is cancelled: as an error code, not a thrown
    // operation_aborted (two key exchanges made 6+ exception unwinds per login).
    asio::error_code timer_ec;
    auto outcome = co_await (receive_or_failure(shared_from_this()) ||
                             timer.async_wait(asio::redirect_error(asio::use_awaitable, timer_ec)));
    if (outcome.index() == 1) {
        // Cancelled from outside (not by the receive winning): a cancellation, not a timeout.
        if (timer_ec) throw asio::system_error(timer_ec);
        // A wrong MTProxy secret looks exactly like this: the proxy keeps reading, silently.
        const bool mtproxy =
            options_.proxy && options_.proxy->kind == transport::ProxyKind::MtProxy;
        throw Error(errc::timeout, describe() + " did not answer within " +
                                       std::to_string(timeout.count()) + " ms" +
                                       (mtproxy ? " (wrong MTProxy secret?)" : ""));
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

void Connection::reset() {
    asio::error_code ignored;
    socket_.set_option(asio::socket_base::linger(true, 0), ignored);
    socket_.close(ignored);
}

}  // namespace tgs::net
