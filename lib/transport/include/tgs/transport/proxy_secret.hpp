// MTProxy secrets (docs/protocol.md §1.2) as found in tg://proxy links.
#pragma once

#include <string>
#include <string_view>

#include "tgs/bytes.hpp"
#include "tgs/transport/obfuscated2.hpp"

namespace tgs::transport {

enum class ProxySecretKind {
    Simple,   // 16 bytes: any obfuscated transport
    Secured,  // dd + 16 bytes: padded intermediate required
    FakeTls,  // ee + 16 bytes + SNI domain: fake TLS around padded intermediate
};

struct ProxySecret {
    ProxySecretKind kind;
    ProxyKey key;        // secret16, without prefix byte or domain
    std::string domain;  // FakeTls only
};

/// Classifies raw secret bytes. Throws TRANSPORT_BAD_PROXY_SECRET otherwise.
/// Note: a 17-byte secret starting `ee` is accepted as Secured (gotd's table, our vector);
/// tdlib rejects it. Domains longer than 182 bytes are rejected (tdlib's cap).
ProxySecret parse_proxy_secret(ByteView raw);

/// Decodes the link form (hex, else base64url, else base64, as tdlib tries them), then
/// classifies. Throws TRANSPORT_BAD_PROXY_SECRET.
ProxySecret parse_proxy_secret_text(std::string_view text);

/// The secret as links carry it in hex: [dd|ee] + key + domain.
std::string proxy_secret_hex(const ProxySecret& secret);

}  // namespace tgs::transport
