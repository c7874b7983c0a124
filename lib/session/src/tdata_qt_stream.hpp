// The subset of Qt's QDataStream (version Qt_5_1) that Telegram Desktop's data files are made
// of: big-endian integers and length-prefixed byte arrays. Reading past the end throws
// SESSION_TDATA_CORRUPT naming the file, so a truncated file never reads as zeros.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tgs/bytes.hpp"

namespace tgs::session::tdata::detail {

class QtWriter {
  public:
    void u32(std::uint32_t v);
    void i32(std::int32_t v) { u32(static_cast<std::uint32_t>(v)); }
    void u64(std::uint64_t v);
    /// QByteArray: u32 length, then the bytes.
    void bytes(ByteView v);
    /// QString: u32 byte length, then UTF-16BE code units (the text must be ASCII or given
    /// as UTF-16 units already; tdesktop's config strings are).
    void qstring(std::u16string_view s);
    void raw(ByteView v);
    const Bytes& data() const { return out_; }
    Bytes take() { return std::move(out_); }

  private:
    Bytes out_;
};

class QtReader {
  public:
    /// `what` names the file (or part) in error messages.
    QtReader(ByteView in, std::string what) : in_(in), what_(std::move(what)) {}
    std::uint32_t u32();
    std::int32_t i32() { return static_cast<std::int32_t>(u32()); }
    std::uint64_t u64();
    /// QByteArray (a null array, length 0xFFFFFFFF, reads as empty).
    Bytes bytes();
    /// QString, returned as its raw UTF-16BE bytes (only skipped or copied, never shown).
    Bytes qstring_raw();
    Bytes raw(std::size_t n);
    bool at_end() const { return pos_ == in_.size(); }
    std::size_t pos() const { return pos_; }
    ByteView rest() const { return in_.subspan(pos_); }
    [[noreturn]] void fail(const std::string& why) const;

  private:
    void need(std::size_t n) const;
    ByteView in_;
    std::size_t pos_ = 0;
    std::string what_;
};

}  // namespace tgs::session::tdata::detail
