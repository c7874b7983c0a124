// msg_container packing and the bounds unpack_container enforces.
#include <gtest/gtest.h>

#include "test_error_code.hpp"
#include "tgs/error.hpp"
#include "tgs/mtproto/container.hpp"
#include "tgs/mtproto/gzip_packed.hpp"
#include "tgs/mtproto/service.hpp"
#include "tgs/tl/reader.hpp"
#include "tgs/tl/writer.hpp"

namespace {

using namespace tgs;
using namespace tgs::mtproto;
using test::error_code_of;
namespace mt = tgs::tl::mt;

std::vector<InnerMessage> some_messages(std::size_t n) {
    std::vector<InnerMessage> v;
    for (std::size_t i = 0; i < n; ++i) {
        v.push_back({static_cast<std::int64_t>(1000 + 4 * i), static_cast<std::int32_t>(2 * i + 1),
                     mt::serialize(mt::ping{static_cast<std::int64_t>(i)})});
    }
    return v;
}

TEST(Container, PackUnpackRoundTrip) {
    const auto msgs = some_messages(3);
    const Bytes body = pack_container(msgs);
    EXPECT_TRUE(is_container(body));
    const auto back = unpack_container(body, 2000);
    ASSERT_EQ(back.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(back[i].msg_id, msgs[i].msg_id);
        EXPECT_EQ(back[i].seq_no, msgs[i].seq_no);
        EXPECT_EQ(back[i].body, msgs[i].body);
    }
}

TEST(Container, AtMost1024Messages) {
    EXPECT_EQ(error_code_of([] { pack_container(some_messages(1024)); }), "no error");
    EXPECT_EQ(error_code_of([] { pack_container(some_messages(1025)); }),
              "MSG_CONTAINER_TOO_LARGE");
    // Hand-built container claiming 1025 messages (really holding them).
    tl::Writer w;
    w.write_uint32(mt::msg_container::ID);
    w.write_int32(1025);
    for (int i = 0; i < 1025; ++i) {
        w.write_int64(1000 + 4 * i);
        w.write_int32(0);
        w.write_int32(12);
        w.write_raw(mt::serialize(mt::ping{i}));
    }
    EXPECT_EQ(error_code_of([&] { unpack_container(w.data(), 1 << 30); }),
              "MSG_CONTAINER_TOO_LARGE");
}

TEST(Container, NoNesting) {
    auto msgs = some_messages(1);
    msgs.push_back({2000, 2, pack_container(some_messages(1))});
    EXPECT_EQ(error_code_of([&] { pack_container(msgs); }), "MSG_CONTAINER_NESTED");
    tl::Writer w;
    w.write_uint32(mt::msg_container::ID);
    w.write_int32(1);
    const Bytes inner = pack_container(some_messages(1));
    w.write_int64(3000);
    w.write_int32(0);
    w.write_int32(static_cast<std::int32_t>(inner.size()));
    w.write_raw(inner);
    EXPECT_EQ(error_code_of([&] { unpack_container(w.data(), 4000); }), "MSG_CONTAINER_NESTED");
}

TEST(Container, BoundsAndIds) {
    const Bytes good = pack_container(some_messages(2));
    // Container id must exceed inner ids.
    EXPECT_EQ(error_code_of([&] { unpack_container(good, 1004); }), "MSG_CONTAINER_INVALID");
    // Truncated, trailing bytes, negative count, odd length, length past end.
    Bytes cut(good.begin(), good.end() - 4);
    EXPECT_EQ(error_code_of([&] { unpack_container(cut, 5000); }), "MSG_CONTAINER_INVALID");
    Bytes trailing = good;
    trailing.insert(trailing.end(), 4, 0);
    EXPECT_EQ(error_code_of([&] { unpack_container(trailing, 5000); }), "MSG_CONTAINER_INVALID");
    Bytes negative = good;
    negative[4] = 0xff, negative[5] = 0xff, negative[6] = 0xff, negative[7] = 0xff;
    EXPECT_EQ(error_code_of([&] { unpack_container(negative, 5000); }), "MSG_CONTAINER_INVALID");
    Bytes huge_count = good;
    huge_count[4] = 0x00, huge_count[5] = 0x03;  // 768 messages claimed, 2 present
    EXPECT_EQ(error_code_of([&] { unpack_container(huge_count, 5000); }), "MSG_CONTAINER_INVALID");
    Bytes odd_len = good;
    odd_len[8 + 12] = 13;  // first message's bytes field
    EXPECT_EQ(error_code_of([&] { unpack_container(odd_len, 5000); }), "MSG_CONTAINER_INVALID");
    Bytes long_len = good;
    long_len[8 + 12] = 0, long_len[8 + 13] = 1;  // 256 bytes: past the end
    EXPECT_EQ(error_code_of([&] { unpack_container(long_len, 5000); }), "MSG_CONTAINER_INVALID");
}

TEST(GzipPacked, RoundTripAndSizeCap) {
    Bytes object(10000);
    for (std::size_t i = 0; i < object.size(); ++i) object[i] = static_cast<std::uint8_t>(i % 7);
    const Bytes packed = wrap_gzip_packed(object);
    EXPECT_TRUE(is_gzip_packed(packed));
    EXPECT_LT(packed.size(), object.size() / 4);
    EXPECT_EQ(unwrap_gzip_packed(packed), object);
    EXPECT_EQ(error_code_of([&] { unwrap_gzip_packed(packed, 9999); }), "MSG_GZIP_TOO_LARGE");
    Bytes broken = packed;
    broken[20] ^= 0xff;
    EXPECT_NE(error_code_of([&] { unwrap_gzip_packed(broken); }), "no error");
    // Cut the compressed stream short (re-framed so only the gzip data is truncated).
    tl::Writer w;
    w.write_uint32(mt::gzip_packed::ID);
    tl::Reader r(packed);
    r.read_uint32();
    Bytes data = r.read_bytes();
    data.resize(data.size() / 2);
    w.write_bytes(data);
    EXPECT_EQ(error_code_of([&] { unwrap_gzip_packed(w.data()); }), "MSG_GZIP_INVALID");
}

}  // namespace
