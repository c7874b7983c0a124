// gzip_packed#3072cfa1 packed_data:bytes — gzip compressed TL objects. The compression is
// tgs::tl::gzip_pack/gzip_unpack; this wrapper adds the TL framing and reports failures with
// this layer's MSG_GZIP_* codes.
#pragma once

#include <cstddef>

#include "tgs/bytes.hpp"
#include "tgs/tl/gzip.hpp"

namespace tgs::mtproto {

inline constexpr std::size_t kDefaultMaxInflated = tl::kGzipMaxUnpacked;

bool is_gzip_packed(ByteView body);

/// Inflates the packed_data of a gzip_packed body. Errors: MSG_GZIP_INVALID (not gzip_packed,
/// bad gzip), MSG_GZIP_TOO_LARGE (would exceed `max_size`), TL_* (bad framing).
Bytes unwrap_gzip_packed(ByteView body, std::size_t max_size = kDefaultMaxInflated);

/// Wraps `object` as a gzip_packed body.
Bytes wrap_gzip_packed(ByteView object);

}  // namespace tgs::mtproto
