// AuthKeyBytes: a copyable value over crypto::SecureBuffer, so SessionData copies and compares
// like a plain struct while every copy of the key lives in its own secure allocation.
#include <gtest/gtest.h>

#include <utility>

#include "session_test_util.hpp"
#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"
#include "tgs/session/sealed.hpp"
#include "tgs/session/secure_key.hpp"

namespace tgs::session {
namespace {

TEST(AuthKeyBytes, CopiesAreEqualButSeparate) {
    const AuthKeyBytes a(test::key_bytes(3));
    AuthKeyBytes b = a;
    EXPECT_EQ(a, b);
    EXPECT_NE(a.view().data(), b.view().data());  // a deep copy, not shared memory
    EXPECT_EQ(Bytes(b.view().begin(), b.view().end()), test::key_bytes(3));

    AuthKeyBytes c(test::key_bytes(4));
    EXPECT_FALSE(a == c);
    c = a;
    EXPECT_EQ(c, a);
    EXPECT_NE(c.view().data(), a.view().data());

    const AuthKeyBytes moved(std::move(b));
    EXPECT_EQ(moved, a);
}

TEST(AuthKeyBytes, SizeIsCheckedAndZeroKeysRecognised) {
    try {
        AuthKeyBytes bad(Bytes(255, 1));
        FAIL() << "a 255-byte key was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), errc::key_invalid);
    }
    EXPECT_TRUE(AuthKeyBytes(Bytes(256, 0)).all_zero());
    Bytes one_bit(256, 0);
    one_bit[255] = 1;
    EXPECT_FALSE(AuthKeyBytes(one_bit).all_zero());
}

TEST(AuthKeyBytes, SessionDataCopiesCompareEqual) {
    const SessionData d = test::sample_session(5);
    SessionData copy = d;
    EXPECT_EQ(copy, d);
    copy.auth_key.emplace(test::key_bytes(6));
    EXPECT_FALSE(copy == d);
}

TEST(SealKey, CopyKeepsTheSecretInItsOwnBuffer) {
    const SealKey k = SealKey::raw(Bytes(32, 9));
    const SealKey copy = k;  // NOLINT(performance-unnecessary-copy-initialization): the point
    ASSERT_EQ(copy.secret().size(), 32u);
    EXPECT_NE(copy.secret().data(), k.secret().data());
    EXPECT_EQ(Bytes(copy.secret().view().begin(), copy.secret().view().end()), Bytes(32, 9));
    EXPECT_FALSE(copy.is_passphrase());
}

}  // namespace
}  // namespace tgs::session
