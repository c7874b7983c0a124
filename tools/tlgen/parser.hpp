// Parses .tl text (comments, sections, flags, generics, vectors) into a tlgen::Schema.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "schema.hpp"

namespace tlgen {

/// Throws std::runtime_error naming the offending line on malformed input or dangling references.
Schema parse_schema(std::string_view text);

/// The text whose CRC32 is a combinator's id: `#id` dropped, `{X:Type}` → `X:Type`, `flags.N?true`
/// fields dropped, `:bytes`/`?bytes` → string, `<` → space, `>` and `%` dropped, spaces collapsed.
std::string normalized_for_id(std::string_view statement);

std::uint32_t crc32(std::string_view data);

/// One constructor statement (`name#id fields = Type`, no trailing `;`), references unchecked.
Combinator parse_constructor(const std::string& statement);

}  // namespace tlgen
