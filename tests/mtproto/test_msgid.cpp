// msg_id generation (time, parity, monotonicity, resync) and validation of incoming ids;
// seq_no numbering.
#include <gtest/gtest.h>

#include <set>

#include "test_error_code.hpp"
#include "test_session_support.hpp"
#include "tgs/error.hpp"
#include "tgs/mtproto/msg_id.hpp"
#include "tgs/mtproto/seq_no.hpp"

namespace {

using namespace tgs;
using namespace tgs::mtproto;
using test::error_code_of;

TEST(MsgId, EncodesTimeAndParity) {
    test::FakeClock clock;
    *clock.now_ns = 1'700'000'000LL * kNanosPerSecond + 500'000'000;  // x.5 s
    MsgIdGenerator gen(clock.clock());
    const std::int64_t id = gen.next(MsgIdKind::Client);
    EXPECT_EQ(id >> 32, 1'700'000'000);
    EXPECT_EQ(id & 3, 0);
    // The fraction: 0.5 s is 2^31 in the lower 32 bits.
    EXPECT_EQ(static_cast<std::uint32_t>(id), 0x80000000u);
    EXPECT_EQ(gen.next(MsgIdKind::ServerResponse) & 3, 1);
    EXPECT_EQ(gen.next(MsgIdKind::ServerOther) & 3, 3);
    EXPECT_NEAR(static_cast<double>(msg_id_to_unix_ns(id)), static_cast<double>(*clock.now_ns),
                1.0);
}

TEST(MsgId, StrictlyIncreasingUnderAFrozenOrBackwardClock) {
    test::FakeClock clock;
    *clock.now_ns = 1'700'000'000LL * kNanosPerSecond;  // exact second: fraction 0
    MsgIdGenerator gen(clock.clock());
    std::int64_t last = 0;
    for (int i = 0; i < 1000; ++i) {
        if (i == 500) clock.advance_ms(-2000);  // the wall clock steps back
        const std::int64_t id = gen.next(i % 2 ? MsgIdKind::Client : MsgIdKind::Client);
        EXPECT_GT(id, last);
        EXPECT_EQ(id & 3, 0);
        EXPECT_NE(static_cast<std::uint32_t>(id), 0u);  // lower 32 bits never zero
        last = id;
    }
    // Mixed server kinds keep growing too, each with its own parity.
    std::int64_t prev = gen.next(MsgIdKind::ServerOther);
    for (int i = 0; i < 100; ++i) {
        const auto kind = i % 2 ? MsgIdKind::ServerResponse : MsgIdKind::ServerOther;
        const std::int64_t id = gen.next(kind);
        EXPECT_GT(id, prev);
        EXPECT_EQ(id & 3, kind == MsgIdKind::ServerResponse ? 1 : 3);
        prev = id;
    }
}

TEST(MsgId, SyncToServerMsgIdSetsTheOffset) {
    test::FakeClock clock;
    MsgIdGenerator gen(clock.clock());
    const std::int64_t ahead = gen.next(MsgIdKind::Client);
    // The server is 100 s behind us.
    const std::int64_t server_now = *clock.now_ns - 100 * kNanosPerSecond;
    gen.sync_to_server_msg_id(test::server_msg_id_at(server_now, 0x40000001));
    EXPECT_NEAR(static_cast<double>(gen.time_offset_ns()), -100.0 * 1e9 + 0.25e9, 1e3);
    const std::int64_t id = gen.next(MsgIdKind::Client);
    EXPECT_LT(id, ahead);  // old ids made with the wrong clock no longer hold new ones back
    EXPECT_EQ((id >> 32), server_now / kNanosPerSecond);
}

TEST(MsgIdWindow, ParityAgeFutureAndDuplicates) {
    test::FakeClock clock;
    const std::int64_t now = *clock.now_ns;
    MsgIdWindow w;  // expects server ids
    const auto at = [&](std::int64_t offset_s, std::uint32_t low) {
        return test::server_msg_id_at(now + offset_s * kNanosPerSecond, low);
    };
    EXPECT_EQ(msg_id_error_code(w.check(at(0, 0x100), now, true)), std::string("MSG_ID_PARITY"));
    EXPECT_EQ(msg_id_error_code(w.check(at(0, 0x102), now, true)), std::string("MSG_ID_PARITY"));
    EXPECT_EQ(w.check(at(0, 0x101), now, true), MsgIdVerdict::Accepted);
    EXPECT_EQ(w.check(at(0, 0x103), now, true), MsgIdVerdict::Accepted);
    EXPECT_EQ(msg_id_error_code(w.check(at(-301, 0x101), now, true)),
              std::string("MSG_ID_TOO_OLD"));
    EXPECT_EQ(w.check(at(-299, 0x101), now, true), MsgIdVerdict::Accepted);
    EXPECT_EQ(msg_id_error_code(w.check(at(31, 0x101), now, true)), std::string("MSG_ID_TOO_NEW"));
    EXPECT_EQ(w.check(at(29, 0x101), now, true), MsgIdVerdict::Accepted);
    // Before time is synced only parity and duplicates count.
    EXPECT_EQ(w.check(at(-5000, 0x101), now, false), MsgIdVerdict::Accepted);
    w.remember(at(0, 0x101));
    EXPECT_EQ(msg_id_error_code(w.check(at(0, 0x101), now, true)), std::string("MSG_ID_DUPLICATE"));

    MsgIdRules client_rules;
    client_rules.expect_server_ids = false;
    MsgIdWindow from_client(client_rules);
    EXPECT_EQ(from_client.check(at(0, 0x104), now, true), MsgIdVerdict::Accepted);
    EXPECT_EQ(msg_id_error_code(from_client.check(at(0, 0x105), now, true)),
              std::string("MSG_ID_PARITY"));
}

TEST(MsgIdWindow, BoundedWindowRefusesWhatItForgot) {
    MsgIdRules rules;
    rules.window = 8;
    MsgIdWindow w(rules);
    for (std::int64_t i = 1; i <= 20; ++i) w.remember(i * 4 + 1);
    EXPECT_EQ(msg_id_error_code(w.check(20 * 4 + 1, 0, false)), std::string("MSG_ID_DUPLICATE"));
    // 5 was forgotten: below the window it cannot be told from a replay.
    EXPECT_EQ(msg_id_error_code(w.check(5, 0, false)), std::string("MSG_ID_TOO_OLD"));
    EXPECT_EQ(w.check(21 * 4 + 1, 0, false), MsgIdVerdict::Accepted);
}

TEST(MsgIdWindow, RequireAcceptedThrowsTheVerdictsCode) {
    EXPECT_NO_THROW(require_accepted(MsgIdVerdict::Accepted));
    for (auto v : {MsgIdVerdict::WrongParity, MsgIdVerdict::TooOld, MsgIdVerdict::TooNew,
                   MsgIdVerdict::Duplicate}) {
        try {
            require_accepted(v);
            ADD_FAILURE() << "no throw";
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), msg_id_error_code(v));
        }
    }
    EXPECT_EQ(msg_id_error_code(MsgIdVerdict::Accepted), nullptr);
}

TEST(SeqNo, ContentRelatedOddOthersEven) {
    SeqNoCounter seq;
    // grammers' example: two requests get 1 and 3, then their container 4.
    EXPECT_EQ(seq.next(true), 1);
    EXPECT_EQ(seq.next(true), 3);
    EXPECT_EQ(seq.next(false), 4);
    EXPECT_EQ(seq.next(false), 4);
    EXPECT_EQ(seq.next(true), 5);
    seq.reset();
    EXPECT_EQ(seq.next(false), 0);
}

}  // namespace
