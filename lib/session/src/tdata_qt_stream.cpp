#include "tdata_qt_stream.hpp"

#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session::tdata::detail {

void QtWriter::u32(std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) {
        out_.push_back(static_cast<std::uint8_t>(v >> shift));
    }
}

void QtWriter::u64(std::uint64_t v) {
    u32(static_cast<std::uint32_t>(v >> 32));
    u32(static_cast<std::uint32_t>(v));
}

void QtWriter::bytes(ByteView v) {
    u32(static_cast<std::uint32_t>(v.size()));
    raw(v);
}

void QtWriter::qstring(std::u16string_view s) {
    u32(static_cast<std::uint32_t>(s.size() * 2));
    for (char16_t c : s) {
        out_.push_back(static_cast<std::uint8_t>(c >> 8));
        out_.push_back(static_cast<std::uint8_t>(c));
    }
}

void QtWriter::raw(ByteView v) {
    out_.insert(out_.end(), v.begin(), v.end());
}

void QtReader::fail(const std::string& why) const {
    throw tgs::Error(std::string(errc::tdata_corrupt), what_ + ": " + why);
}

void QtReader::need(std::size_t n) const {
    if (in_.size() - pos_ < n) fail("truncated");
}

std::uint32_t QtReader::u32() {
    need(4);
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | in_[pos_ + i];
    pos_ += 4;
    return v;
}

std::uint64_t QtReader::u64() {
    const std::uint64_t hi = u32();
    return (hi << 32) | u32();
}

Bytes QtReader::bytes() {
    const auto n = u32();
    if (n == 0xFFFFFFFFu) return {};
    return raw(n);
}

Bytes QtReader::qstring_raw() {
    const auto n = u32();
    if (n == 0xFFFFFFFFu) return {};
    if (n % 2 != 0) fail("odd QString length");
    return raw(n);
}

Bytes QtReader::raw(std::size_t n) {
    need(n);
    Bytes out(in_.begin() + static_cast<std::ptrdiff_t>(pos_),
              in_.begin() + static_cast<std::ptrdiff_t>(pos_ + n));
    pos_ += n;
    return out;
}

}  // namespace tgs::session::tdata::detail
