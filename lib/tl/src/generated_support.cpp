#include "tgs/tl/generated_support.hpp"

#include <cstdio>
#include <string>

#include "tgs/error.hpp"
#include "tgs/tl/errors.hpp"

namespace tgs::tl {

void throw_unknown_constructor(std::uint32_t id, const char* expected) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%08x", id);
    throw Error(errc::unknown_constructor,
                std::string("unknown constructor ") + hex + " where " + expected + " was expected");
}

void expect_constructor(Reader& r, std::uint32_t id, const char* name) {
    const std::uint32_t got = r.read_uint32();
    if (got != id) throw_unknown_constructor(got, name);
}

RawObject read_length_delimited(Reader& r) {
    const std::int32_t n = r.read_int32();
    if (n < 0 || n % 4 != 0)
        throw Error(errc::bad_length, "object length is negative or unaligned");
    return RawObject::copy_of(r.read_raw(static_cast<std::size_t>(n)));
}

}  // namespace tgs::tl
