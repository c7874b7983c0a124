#include "proxy_tunnel.hpp"

#include <asio/experimental/awaitable_operators.hpp>
#include <asio/redirect_error.hpp>
#include <asio/steady_timer.hpp>
#include <asio/system_error.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>
#include <chrono>
#include <exception>
#include <functional>
#include <vector>

#include "tgs/error.hpp"
#include "tgs/net/errors.hpp"
#include "tgs/resource_error.hpp"
#include "tgs/transport/errors.hpp"
#include "tgs/transport/fake_tls.hpp"
#include "tgs/transport/obfuscated2.hpp"
#include "tgs/transport/proxy_handshake.hpp"

namespace tgs::net::detail {

using namespace asio::experimental::awaitable_operators;
using transport::ProxyConfig;
using transport::ProxyKind;

namespace {

// Runs `op` with a deadline. operator|| waits for the first operation to *succeed*, so a
// failure is handed over as a value to win the race (as Connection::receive does).
asio::awaitable<void> with_deadline(std::function<asio::awaitable<void>()> op,
                                    std::chrono::milliseconds timeout,
                                    const std::function<void()>& on_timeout) {
    auto guarded =
        [](std::function<asio::awaitable<void>()> f) -> asio::awaitable<std::exception_ptr> {
        try {
            co_await f();
        } catch (...) {
            co_return std::current_exception();
        }
        co_return nullptr;
    };
    asio::steady_timer timer(co_await asio::this_coro::executor);
    timer.expires_after(timeout);
    // A cancelled timer (the usual outcome) reports an error code instead of throwing.
    asio::error_code timer_ec;
    auto outcome = co_await (guarded(std::move(op)) ||
                             timer.async_wait(asio::redirect_error(asio::use_awaitable, timer_ec)));
    if (outcome.index() == 1) {
        if (timer_ec) throw asio::system_error(timer_ec);  // cancelled from outside
        on_timeout();
    }
    if (auto failure = std::get<0>(outcome)) std::rethrow_exception(failure);
}

// TCP connect to host:port. `code` names the failure (NET_CONNECT_FAILED for a DC,
// NET_PROXY_UNREACHABLE for a proxy); `what` is how messages call the peer.
asio::awaitable<asio::ip::tcp::socket> dial(const std::string& host, int port,
                                            std::chrono::milliseconds timeout, const char* code,
                                            const std::string& what) {
    auto ex = co_await asio::this_coro::executor;
    asio::error_code ec;
    // An address literal needs no resolver: asio's resolver runs getaddrinfo on a thread of
    // its own, which a client with no thread of its own should not start per connection.
    std::vector<asio::ip::tcp::endpoint> endpoints;
    const auto literal = asio::ip::make_address(host, ec);
    if (!ec) {
        endpoints.emplace_back(literal, static_cast<unsigned short>(port));
    } else {
        asio::ip::tcp::resolver resolver(ex);
        auto found = co_await resolver.async_resolve(host, std::to_string(port),
                                                     asio::redirect_error(asio::use_awaitable, ec));
        if (ec) throw Error(code, "cannot resolve " + what + ": " + ec.message());
        for (const auto& entry : found) endpoints.push_back(entry.endpoint());
    }
    if (endpoints.empty()) throw Error(code, "no address for " + what);
    asio::ip::tcp::socket socket(ex);
    // Each address in turn on a socket opened here, not by asio's range connect: that closes
    // and reopens the socket for every address (two sockets per connection even with one
    // address: a cost paid per session by a fleet check) and reports a socket it could not
    // open as "operation aborted", hiding EMFILE. No socket for lack of descriptors or buffers
    // says nothing about the server.
    auto try_each = [&]() -> asio::awaitable<void> {
        for (const auto& endpoint : endpoints) {
            if (socket.is_open()) socket.close(ec);
            socket.open(endpoint.protocol(), ec);
            if (ec) {
                resource::throw_if_exhausted(ec.value(), "cannot connect to " + what);
                throw Error(code, "cannot connect to " + what + ": " + ec.message());
            }
            co_await socket.async_connect(endpoint, asio::redirect_error(asio::use_awaitable, ec));
            if (!ec) co_return;
        }
    };
    co_await with_deadline([&]() -> asio::awaitable<void> { co_await try_each(); }, timeout,
                           [&] {
                               throw Error(
                                   std::string(code) == errc::connect_failed ? errc::timeout : code,
                                   "no TCP connection to " + what + " within " +
                                       std::to_string(timeout.count()) + " ms");
                           });
    if (ec) throw Error(code, "cannot connect to " + what + ": " + ec.message());
    socket.set_option(asio::ip::tcp::no_delay(true));
    co_return socket;
}

// Writes `out`, then reads and hands each chunk to `feed` until it returns true.
asio::awaitable<void> exchange(asio::ip::tcp::socket& socket, Bytes out,
                               const std::function<bool(ByteView, Bytes&)>& feed,
                               const std::string& who) {
    std::array<std::uint8_t, 4096> buf{};
    for (;;) {
        asio::error_code ec;
        if (!out.empty()) {
            co_await asio::async_write(socket, asio::buffer(out),
                                       asio::redirect_error(asio::use_awaitable, ec));
            if (ec)
                throw Error(errc::proxy_closed, who + " closed the connection: " + ec.message());
            out.clear();
        }
        const std::size_t n = co_await socket.async_read_some(
            asio::buffer(buf), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            throw Error(errc::proxy_closed,
                        who + " closed the connection during the proxy handshake" +
                            (ec == asio::error::eof ? "" : ": " + ec.message()));
        }
        if (feed(ByteView(buf.data(), n), out)) co_return;
    }
}

// Library codes from the sans-IO layer become NET_ codes with the proxy named in front.
[[noreturn]] void rethrow_named(const Error& e, const ProxyConfig& proxy) {
    std::string code = errc::proxy_protocol;
    if (e.code() == transport::errc::proxy_auth_refused) code = errc::proxy_auth_refused;
    if (e.code() == transport::errc::proxy_connect_refused) code = errc::proxy_connect_refused;
    if (e.code() == transport::errc::fake_tls_hmac) code = errc::proxy_tls_unverified;
    throw Error(code, proxy.describe() + ": " + e.what());
}

// socks5:// (not socks5h://) resolves the target itself, as curl does; DC addresses are
// usually literals already.
asio::awaitable<std::string> target_host(const ConnectionOptions& o) {
    if (o.proxy->kind != ProxyKind::Socks5 || o.proxy->remote_dns) co_return o.host;
    asio::error_code ec;
    auto addr = asio::ip::make_address(o.host, ec);
    if (!ec) co_return addr.to_string();
    asio::ip::tcp::resolver resolver(co_await asio::this_coro::executor);
    auto results = co_await resolver.async_resolve(o.host, std::to_string(o.port),
                                                   asio::redirect_error(asio::use_awaitable, ec));
    if (ec || results.empty()) {
        throw Error(
            errc::connect_failed,
            "cannot resolve " + transport::join_host_port(o.host, o.port) + ": " + ec.message());
    }
    co_return results.begin()->endpoint().address().to_string();
}

std::unique_ptr<transport::Codec> direct_codec(const ConnectionOptions& o,
                                               const crypto::RandomSource& random) {
    if (!o.transport.obfuscated) {
        transport::CodecOptions copts;
        copts.role = transport::Role::Client;
        copts.random = random;
        return transport::make_codec(o.transport.protocol, copts);
    }
    transport::Obfuscated2ClientParams params;
    params.protocol = o.transport.protocol;
    params.dc_id = wire_dc_id(o);
    params.inner.random = random;
    return transport::Obfuscated2Codec::client(params, random);
}

std::uint32_t unix_now() {
    return static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count());
}

}  // namespace

