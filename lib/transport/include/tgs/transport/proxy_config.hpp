// Which proxy a connection goes through, parsed from the URL forms users are handed:
//   socks5://[user:pass@]host:port   (RFC 1928 + RFC 1929; socks5h:// = let the proxy resolve)
//   http://[user:pass@]host:port     (HTTP CONNECT, RFC 9110 §9.3.6, Basic auth RFC 7617)
//   tg://proxy?server=H&port=P&secret=S and https://t.me/proxy?... (MTProxy, docs/protocol.md §1.2)
// Pure parsing; no I/O. describe() is safe to print: it never contains a password or secret.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tgs/transport/proxy_secret.hpp"

namespace tgs::transport {

enum class ProxyKind { Socks5, Http, MtProxy };

struct ProxyConfig {
    ProxyKind kind = ProxyKind::Socks5;
    std::string host;
    int port = 0;
    std::string username;               // socks5 / http; empty = no authentication
    std::string password;               // secret: never in describe() or errors
    bool remote_dns = false;            // socks5h: the proxy resolves the target name
    std::optional<ProxySecret> secret;  // MtProxy only; secret: never printed

    /// "socks5 proxy 127.0.0.1:1080", "MTProxy 127.0.0.1:443 (fake-TLS)": no credentials.
    std::string describe() const;
    /// "127.0.0.1:1080" ("[::1]:1080" for IPv6 literals).
    std::string endpoint() const;
};

/// Throws tgs::Error("PROXY_BAD_URL") with a message that never repeats the credentials, or
/// TRANSPORT_BAD_PROXY_SECRET for an MTProxy secret that is neither hex nor base64 or has the
/// wrong shape.
ProxyConfig parse_proxy_url(std::string_view url);

/// "host:port", bracketing IPv6 literals.
std::string join_host_port(const std::string& host, int port);

}  // namespace tgs::transport
