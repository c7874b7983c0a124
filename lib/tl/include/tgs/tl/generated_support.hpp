// Helpers the tlgen-generated sources call; not needed by hand-written code.
#pragma once

#include <cstdint>

#include "tgs/tl/raw_object.hpp"
#include "tgs/tl/reader.hpp"

namespace tgs::tl {

/// Throws tgs::Error("TL_UNKNOWN_CONSTRUCTOR") naming `id` in hex and what was expected.
[[noreturn]] void throw_unknown_constructor(std::uint32_t id, const char* expected);

/// Reads a constructor id and throws TL_UNKNOWN_CONSTRUCTOR unless it is `id`.
void expect_constructor(Reader& r, std::uint32_t id, const char* name);

/// An int length followed by that many bytes (MTProto `message`: `bytes:int body:Object`).
RawObject read_length_delimited(Reader& r);

}  // namespace tgs::tl
