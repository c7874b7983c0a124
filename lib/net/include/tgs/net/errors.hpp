// The error codes lib/net throws (as tgs::Error), named once: the throw sites, the code that
// branches on them (lib/auth retries on NET_TRANSPORT_ERROR) and the CLI's exit table use these
// constants; kAll lets a test check that every one has an exit rule.
#pragma once

#include <array>
#include <string_view>

namespace tgs::net::errc {

/// DNS failed, or the TCP connection to the DC was refused or unreachable.
inline constexpr const char* connect_failed = "NET_CONNECT_FAILED";
inline constexpr const char* timeout = "NET_TIMEOUT";
inline constexpr const char* connection_closed = "NET_CONNECTION_CLOSED";
/// A -404 / -429 / -444 transport error packet (thrown as TransportErrorPacket, which has the
/// number; connection.hpp).
inline constexpr const char* transport_error = "NET_TRANSPORT_ERROR";
/// The server answered a request with bad_msg_notification.
inline constexpr const char* bad_message = "NET_BAD_MESSAGE";
/// A transport name that is not one of ours (ConnectionOptions / the CLI's --transport).
inline constexpr const char* bad_transport = "NET_BAD_TRANSPORT";

// --- Through a proxy (transport's PROXY_* and fake-TLS failures, reported with the proxy) ---
inline constexpr const char* proxy_unreachable = "NET_PROXY_UNREACHABLE";
inline constexpr const char* proxy_closed = "NET_PROXY_CLOSED";
inline constexpr const char* proxy_protocol = "NET_PROXY_PROTOCOL";
inline constexpr const char* proxy_auth_refused = "NET_PROXY_AUTH_REFUSED";
inline constexpr const char* proxy_connect_refused = "NET_PROXY_CONNECT_REFUSED";
/// The MTProxy's fake-TLS hello is not signed with our secret: not the proxy we meant.
inline constexpr const char* proxy_tls_unverified = "NET_PROXY_TLS_UNVERIFIED";

/// Every code above, for completeness tests (each needs a rule in the CLI's exit table).
inline constexpr std::array<std::string_view, 12> kAll{
    connect_failed,        timeout,
    connection_closed,     transport_error,
    bad_message,           bad_transport,
    proxy_unreachable,     proxy_closed,
    proxy_protocol,        proxy_auth_refused,
    proxy_connect_refused, proxy_tls_unverified,
};

}  // namespace tgs::net::errc
