#include "tgs/tl/reader.hpp"

#include <bit>
#include <cstring>
#include <string>

#include "tgs/error.hpp"
#include "tgs/tl/errors.hpp"
#include "tgs/tl/writer.hpp"

namespace tgs::tl {

ByteView Reader::take(std::size_t n) {
    if (n > remaining()) throw Error(errc::truncated, "TL data ends before the value does");
    ByteView out = data_.subspan(pos_, n);
    pos_ += n;
    return out;
}

std::uint32_t Reader::read_uint32() {
    auto b = take(4);
    return std::uint32_t(b[0]) | std::uint32_t(b[1]) << 8 | std::uint32_t(b[2]) << 16 |
           std::uint32_t(b[3]) << 24;
}

std::uint64_t Reader::read_uint64() {
    std::uint64_t lo = read_uint32();
    std::uint64_t hi = read_uint32();
    return lo | hi << 32;
}

double Reader::read_double() {
    return std::bit_cast<double>(read_uint64());
}

Int128 Reader::read_int128() {
    Int128 v;
    auto b = take(v.size());
    std::memcpy(v.data(), b.data(), v.size());
    return v;
}

Int256 Reader::read_int256() {
    Int256 v;
    auto b = take(v.size());
    std::memcpy(v.data(), b.data(), v.size());
    return v;
}

bool Reader::read_bool() {
    auto id = read_uint32();
    if (id == kBoolTrue) return true;
    if (id == kBoolFalse) return false;
    throw Error(errc::bad_bool, "expected boolTrue or boolFalse");
}

ByteView Reader::read_length_prefixed() {
    std::size_t len = take(1)[0];
    std::size_t header = 1;
    if (len == 254) {
        auto b = take(3);
        len = std::size_t(b[0]) | std::size_t(b[1]) << 8 | std::size_t(b[2]) << 16;
        header = 4;
    } else if (len == 255) {
        throw Error(errc::bad_length, "byte string length prefix 0xff is not valid");
    }
    auto data = take(len);
    take((4 - (header + len) % 4) % 4);
    return data;
}

Bytes Reader::read_bytes() {
    auto v = read_length_prefixed();
    return Bytes(v.begin(), v.end());
}

std::string Reader::read_string() {
    auto v = read_length_prefixed();
    return std::string(v.begin(), v.end());
}

std::size_t Reader::read_vector_header() {
    if (read_uint32() != kVector) throw Error(errc::bad_vector, "expected a Vector constructor");
    return read_bare_vector_count();
}

std::size_t Reader::read_bare_vector_count() {
    std::uint32_t n = read_uint32();
    // Every element takes at least 4 bytes, so a count beyond that is a lie.
    if (n > remaining() / 4) throw Error(errc::bad_vector, "vector count exceeds the data");
    return n;
}

Reader::Nesting::Nesting(Reader& r) : r_(r) {
    if (++r_.depth_ > kMaxNesting) {
        --r_.depth_;
        throw Error(errc::too_deep, "TL objects nested deeper than " + std::to_string(kMaxNesting));
    }
}

ByteView Reader::read_raw(std::size_t n) {
    return take(n);
}

ByteView Reader::read_rest() {
    return take(remaining());
}

std::uint32_t Reader::peek_uint32() const {
    Reader copy = *this;
    return copy.read_uint32();
}

}  // namespace tgs::tl
