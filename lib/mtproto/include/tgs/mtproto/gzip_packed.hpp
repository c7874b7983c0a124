// gzip_packed#3072cfa1 packed_data:bytes — gzip compressed TL objects (zlib underneath).
#pragma once

#include <cstddef>

#include "tgs/bytes.hpp"

namespace tgs::mtproto {

inline constexpr std::size_t kDefaultMaxInflated = 16 * 1024 * 1024;

bool is_gzip_packed(ByteView body);

/// Inflates the packed_data of a gzip_packed body. Errors: MSG_GZIP_INVALID (bad gzip),
/// MSG_GZIP_TOO_LARGE (would exceed `max_size`), TL_* (bad framing).
Bytes gzip_unpack(ByteView body, std::size_t max_size = kDefaultMaxInflated);

/// Wraps `object` as a gzip_packed body.
Bytes gzip_pack(ByteView object);

}  // namespace tgs::mtproto
