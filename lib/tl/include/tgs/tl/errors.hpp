// The error codes lib/tl throws (as tgs::Error), named once for the throw sites, the layers that
// branch on them and the CLI's exit table (kAll is checked against it).
#pragma once

#include <array>
#include <string_view>

namespace tgs::tl::errc {

/// The data ends before the value does.
inline constexpr const char* truncated = "TL_TRUNCATED";
/// A constructor id the expected type does not have.
inline constexpr const char* unknown_constructor = "TL_UNKNOWN_CONSTRUCTOR";
/// A length prefix or object length that cannot be valid.
inline constexpr const char* bad_length = "TL_BAD_LENGTH";
inline constexpr const char* bad_vector = "TL_BAD_VECTOR";
inline constexpr const char* bad_bool = "TL_BAD_BOOL";
/// Objects nested deeper than tl::Reader::kMaxNesting.
inline constexpr const char* too_deep = "TL_TOO_DEEP";
inline constexpr const char* gzip_invalid = "TL_GZIP_INVALID";
/// gzip data would inflate beyond the caller's limit.
inline constexpr const char* gzip_too_large = "TL_GZIP_TOO_LARGE";
// The layer converter (layered.hpp): objects of another layer's schema.
inline constexpr const char* layer_unknown_constructor = "TL_LAYER_UNKNOWN_CONSTRUCTOR";
inline constexpr const char* layer_type_mismatch = "TL_LAYER_TYPE_MISMATCH";
inline constexpr const char* layer_trailing_bytes = "TL_LAYER_TRAILING_BYTES";

/// Every code above, for completeness tests (each needs a rule in the CLI's exit table).
inline constexpr std::array<std::string_view, 11> kAll{
    truncated,
    unknown_constructor,
    bad_length,
    bad_vector,
    bad_bool,
    too_deep,
    gzip_invalid,
    gzip_too_large,
    layer_unknown_constructor,
    layer_type_mismatch,
    layer_trailing_bytes,
};

}  // namespace tgs::tl::errc
