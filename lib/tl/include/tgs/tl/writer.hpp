// TL serialization primitives (little-endian, 4-byte aligned), shared by hand-written and
// generated code.
#pragma once

#include <cstdint>
#include <string_view>

#include "tgs/bytes.hpp"

namespace tgs::tl {

inline constexpr std::uint32_t kBoolTrue = 0x997275b5;
inline constexpr std::uint32_t kBoolFalse = 0xbc799737;
inline constexpr std::uint32_t kVector = 0x1cb5c415;

class Writer {
  public:
    Writer() = default;
    explicit Writer(std::size_t reserve) { out_.reserve(reserve); }

    void write_int32(std::int32_t v) { write_uint32(static_cast<std::uint32_t>(v)); }
    void write_uint32(std::uint32_t v);
    void write_int64(std::int64_t v) { write_uint64(static_cast<std::uint64_t>(v)); }
    void write_uint64(std::uint64_t v);
    void write_double(double v);
    void write_int128(const Int128& v) { write_raw(v); }
    void write_int256(const Int256& v) { write_raw(v); }
    void write_bool(bool v) { write_uint32(v ? kBoolTrue : kBoolFalse); }
    /// TL bytes/string: 1-byte length (<254) or 0xfe + 3-byte length, data, zero padding to 4.
    void write_bytes(ByteView v);
    void write_string(std::string_view v) { write_bytes(as_bytes(v)); }
    void write_raw(ByteView v) { out_.insert(out_.end(), v.begin(), v.end()); }
    /// Header of a boxed vector: the Vector constructor id and the element count.
    void write_vector_header(std::size_t count);

    const Bytes& data() const { return out_; }
    std::size_t size() const { return out_.size(); }
    Bytes take() { return std::move(out_); }

  private:
    Bytes out_;
};

}  // namespace tgs::tl
