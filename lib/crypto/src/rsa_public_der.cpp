#include "rsa_public_der.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace tgs::crypto::detail {

namespace {

constexpr std::string_view kPkcs1Begin = "-----BEGIN RSA PUBLIC KEY-----";
constexpr std::string_view kPkcs1End = "-----END RSA PUBLIC KEY-----";
constexpr std::string_view kSpkiBegin = "-----BEGIN PUBLIC KEY-----";
constexpr std::string_view kSpkiEnd = "-----END PUBLIC KEY-----";

// DER of the rsaEncryption AlgorithmIdentifier's contents: OID 1.2.840.113549.1.1.1, NULL.
constexpr std::array<std::uint8_t, 13> kRsaAlgorithm = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7,
                                                        0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

// Standard base64 with whitespace between groups; '=' only as the final padding.
std::optional<Bytes> base64_decode(std::string_view text) {
    Bytes out;
    std::uint32_t acc = 0;
    int bits = 0, pad = 0;
    for (char c : text) {
        if (is_space(c)) continue;
        if (c == '=') {
            ++pad;
            continue;
        }
        const int v = base64_value(c);
        if (v < 0 || pad > 0) return std::nullopt;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>(acc >> bits));
        }
    }
    // Leftover bits must be zero padding and the '=' count must complete the last group.
    if (pad > 2 || (acc & ((1u << bits) - 1)) != 0) return std::nullopt;
    if (bits == 6 || (bits == 0 && pad != 0) || (bits == 2 && pad != 2) || (bits == 4 && pad != 1))
        return std::nullopt;
    return out;
}

// One DER element with tag `tag` at the front of `in`: its contents, `in` advanced past it.
// Definite, minimally encoded lengths only (up to 2 length bytes: keys are a few hundred bytes).
std::optional<ByteView> take(ByteView& in, std::uint8_t tag) {
    if (in.size() < 2 || in[0] != tag) return std::nullopt;
    std::size_t len = in[1], head = 2;
    if (len == 0x81) {
        if (in.size() < 3 || in[2] < 0x80) return std::nullopt;
        len = in[2];
        head = 3;
    } else if (len == 0x82) {
        if (in.size() < 4 || in[2] == 0) return std::nullopt;
        len = (std::size_t{in[2]} << 8) | in[3];
        if (len < 0x100) return std::nullopt;
        head = 4;
    } else if (len >= 0x80) {
        return std::nullopt;
    }
    if (in.size() - head < len) return std::nullopt;
    const ByteView contents = in.subspan(head, len);
    in = in.subspan(head + len);
    return contents;
}

// A positive INTEGER in minimal form, as big-endian bytes without the sign byte.
std::optional<Bytes> take_positive_integer(ByteView& in) {
    const auto v = take(in, 0x02);
    if (!v || v->empty() || ((*v)[0] & 0x80) != 0) return std::nullopt;
    ByteView digits = *v;
    if (digits[0] == 0) {
        if (digits.size() == 1 || (digits[1] & 0x80) == 0) return std::nullopt;  // not minimal
        digits = digits.subspan(1);
    }
    return Bytes(digits.begin(), digits.end());
}

// RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }, nothing after it.
std::optional<RsaPublicParts> parse_pkcs1(ByteView der) {
    auto seq = take(der, 0x30);
    if (!seq || !der.empty()) return std::nullopt;
    auto n = take_positive_integer(*seq);
    if (!n) return std::nullopt;
    auto e = take_positive_integer(*seq);
    if (!e || !seq->empty()) return std::nullopt;
    return RsaPublicParts{std::move(*n), std::move(*e)};
}

// SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier (rsaEncryption, NULL),
//                                     BIT STRING (0 unused bits) holding RSAPublicKey }.
std::optional<RsaPublicParts> parse_spki(ByteView der) {
    auto seq = take(der, 0x30);
    if (!seq || !der.empty()) return std::nullopt;
    const auto alg = take(*seq, 0x30);
    if (!alg || !std::equal(alg->begin(), alg->end(), kRsaAlgorithm.begin(), kRsaAlgorithm.end()))
        return std::nullopt;
    const auto bits = take(*seq, 0x03);
    if (!bits || !seq->empty() || bits->empty() || (*bits)[0] != 0) return std::nullopt;
    return parse_pkcs1(bits->subspan(1));
}

// The text between the markers as OpenSSL's PEM reader takes it (the decoder this reader stands
// in for): the BEGIN line ends in white space at most, every line of the body holds base64 (a
// blank line ends the body there, and the key with it), and END starts a line.
bool body_lines_ok(std::string_view body) {
    const auto first = body.find('\n');
    if (first == std::string_view::npos || body.back() != '\n') return false;
    if (body.substr(0, first).find_first_not_of(" \t\r") != std::string_view::npos) return false;
    for (auto rest = body.substr(first + 1); !rest.empty();) {
        const auto nl = rest.find('\n');
        auto line = rest.substr(0, nl);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find('\r') != std::string_view::npos) return false;
        if (line.find_first_not_of(" \t") == std::string_view::npos) return false;
        rest = rest.substr(nl + 1);
    }
    return true;
}

}  // namespace

std::optional<RsaPublicParts> parse_rsa_public_pem(std::string_view text) {
    const auto pem = trim(text);
    // BEGIN must start a line: OpenSSL finds no key in "\t-----BEGIN ...".
    const auto lead = static_cast<std::size_t>(pem.data() - text.data());
    if (lead > 0 && text[lead - 1] != '\n') return std::nullopt;
    const bool pkcs1 = pem.starts_with(kPkcs1Begin) && pem.ends_with(kPkcs1End);
    const bool spki = pem.starts_with(kSpkiBegin) && pem.ends_with(kSpkiEnd);
    if (!pkcs1 && !spki) return std::nullopt;
    const auto begin = pkcs1 ? kPkcs1Begin : kSpkiBegin;
    const auto end = pkcs1 ? kPkcs1End : kSpkiEnd;
    if (pem.size() < begin.size() + end.size()) return std::nullopt;
    const auto body = pem.substr(begin.size(), pem.size() - begin.size() - end.size());
    if (!body_lines_ok(body)) return std::nullopt;
    const auto der = base64_decode(body);
    if (!der) return std::nullopt;
    return pkcs1 ? parse_pkcs1(*der) : parse_spki(*der);
}

}  // namespace tgs::crypto::detail
