#include "tgs/session/strings.hpp"

#include <arpa/inet.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "internal.hpp"
#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"
#include "tgs/session/store.hpp"

namespace tgs::session {
using detail::B64;
using detail::fail;

namespace {
constexpr std::size_t kKey = AuthKeyBytes::kSize;

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

[[noreturn]] void invalid(const std::string& why) {
    fail(errc::string_invalid, why);
}

std::uint64_t be(ByteView b, std::size_t off, std::size_t n) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v = (v << 8) | b[off + i];
    return v;
}
void put_be(Bytes& out, std::uint64_t v, std::size_t n) {
    for (std::size_t i = n; i-- > 0;) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

std::optional<AuthKeyBytes> key_at(ByteView b, std::size_t off) {
    AuthKeyBytes k(b.subspan(off, kKey));
    if (k.all_zero()) return std::nullopt;  // Telethon: `if any(key)`
    return k;
}

std::string ip_text(ByteView packed) {
    char buf[INET6_ADDRSTRLEN] = {};
    const int af = packed.size() == 4 ? AF_INET : AF_INET6;
    if (inet_ntop(af, packed.data(), buf, sizeof buf) == nullptr) invalid("bad packed IP");
    return buf;
}

bool ip_like_text(ByteView b) {
    return !b.empty() && std::all_of(b.begin(), b.end(), [](std::uint8_t c) {
        return std::isxdigit(c) || c == '.' || c == ':';
    });
}

// GramJS accepts either alphabet (Buffer.from(s, "base64")).
std::optional<detail::WipedBytes> decode_any_padded(std::string_view body) {
    if (auto b = detail::b64_decode(body, B64::Standard)) return b;
    return detail::b64_decode(body, B64::Urlsafe);
}

SessionData decode_telethon(std::string_view body) {
    auto raw = detail::b64_decode(body, B64::Urlsafe);
    if (!raw || (raw->size() != 1 + 4 + 2 + kKey && raw->size() != 1 + 16 + 2 + kKey)) {
        invalid("not a Telethon string (url-safe, padded base64 of 263 or 275 bytes expected)");
    }
    const std::size_t ip_len = raw->size() - 1 - 2 - kKey;
    SessionData d;
    d.dc_id = (*raw)[0];
    d.server_address = ip_text(ByteView(*raw).subspan(1, ip_len));
    d.port = static_cast<int>(be(*raw, 1 + ip_len, 2));
    d.auth_key = key_at(*raw, 3 + ip_len);
    return d;
}

// Follows GramJS StringSession.load (docs/session-formats.md §4).
SessionData decode_gramjs(std::string_view body) {
    auto raw = decode_any_padded(body);
    if (!raw || raw->size() < 1 + 2 + 2 + kKey)
        invalid("not a GramJS string (base64 of >= 261 bytes expected)");
    const ByteView b(*raw);
    SessionData d;
    d.dc_id = b[0];
    std::size_t off = 1;
    if (body.size() == 352) {
        d.server_address = ip_text(b.subspan(1, 4));
        off = 5;
    } else {
        const auto n = be(b, 1, 2);
        if (n > 100) {
            if (b.size() < 1 + 16 + 2 + kKey)
                invalid("GramJS string too short for an IPv6 address");
            d.server_address = ip_text(b.subspan(1, 16));
            off = 17;
        } else {
            if (b.size() < 3 + n + 2 + kKey)
                invalid("GramJS string shorter than its address length");
            d.server_address.assign(reinterpret_cast<const char*>(b.data() + 3), n);
            off = 3 + n;
        }
    }
    d.port = static_cast<int>(be(b, off, 2));
    off += 2;
    if (b.size() - off != kKey) invalid("GramJS string key is not 256 bytes");
    d.auth_key = key_at(b, off);
    return d;
}

SessionData decode_pyrogram(std::string_view s) {
    auto raw = detail::b64_decode(s, B64::UrlsafeUnpadded);
    if (!raw) invalid("not a Pyrogram string (url-safe unpadded base64 expected)");
    const ByteView b(*raw);
    SessionData d;
    d.dc_id = b[0];
    std::size_t off = 1;
    if (s.size() == 362 && b.size() == 271) {  // >BI?256sQ?
        d.api_id = static_cast<std::int32_t>(be(b, 1, 4));
        off = 5;
    } else if (!((s.size() == 351 && b.size() == 263) || (s.size() == 356 && b.size() == 267))) {
        invalid("Pyrogram strings are 351, 356 or 362 characters");
    }
    d.test_mode = b[off] != 0;
    d.auth_key = key_at(b, off + 1);
    off += 1 + kKey;
    const std::size_t id_len = b.size() - off - 1;  // 4 (old) or 8
    SelfUser u;
    u.id = static_cast<std::int64_t>(be(b, off, id_len));
    u.bot = b[off + id_len] != 0;
    if (u.id != 0) d.user = u;
    try {
        const Endpoint ep = default_endpoint(d.dc_id, d.test_mode);
        d.server_address = ep.host;
        d.port = ep.port;
    } catch (const Error&) {
        // an unknown DC keeps an empty address; the caller must supply one (--dc)
    }
    return d;
}

bool gramjs_layout_at_369(ByteView b) {
    // GramJS's own rule: a length <= 100 followed by that many ASCII IP characters.
    const auto n = be(b, 1, 2);
    return n <= 100 && 1 + 2 + n + 2 + kKey == b.size() && ip_like_text(b.subspan(3, n));
}
}  // namespace

Format detect_string_format(std::string_view s) {
    s = trim(s);
    if (s.size() > 1 && s[0] == '1') {
        const auto body = s.substr(1);
        if (body.size() == 352) {
            if (detail::b64_decode(body, B64::Urlsafe)) return Format::TelethonString;
            invalid("353-character string is not url-safe padded base64");
        }
        if (body.size() == 368) {
            if (auto raw = decode_any_padded(body); raw && gramjs_layout_at_369(*raw))
                return Format::GramjsString;
            if (auto raw = detail::b64_decode(body, B64::Urlsafe); raw && raw->size() == 275) {
                return Format::TelethonString;
            }
            invalid("369-character string is neither a Telethon IPv6 nor a GramJS string");
        }
        decode_gramjs(body);  // throws when it isn't one
        return Format::GramjsString;
    }
    if ((s.size() == 351 || s.size() == 356 || s.size() == 362) &&
        detail::b64_decode(s, B64::UrlsafeUnpadded)) {
        return Format::PyrogramString;
    }
    invalid("not a Telethon, GramJS or Pyrogram session string (length " +
            std::to_string(s.size()) + ")");
}

SessionData decode_string(std::string_view s) {
    return decode_string(s, detect_string_format(s));
}

SessionData decode_string(std::string_view s, Format f) {
    s = trim(s);
    if (f == Format::PyrogramString) return decode_pyrogram(s);
    if (s.empty() || s[0] != '1') invalid("Telethon/GramJS strings start with version '1'");
    if (f == Format::TelethonString) return decode_telethon(s.substr(1));
    if (f == Format::GramjsString) return decode_gramjs(s.substr(1));
    invalid(std::string(format_name(f)) + " is not a string format");
}

std::string encode_string(const SessionData& d, Format f, std::vector<std::string>* dropped) {
    if (!d.auth_key) fail(errc::no_auth_key, "a session string needs an auth key");
    if (d.dc_id < 0 || d.dc_id > 255) fail(errc::address_invalid, "DC id does not fit in a byte");
    if (dropped != nullptr) {
        auto more = dropped_fields(d, f);
        dropped->insert(dropped->end(), more.begin(), more.end());
    }
    const ByteView key = d.auth_key->view();
    Bytes raw;
    raw.push_back(static_cast<std::uint8_t>(d.dc_id));
    switch (f) {
        case Format::TelethonString: {
            std::uint8_t packed[16];
            if (inet_pton(AF_INET, d.server_address.c_str(), packed) == 1) {
                raw.insert(raw.end(), packed, packed + 4);
            } else if (inet_pton(AF_INET6, d.server_address.c_str(), packed) == 1) {
                raw.insert(raw.end(), packed, packed + 16);
            } else {
                fail(errc::address_invalid, "Telethon strings hold only IP addresses");
            }
            if (d.port < 0 || d.port > 65535) fail(errc::address_invalid, "port out of range");
            put_be(raw, static_cast<std::uint64_t>(d.port), 2);
            raw.insert(raw.end(), key.begin(), key.end());
            auto out = "1" + detail::b64_encode(raw, B64::Urlsafe);
            sodium_memzero(raw.data(), raw.size());
            return out;
        }
        case Format::GramjsString: {
            // 1-3 characters would make a 353-char string that GramJS itself reads as Telethon's.
            if (d.server_address.size() < 4 || d.server_address.size() > 100) {
                fail(errc::address_invalid, "GramJS strings need an address of 4-100 characters");
            }
            if (d.port < 0 || d.port > 32767)
                fail(errc::address_invalid, "GramJS writes the port as int16");
            put_be(raw, d.server_address.size(), 2);
            raw.insert(raw.end(), d.server_address.begin(), d.server_address.end());
            put_be(raw, static_cast<std::uint64_t>(d.port), 2);
            raw.insert(raw.end(), key.begin(), key.end());
            auto out = "1" + detail::b64_encode(raw, B64::Standard);
            sodium_memzero(raw.data(), raw.size());
            return out;
        }
        case Format::PyrogramString: {  // >BI?256sQ?
            put_be(raw, static_cast<std::uint32_t>(d.api_id.value_or(0)), 4);
            raw.push_back(d.test_mode ? 1 : 0);
            raw.insert(raw.end(), key.begin(), key.end());
            put_be(raw, d.user ? static_cast<std::uint64_t>(d.user->id) : 0, 8);
            raw.push_back(d.user && d.user->bot.value_or(false) ? 1 : 0);
            auto out = detail::b64_encode(raw, B64::UrlsafeUnpadded);
            sodium_memzero(raw.data(), raw.size());
            return out;
        }
        default:
            fail(errc::string_invalid, std::string(format_name(f)) + " is not a string format");
    }
}

}  // namespace tgs::session
