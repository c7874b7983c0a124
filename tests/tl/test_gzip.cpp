#include <gtest/gtest.h>

#include <functional>

#include "test_error_code.hpp"
#include "tgs/error.hpp"
#include "tgs/tl/gzip.hpp"

namespace {

using tgs::Bytes;

using tgs::test::error_code_of;

TEST(Gzip, PackWritesGzipHeaderAndRoundTrips) {
    Bytes data;
    for (int i = 0; i < 5000; ++i) data.push_back(static_cast<std::uint8_t>(i * 7 % 13));
    Bytes packed = tgs::tl::gzip_pack(data);
    ASSERT_GE(packed.size(), 18u);
    EXPECT_EQ(packed[0], 0x1f);  // RFC 1952 magic
    EXPECT_EQ(packed[1], 0x8b);
    EXPECT_EQ(packed[2], 8);  // deflate
    EXPECT_LT(packed.size(), data.size());
    EXPECT_EQ(tgs::tl::gzip_unpack(packed), data);
    EXPECT_EQ(tgs::tl::gzip_unpack(tgs::tl::gzip_pack({})), Bytes{});
}

TEST(Gzip, UnpacksAKnownGzipStream) {
    // `printf 'hello' | gzip -n` (no name, no mtime).
    Bytes known = tgs::from_hex("1f8b0800000000000003cb48cdc9c9070086a6103605000000");
    auto out = tgs::tl::gzip_unpack(known);
    EXPECT_EQ(std::string(out.begin(), out.end()), "hello");
}

TEST(Gzip, SizeCapStopsBombs) {
    Bytes zeros(1 << 20, 0);
    Bytes packed = tgs::tl::gzip_pack(zeros);
    EXPECT_LT(packed.size(), 4096u);
    EXPECT_EQ(error_code_of([&] { tgs::tl::gzip_unpack(packed, 1000); }), "TL_GZIP_TOO_LARGE");
    EXPECT_EQ(tgs::tl::gzip_unpack(packed, zeros.size()).size(), zeros.size());
}

TEST(Gzip, CorruptOrTruncatedInputIsInvalid) {
    Bytes packed = tgs::tl::gzip_pack(tgs::as_bytes("some text that is long enough to deflate"));
    Bytes truncated(packed.begin(), packed.begin() + static_cast<long>(packed.size() / 2));
    EXPECT_EQ(error_code_of([&] { tgs::tl::gzip_unpack(truncated); }), "TL_GZIP_INVALID");
    Bytes garbage{1, 2, 3, 4, 5, 6, 7, 8};
    EXPECT_EQ(error_code_of([&] { tgs::tl::gzip_unpack(garbage); }), "TL_GZIP_INVALID");
    EXPECT_EQ(error_code_of([&] { tgs::tl::gzip_unpack({}); }), "TL_GZIP_INVALID");
}

}  // namespace
