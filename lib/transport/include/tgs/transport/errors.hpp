// The error codes lib/transport throws (as tgs::Error), named once: the throw sites, lib/net
// (which maps PROXY_* to NET_PROXY_* and TRANSPORT_FAKE_TLS_HMAC to NET_PROXY_TLS_UNVERIFIED) and
// the CLI's exit table use these constants; kAll lets a test check each has an exit rule.
#pragma once

#include <array>
#include <string_view>

namespace tgs::transport::errc {

// --- Framing (abridged, intermediate, padded intermediate, full) ---
inline constexpr const char* empty_frame = "TRANSPORT_EMPTY_FRAME";
inline constexpr const char* frame_too_large = "TRANSPORT_FRAME_TOO_LARGE";
inline constexpr const char* frame_too_short = "TRANSPORT_FRAME_TOO_SHORT";
inline constexpr const char* unaligned_length = "TRANSPORT_UNALIGNED_LENGTH";
inline constexpr const char* quick_ack_unsupported = "TRANSPORT_QUICK_ACK_UNSUPPORTED";
/// The stream ended inside a frame.
inline constexpr const char* truncated = "TRANSPORT_TRUNCATED";
/// (full) CRC32 or sequence number wrong.
inline constexpr const char* bad_crc = "TRANSPORT_BAD_CRC";
inline constexpr const char* bad_seqno = "TRANSPORT_BAD_SEQNO";
/// A 4-byte transport error that is not negative.
inline constexpr const char* bad_error_code = "TRANSPORT_BAD_ERROR_CODE";
/// The codec was used again after it failed.
inline constexpr const char* broken = "TRANSPORT_BROKEN";

// --- Choosing a transport (client option, server-side detection) ---
inline constexpr const char* unsupported_protocol = "TRANSPORT_UNSUPPORTED_PROTOCOL";
inline constexpr const char* unknown_protocol = "TRANSPORT_UNKNOWN_PROTOCOL";
/// (Server) a frame was asked for before the client's transport was recognised.
inline constexpr const char* not_detected = "TRANSPORT_NOT_DETECTED";

// --- MTProxy: obfuscated2 and fake TLS ---
inline constexpr const char* bad_obfuscation_header = "TRANSPORT_BAD_OBFUSCATION_HEADER";
inline constexpr const char* bad_obfuscation_tag = "TRANSPORT_BAD_OBFUSCATION_TAG";
inline constexpr const char* bad_proxy_secret = "TRANSPORT_BAD_PROXY_SECRET";
inline constexpr const char* fake_tls_bad_record = "TRANSPORT_FAKE_TLS_BAD_RECORD";
inline constexpr const char* fake_tls_bad_response = "TRANSPORT_FAKE_TLS_BAD_RESPONSE";
/// The server's fake-TLS hello is not signed with our secret.
inline constexpr const char* fake_tls_hmac = "TRANSPORT_FAKE_TLS_HMAC";

// --- SOCKS5 / HTTP CONNECT proxies (lib/net reports them as NET_PROXY_*) ---
inline constexpr const char* proxy_bad_url = "PROXY_BAD_URL";
inline constexpr const char* proxy_auth_refused = "PROXY_AUTH_REFUSED";
inline constexpr const char* proxy_connect_refused = "PROXY_CONNECT_REFUSED";
inline constexpr const char* proxy_protocol = "PROXY_PROTOCOL";

/// Every code above, for completeness tests (each needs a rule in the CLI's exit table).
inline constexpr std::array<std::string_view, 23> kAll{
    empty_frame,
    frame_too_large,
    frame_too_short,
    unaligned_length,
    quick_ack_unsupported,
    truncated,
    bad_crc,
    bad_seqno,
    bad_error_code,
    broken,
    unsupported_protocol,
    unknown_protocol,
    not_detected,
    bad_obfuscation_header,
    bad_obfuscation_tag,
    bad_proxy_secret,
    fake_tls_bad_record,
    fake_tls_bad_response,
    fake_tls_hmac,
    proxy_bad_url,
    proxy_auth_refused,
    proxy_connect_refused,
    proxy_protocol,
};

}  // namespace tgs::transport::errc
