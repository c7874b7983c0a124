// Sans-IO proxy handshakes that open a tunnel to a DC before the MTProto transport starts:
// SOCKS5 (RFC 1928, username/password RFC 1929) and HTTP CONNECT (RFC 9110 §9.3.6, Basic
// auth RFC 7617). The caller owns the socket: send take_output(), feed() what arrives, until
// done(). Bytes after the proxy's answer belong to the tunnel: take them with take_leftover().
//
// Failures throw tgs::Error with these codes (messages never contain the credentials):
//   PROXY_AUTH_REFUSED     the proxy refused the user name / password, or wants some
//   PROXY_CONNECT_REFUSED  the proxy refused to connect to the target (reply / status code)
//   PROXY_PROTOCOL         the answer is not SOCKS5 / HTTP
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "tgs/bytes.hpp"

namespace tgs::transport {

struct ProxyTarget {
    std::string host;  // an IPv4/IPv6 literal, or a name the proxy resolves
    int port = 0;
};

struct ProxyCredentials {
    std::string username;  // empty = offer no authentication
    std::string password;
};

class ProxyHandshake {
  public:
    virtual ~ProxyHandshake() = default;
    /// Bytes to send now (possibly empty); each byte is returned once.
    Bytes take_output() { return std::exchange(output_, Bytes{}); }
    /// Consumes received bytes; throws on a refusal or a malformed answer.
    virtual void feed(ByteView chunk) = 0;
    bool done() const { return done_; }
    Bytes take_leftover() { return std::exchange(leftover_, Bytes{}); }

  protected:
    Bytes output_;
    Bytes leftover_;
    bool done_ = false;
};

std::unique_ptr<ProxyHandshake> make_socks5_handshake(ProxyTarget target,
                                                      ProxyCredentials credentials);
std::unique_ptr<ProxyHandshake> make_http_connect_handshake(ProxyTarget target,
                                                            ProxyCredentials credentials);

/// RFC 4648 §4 base64 (for the Basic credentials).
std::string base64_encode(ByteView data);

}  // namespace tgs::transport
