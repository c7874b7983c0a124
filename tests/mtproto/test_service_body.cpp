// Service messages are the generated tgs::tl::mt types; these check the two helpers that read
// them out of bodies (service.hpp) and that the hand-written container codec (kept for its
// MSG_CONTAINER_* bounds checks) agrees with the generated msg_container both ways.
#include <gtest/gtest.h>

#include <variant>

#include "test_error_code.hpp"
#include "tgs/error.hpp"
#include "tgs/mtproto/container.hpp"
#include "tgs/mtproto/service.hpp"
#include "tgs/tl/mt.hpp"
#include "tgs/tl/reader.hpp"

namespace {

using namespace tgs;
using namespace tgs::mtproto;
namespace mt = tgs::tl::mt;
using test::error_code_of;

TEST(ServiceBody, ConstructorOfAndParseBody) {
    const Bytes pong = mt::serialize(mt::pong{7, 42});
    EXPECT_EQ(constructor_of(pong), 0x347773c5u);
    const auto back = parse_body<mt::pong>(pong);
    EXPECT_EQ(back.msg_id, 7);
    EXPECT_EQ(back.ping_id, 42);
    // A boxed type reads any of its constructors.
    const auto info =
        parse_body<mt::MsgDetailedInfo>(mt::serialize(mt::msg_new_detailed_info{9, 16, 0}));
    ASSERT_TRUE(std::holds_alternative<mt::msg_new_detailed_info>(info));
    EXPECT_EQ(std::get<mt::msg_new_detailed_info>(info).answer_msg_id, 9);

    const Bytes ping = mt::serialize(mt::ping{42});
    EXPECT_EQ(error_code_of([&] { parse_body<mt::pong>(ping); }), "TL_UNKNOWN_CONSTRUCTOR");
    EXPECT_EQ(error_code_of([&] { parse_body<mt::pong>(ByteView(pong).first(12)); }),
              "TL_TRUNCATED");
    EXPECT_EQ(error_code_of([] { constructor_of(Bytes{1, 2, 3}); }), "MSG_BAD_LENGTH");
}

TEST(ServiceBody, GeneratedReaderParsesOurContainer) {
    const std::vector<InnerMessage> inner = {{100, 1, mt::serialize(mt::ping{1})},
                                             {104, 2, mt::serialize(mt::pong{100, 1})}};
    const Bytes body = pack_container(inner);
    tl::Reader r(body);
    const auto parsed = mt::read<mt::msg_container>(r);
    ASSERT_EQ(parsed.messages.size(), 2u);
    EXPECT_EQ(parsed.messages[0].msg_id, 100);
    EXPECT_EQ(parsed.messages[1].seqno, 2);
    EXPECT_EQ(parsed.messages[1].body.data, inner[1].body);
    EXPECT_TRUE(r.at_end());
}

TEST(ServiceBody, OurContainerReaderParsesTheGeneratedOne) {
    mt::msg_container c;
    c.messages.push_back(mt::message{100, 1, tl::RawObject{mt::serialize(mt::ping{1})}});
    c.messages.push_back(mt::message{104, 2, tl::RawObject{mt::serialize(mt::msgs_ack{{100}})}});
    const Bytes body = mt::serialize(c);
    const auto inner = unpack_container(body, 200);
    ASSERT_EQ(inner.size(), 2u);
    EXPECT_EQ(inner[0].msg_id, 100);
    EXPECT_EQ(inner[1].seq_no, 2);
    EXPECT_EQ(inner[1].body, c.messages[1].body.data);
    EXPECT_EQ(pack_container(inner), body);
}

}  // namespace
