// Byte-string vocabulary shared by every layer.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tgs {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;
using MutableByteView = std::span<std::uint8_t>;

using Int128 = std::array<std::uint8_t, 16>;  // TL int128, kept as raw wire bytes
using Int256 = std::array<std::uint8_t, 32>;  // TL int256, kept as raw wire bytes

/// Lower-case hex of raw bytes.
std::string to_hex(ByteView data);
/// Parses hex (case-insensitive, whitespace ignored); throws tgs::Error with
/// common::errc::hex_invalid (tgs/errors.hpp) otherwise.
Bytes from_hex(std::string_view hex);

inline ByteView as_bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

inline Bytes concat(std::initializer_list<ByteView> parts) {
    Bytes out;
    for (auto p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

}  // namespace tgs
