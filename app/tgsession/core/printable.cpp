#include "printable.hpp"

#include <cstdint>

namespace tgsession {
namespace {

void escape_byte(std::string& out, std::uint32_t v) {
    static const char* const kHex = "0123456789abcdef";
    out += "\\x";
    out += kHex[(v >> 4) & 0xf];
    out += kHex[v & 0xf];
}

/// Length of the valid UTF-8 sequence starting at s[i] (its code point in *cp), or 0.
std::size_t utf8_sequence(std::string_view s, std::size_t i, std::uint32_t* cp) {
    const auto b0 = static_cast<std::uint8_t>(s[i]);
    std::size_t len = 0;
    std::uint32_t v = 0;
    std::uint32_t min = 0;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
        len = 2, v = b0 & 0x1f, min = 0x80;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
        len = 3, v = b0 & 0x0f, min = 0x800;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
        len = 4, v = b0 & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<std::uint8_t>(s[i + k]);
        if ((b & 0xc0) != 0x80) return 0;
        v = (v << 6) | (b & 0x3f);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not valid UTF-8.
    if (v < min || (v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff) return 0;
    *cp = v;
    return len;
}

}  // namespace

std::string printable(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<std::uint8_t>(s[i]);
        if (b < 0x80) {
            if (b < 0x20 || b == 0x7f) {
                escape_byte(out, b);
            } else {
                out += static_cast<char>(b);
            }
            ++i;
            continue;
        }
        std::uint32_t cp = 0;
        const std::size_t len = utf8_sequence(s, i, &cp);
        if (len == 0) {
            escape_byte(out, b);  // not UTF-8: a lone 0x9b is CSI to an 8-bit terminal
            ++i;
        } else if (cp >= 0x80 && cp <= 0x9f) {
            escape_byte(out, cp);  // C1 controls encoded in UTF-8
            i += len;
        } else {
            out.append(s.substr(i, len));
            i += len;
        }
    }
    return out;
}

}  // namespace tgsession
