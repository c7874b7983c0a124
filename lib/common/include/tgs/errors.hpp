// The error codes lib/common throws itself, named once like every layer's (docs/CONVENTIONS.md
// "Errors"). The RESOURCE_* codes every layer shares are in tgs/resource_error.hpp.
#pragma once

#include <array>
#include <string_view>

namespace tgs::common::errc {

/// from_hex was given a character that is not a hex digit, or an odd number of digits.
inline constexpr const char* hex_invalid = "HEX_INVALID";

inline constexpr std::array<std::string_view, 1> kAll{hex_invalid};

}  // namespace tgs::common::errc
