// Hash functions and KDF primitives (OpenSSL libcrypto underneath).
#pragma once

#include <array>
#include <initializer_list>

#include "tgs/bytes.hpp"

namespace tgs::crypto {

using Md5Digest = std::array<std::uint8_t, 16>;
using Sha1Digest = std::array<std::uint8_t, 20>;
using Sha256Digest = std::array<std::uint8_t, 32>;
using Sha512Digest = std::array<std::uint8_t, 64>;

/// Digests of the concatenation of `parts` (no copy of the parts is made).
/// MD5 only for formats that checksum with it (Telegram Desktop's "TDF$" files), never for
/// security.
Md5Digest md5(std::initializer_list<ByteView> parts);
Sha1Digest sha1(std::initializer_list<ByteView> parts);
Sha256Digest sha256(std::initializer_list<ByteView> parts);
Sha512Digest sha512(std::initializer_list<ByteView> parts);
inline Sha1Digest sha1(ByteView data) {
    return sha1({data});
}
inline Sha256Digest sha256(ByteView data) {
    return sha256({data});
}
inline Sha512Digest sha512(ByteView data) {
    return sha512({data});
}

Sha256Digest hmac_sha256(ByteView key, ByteView message);
Bytes pbkdf2_hmac_sha512(ByteView password, ByteView salt, int iterations, std::size_t out_len);

/// zlib/IEEE CRC32, as used by the full transport and TL constructor ids.
std::uint32_t crc32(ByteView data);

}  // namespace tgs::crypto
