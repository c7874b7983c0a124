// gzip for TL's gzip_packed: the server may wrap any answer; we may wrap large requests.
#pragma once

#include <cstddef>

#include "tgs/bytes.hpp"

namespace tgs::tl {

/// Largest unpacked payload accepted by default (a gzip bomb must not exhaust memory).
inline constexpr std::size_t kGzipMaxUnpacked = 16u << 20;

/// Inflates gzip (or zlib) data. Throws tgs::Error(errc::gzip_too_large) once the output would
/// exceed `max_size`, and errc::gzip_invalid on corrupt or truncated input.
Bytes gzip_unpack(ByteView packed, std::size_t max_size = kGzipMaxUnpacked);

/// Deflates into the gzip format (RFC 1952 header), as Telegram expects in gzip_packed.
Bytes gzip_pack(ByteView data);

}  // namespace tgs::tl
