// One TCP connection to a DC carrying one transport codec (abridged, intermediate, padded,
// full, optionally inside obfuscated2). The only place the client touches sockets.
#pragma once

#include <asio/awaitable.hpp>
#include <asio/ip/tcp.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "tgs/bytes.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/error.hpp"
#include "tgs/net/errors.hpp"
#include "tgs/transport/codec.hpp"
#include "tgs/transport/proxy_config.hpp"

namespace tgs::net {

/// NET_TRANSPORT_ERROR: the server (or anyone on the path: these packets are not
/// authenticated) sent a transport error packet; `number` is its code (-404, -429, -444).
class TransportErrorPacket : public Error {
  public:
    TransportErrorPacket(std::int32_t number, const std::string& message)
        : Error(errc::transport_error, message), number_(number) {}
    std::int32_t number() const noexcept { return number_; }

  private:
    std::int32_t number_;
};

struct TransportChoice {
    transport::Protocol protocol = transport::Protocol::Intermediate;
    bool obfuscated = false;
};

/// Parses "abridged", "intermediate", "padded", "full", "obfuscated" (= obfuscated
/// intermediate) or "obfuscated-abridged" / "obfuscated-padded"; throws NET_BAD_TRANSPORT.
TransportChoice parse_transport(const std::string& name);

struct ConnectionOptions {
    std::string host;
    int port = 443;
    TransportChoice transport;
    /// The DC behind host:port; on test servers the wire calls it dc_id + 10000 (wire_dc_id).
    int dc_id = 0;
    bool test_servers = false;
    /// For connecting, and for each wait for an answer (a Sender's calls and handshake too).
    std::chrono::milliseconds timeout{15000};
    /// Every random value on the connection and on a Sender over it; empty = system CSPRNG.
    crypto::RandomSource random;
    /// Reach the DC through this proxy (SOCKS5, HTTP CONNECT or MTProxy).
    std::optional<transport::ProxyConfig> proxy;
};

/// The DC id the wire carries (obfuscated2 header, MTProxy routing, p_q_inner_data_dc):
/// dc_id, + 10000 on test servers.
std::int16_t wire_dc_id(const ConnectionOptions& options);

/// The transport actually used: through an MTProxy always obfuscated, and padded
/// intermediate for dd / ee secrets.
TransportChoice effective_transport(const ConnectionOptions& options);

/// "obfuscated padded intermediate via MTProxy 127.0.0.1:443 (fake-TLS, SNI example.com)" —
/// which transport and proxy a connection uses; never contains credentials.
std::string describe_route(const ConnectionOptions& options);

class Connection : public std::enable_shared_from_this<Connection> {
  public:
    /// Resolves and connects with a timeout, through the proxy if one is set. Errors:
    /// NET_CONNECT_FAILED, NET_TIMEOUT, NET_PROXY_* (see src/proxy_tunnel.hpp).
    static asio::awaitable<std::shared_ptr<Connection>> open(ConnectionOptions options);

    /// Frames and queues one payload; writes are serialised, so any number of coroutines may
    /// call this.
    void send(ByteView payload);
    /// The next payload from the server. Errors: NET_CONNECTION_CLOSED, NET_TRANSPORT_ERROR
    /// (a -404 / -429 / -444 packet; the number is in the message), NET_TIMEOUT, TRANSPORT_*.
    asio::awaitable<Bytes> receive(std::chrono::milliseconds timeout);
    /// Like receive() without a deadline.
    asio::awaitable<Bytes> receive();
    /// The reader loop's receive(): a closed connection (every disconnect and DC migration
    /// ends that way) is an empty optional and `why`, not an exception.
    asio::awaitable<std::optional<Bytes>> receive_or_closed(std::string& why);

    /// Orderly close (FIN): what the peer has been sent still arrives.
    void close();
    /// Closes at once with a TCP reset (SO_LINGER 0): anything unsent is dropped, and this
    /// side keeps no TIME_WAIT entry. For a caller that has every answer it wants: each
    /// orderly close holds a local port for 60 s, so thousands of short connections to one DC
    /// would exhaust the ~28,000 ephemeral ports (and slow every connect() searching them).
    void reset();
    bool is_open() const { return socket_.is_open(); }
    /// "127.0.0.1:10443 (intermediate)" for messages; with a proxy, its kind and address too.
    std::string describe() const;

  private:
    Connection(asio::ip::tcp::socket socket, std::unique_ptr<transport::Codec> codec,
               ConnectionOptions options);
    static asio::awaitable<void> write_loop(std::shared_ptr<Connection> self);
    asio::awaitable<void> write_queued();
    std::optional<Bytes> take_event();

    asio::ip::tcp::socket socket_;
    std::unique_ptr<transport::Codec> codec_;
    ConnectionOptions options_;
    Bytes outbox_;
    bool writing_ = false;
    // Not value-initialised: zeroing 16 KB per connection showed in the fleet profile.
    std::array<std::uint8_t, 16384> read_buffer_;
};

}  // namespace tgs::net