asio::awaitable<Tunnel> open_tunnel(const ConnectionOptions& o) {
    auto random = o.random ? o.random : crypto::system_random();
    if (!o.proxy) {
        auto socket = co_await dial(o.host, o.port, o.timeout, errc::connect_failed,
                                    transport::join_host_port(o.host, o.port));
        co_return Tunnel{std::move(socket), direct_codec(o, random), {}};
    }
    const ProxyConfig& proxy = *o.proxy;
    auto socket =
        co_await dial(proxy.host, proxy.port, o.timeout, errc::proxy_unreachable, proxy.describe());
    const std::string who = proxy.describe();
    Bytes received;
    auto on_timeout = [&] {
        throw Error(errc::timeout, who + " did not finish its handshake within " +
                                       std::to_string(o.timeout.count()) + " ms");
    };

    if (proxy.kind == ProxyKind::Socks5 || proxy.kind == ProxyKind::Http) {
        // Not inside the braces: g++ 12 destroys a co_await result in an aggregate twice.
        std::string host = co_await target_host(o);
        transport::ProxyTarget target{std::move(host), o.port};
        transport::ProxyCredentials creds{proxy.username, proxy.password};
        auto hs = proxy.kind == ProxyKind::Socks5
                      ? transport::make_socks5_handshake(target, creds)
                      : transport::make_http_connect_handshake(target, creds);
        try {
            co_await with_deadline(
                [&]() -> asio::awaitable<void> {
                    co_await exchange(
                        socket, hs->take_output(),
                        [&](ByteView in, Bytes& out) {
                            hs->feed(in);
                            out = hs->take_output();
                            return hs->done();
                        },
                        who);
                },
                o.timeout, on_timeout);
        } catch (const Error& e) {
            if (e.code().rfind("NET_", 0) == 0) throw;
            rethrow_named(e, proxy);
        }
        co_return Tunnel{std::move(socket), direct_codec(o, random), hs->take_leftover()};
    }

    // MTProxy: obfuscated2 keyed with the secret, inside fake TLS for ee secrets.
    const auto& secret = *proxy.secret;
    const bool fake_tls = secret.kind == transport::ProxySecretKind::FakeTls;
    transport::Obfuscated2ClientParams params;
    params.protocol = effective_transport(o).protocol;
    params.dc_id = wire_dc_id(o);
    params.proxy_secret = secret.key;
    params.skip_prefix_rules = fake_tls;  // tdlib skips them inside TLS (docs/protocol.md §1.1)
    params.inner.random = random;
    std::unique_ptr<transport::Codec> codec = transport::Obfuscated2Codec::client(params, random);
    if (fake_tls) {
        transport::FakeTlsClient tls(secret.key, secret.domain, unix_now(), random);
        try {
            co_await with_deadline(
                [&]() -> asio::awaitable<void> {
                    co_await exchange(
                        socket, tls.take_hello(), [&](ByteView in, Bytes&) { return tls.feed(in); },
                        who);
                },
                o.timeout, on_timeout);
        } catch (const Error& e) {
            if (e.code().rfind("NET_", 0) == 0) throw;
            rethrow_named(e, proxy);
        }
        received = tls.take_leftover();
        codec = std::make_unique<transport::FakeTlsCodec>(std::move(codec));
    }
    co_return Tunnel{std::move(socket), std::move(codec), std::move(received)};
}

}  // namespace tgs::net::detail

namespace tgs::net {

TransportChoice effective_transport(const ConnectionOptions& o) {
    if (!o.proxy || o.proxy->kind != transport::ProxyKind::MtProxy) return o.transport;
    // MTProxy is always obfuscated; dd and ee secrets require padded intermediate
    // (docs/protocol.md §1.2). A plain secret keeps the chosen framing (full cannot be obfuscated).
    TransportChoice t{o.transport.protocol, true};
    if (o.proxy->secret->kind != transport::ProxySecretKind::Simple ||
        t.protocol == transport::Protocol::PaddedIntermediate) {
        t.protocol = transport::Protocol::PaddedIntermediate;
    } else if (t.protocol == transport::Protocol::Full) {
        t.protocol = transport::Protocol::Intermediate;
    }
    return t;
}

}  // namespace tgs::net
