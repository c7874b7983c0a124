// Bounds-checked TL deserialization. Every read past the end throws tgs::Error("TL_TRUNCATED");
// malformed values throw a specific tgs::Error (TL_BAD_BOOL, TL_BAD_VECTOR, TL_BAD_LENGTH).
#pragma once

#include <cstdint>
#include <string>

#include "tgs/bytes.hpp"

namespace tgs::tl {

class Reader {
  public:
    explicit Reader(ByteView data) : data_(data) {}

    std::int32_t read_int32() { return static_cast<std::int32_t>(read_uint32()); }
    std::uint32_t read_uint32();
    std::int64_t read_int64() { return static_cast<std::int64_t>(read_uint64()); }
    std::uint64_t read_uint64();
    double read_double();
    Int128 read_int128();
    Int256 read_int256();
    bool read_bool();
    Bytes read_bytes();
    std::string read_string();
    /// Reads a boxed vector header and returns the element count (bounded by what remains).
    std::size_t read_vector_header();
    /// Reads a bare vector's count (no constructor id).
    std::size_t read_bare_vector_count();
    ByteView read_raw(std::size_t n);
    /// Everything not yet consumed (used for `!X` and `Object` payloads).
    ByteView read_rest();

    std::uint32_t peek_uint32() const;

    /// Objects may nest at most this deep (a hostile peer could otherwise exhaust the stack
    /// with e.g. jsonArray inside jsonArray ...): TL_TOO_DEEP.
    static constexpr int kMaxNesting = 64;
    /// Held while reading one boxed object; generated readers take one per boxed type.
    class Nesting {
      public:
        explicit Nesting(Reader& r);
        ~Nesting() { --r_.depth_; }
        Nesting(const Nesting&) = delete;
        Nesting& operator=(const Nesting&) = delete;

      private:
        Reader& r_;
    };
    std::size_t remaining() const { return data_.size() - pos_; }
    std::size_t position() const { return pos_; }
    bool at_end() const { return pos_ == data_.size(); }

  private:
    ByteView take(std::size_t n);
    ByteView read_length_prefixed();

    ByteView data_;
    std::size_t pos_ = 0;
    int depth_ = 0;
};

}  // namespace tgs::tl
