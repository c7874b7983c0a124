// Dialing a DC directly or through a proxy: the TCP connect, the SOCKS5 / HTTP CONNECT /
// fake-TLS handshake over the socket, and the client codec the route needs. Private to lib/net.
#pragma once

#include <asio/awaitable.hpp>
#include <asio/ip/tcp.hpp>
#include <memory>

#include "tgs/bytes.hpp"
#include "tgs/net/connection.hpp"
#include "tgs/transport/codec.hpp"

namespace tgs::net::detail {

struct Tunnel {
    asio::ip::tcp::socket socket;
    std::unique_ptr<transport::Codec> codec;
    Bytes received;  // bytes that arrived with the proxy's answer; feed them to the codec
};

/// Errors (messages name the proxy by host:port, never its password or secret):
///   NET_CONNECT_FAILED / NET_TIMEOUT        the DC (direct) could not be reached
///   NET_PROXY_UNREACHABLE                   no TCP connection to the proxy
///   NET_PROXY_AUTH_REFUSED                  the proxy refused the credentials
///   NET_PROXY_CONNECT_REFUSED               the proxy refused to connect to the DC
///   NET_PROXY_TLS_UNVERIFIED                the fake-TLS ServerHello did not verify
///   NET_PROXY_PROTOCOL / NET_PROXY_CLOSED   the proxy spoke something else / hung up
asio::awaitable<Tunnel> open_tunnel(const ConnectionOptions& options);

}  // namespace tgs::net::detail
