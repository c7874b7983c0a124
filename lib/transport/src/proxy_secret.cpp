#include "tgs/transport/proxy_secret.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "framed_codec.hpp"
#include "tgs/error.hpp"
#include "tgs/transport/errors.hpp"

namespace tgs::transport {

namespace {

constexpr std::size_t kMaxDomain = 182;  // tdlib's cap

[[noreturn]] void bad_secret(const std::string& why) {
    detail::fail(errc::bad_proxy_secret, "unsupported proxy secret: " + why);
}

std::optional<Bytes> decode_hex(std::string_view text) {
    if (text.empty() || text.size() % 2 != 0) return std::nullopt;
    if (!std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; })) {
        return std::nullopt;
    }
    return from_hex(text);
}

// Strict base64 in one alphabet; '=' padding optional but only at the end.
std::optional<Bytes> decode_base64(std::string_view text, bool url) {
    while (!text.empty() && text.back() == '=') text.remove_suffix(1);
    if (text.empty() || text.size() % 4 == 1) return std::nullopt;
    Bytes out;
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : text) {
        int v;
        if (c >= 'A' && c <= 'Z')
            v = c - 'A';
        else if (c >= 'a' && c <= 'z')
            v = c - 'a' + 26;
        else if (c >= '0' && c <= '9')
            v = c - '0' + 52;
        else if (c == (url ? '-' : '+'))
            v = 62;
        else if (c == (url ? '_' : '/'))
            v = 63;
        else
            return std::nullopt;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>(acc >> bits));
            acc &= (1u << bits) - 1;
        }
    }
    return out;
}

}  // namespace

ProxySecret parse_proxy_secret(ByteView raw) {
    ProxySecret secret{};
    auto take_key = [&](std::size_t from) {
        std::copy_n(raw.begin() + static_cast<std::ptrdiff_t>(from), 16, secret.key.begin());
    };
    if (raw.size() == 16) {
        secret.kind = ProxySecretKind::Simple;
        take_key(0);
        return secret;
    }
    if (raw.size() == 17 && (raw[0] == 0xdd || raw[0] == 0xee)) {
        secret.kind = ProxySecretKind::Secured;
        take_key(1);
        return secret;
    }
    if (raw.size() >= 18 && raw[0] == 0xee) {
        if (raw.size() - 17 > kMaxDomain) bad_secret("fake-TLS domain too long");
        secret.kind = ProxySecretKind::FakeTls;
        take_key(1);
        secret.domain.assign(raw.begin() + 17, raw.end());
        return secret;
    }
    bad_secret("wrong length or prefix (" + std::to_string(raw.size()) + " bytes)");
}

ProxySecret parse_proxy_secret_text(std::string_view text) {
    std::optional<Bytes> raw = decode_hex(text);
    if (!raw) raw = decode_base64(text, true);
    if (!raw) raw = decode_base64(text, false);
    if (!raw) bad_secret("neither hex nor base64");
    return parse_proxy_secret(*raw);
}

std::string proxy_secret_hex(const ProxySecret& secret) {
    std::string hex;
    if (secret.kind == ProxySecretKind::Secured) hex = "dd";
    if (secret.kind == ProxySecretKind::FakeTls) hex = "ee";
    hex += to_hex(ByteView(secret.key.data(), secret.key.size()));
    return hex + to_hex(as_bytes(secret.domain));
}

}  // namespace tgs::transport
