// SecureBuffer, AuthKey, constant-time compare and the core-dump switch.
#include <gtest/gtest.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <algorithm>
#include <set>
#include <vector>

#include "tgs/crypto/secure.hpp"
#include "tgs/error.hpp"

namespace {

using tgs::Bytes;
namespace crypto = tgs::crypto;

TEST(SecureBuffer, ZeroFilledCopyMoveClone) {
    crypto::SecureBuffer zero(64);
    ASSERT_EQ(zero.size(), 64u);
    EXPECT_EQ(Bytes(zero.view().begin(), zero.view().end()), Bytes(64, 0));

    const Bytes secret = {1, 2, 3, 4, 5};
    crypto::SecureBuffer a(secret);
    EXPECT_EQ(Bytes(a.view().begin(), a.view().end()), secret);

    crypto::SecureBuffer c = a.clone();
    c.data()[0] = 9;
    EXPECT_EQ(a.data()[0], 1);  // independent storage
    EXPECT_NE(c.data(), a.data());

    crypto::SecureBuffer m(std::move(a));
    EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): documented moved-from state
    EXPECT_EQ(m.size(), secret.size());
    m = std::move(c);
    EXPECT_EQ(m.data()[0], 9);
    EXPECT_TRUE(crypto::SecureBuffer().empty());
    EXPECT_TRUE(crypto::SecureBuffer(0).empty());
}

TEST(SecureBuffer, ReusedBlocksComeBackZeroed) {
    // Released blocks are kept for the next buffer of the same size (no new mapping per
    // session file); what the previous owner wrote must be gone.
    std::uint8_t* first = nullptr;
    {
        crypto::SecureBuffer a(Bytes(777, 0xAB));
        first = a.data();
    }
    crypto::SecureBuffer b(777);
    EXPECT_EQ(b.data(), first) << "the released block is reused";
    EXPECT_EQ(Bytes(b.view().begin(), b.view().end()), Bytes(777, 0));
    crypto::SecureBuffer c(777);  // none left to reuse: a new block
    EXPECT_NE(c.data(), b.data());
    b = crypto::SecureBuffer(Bytes(777, 0xCD));  // move-assign releases b's old block
    crypto::SecureBuffer d(777);
    EXPECT_EQ(Bytes(d.view().begin(), d.view().end()), Bytes(777, 0));
}

TEST(SecureBuffer, SmallBuffersShareArenasAndComeBackZeroed) {
    // Buffers of up to 256 bytes are slots of shared locked arenas (secure_alloc.cpp): more
    // than one arena's worth at once are all distinct, each starts zeroed, and a released slot
    // is wiped before its next owner sees it.
    std::vector<crypto::SecureBuffer> held;
    for (std::size_t i = 0; i < 200; ++i) {
        held.emplace_back(1 + i % 256);
        const auto& b = held.back();
        ASSERT_EQ(b.size(), 1 + i % 256);
        EXPECT_EQ(Bytes(b.view().begin(), b.view().end()), Bytes(b.size(), 0));
        std::fill(held.back().data(), held.back().data() + b.size(), std::uint8_t{0xEE});
    }
    std::set<const std::uint8_t*> distinct;
    for (const auto& b : held) distinct.insert(b.data());
    EXPECT_EQ(distinct.size(), held.size());
    for (const auto& b : held)  // nobody wrote into another's slot
        EXPECT_EQ(Bytes(b.view().begin(), b.view().end()), Bytes(b.size(), 0xEE));
    held.clear();
    for (int i = 0; i < 200; ++i) {
        crypto::SecureBuffer b(256);
        EXPECT_EQ(Bytes(b.view().begin(), b.view().end()), Bytes(256, 0));
    }
}

TEST(AuthKey, HoldsKeyAndId) {
    Bytes raw(256);
    for (std::size_t i = 0; i < raw.size(); ++i) raw[i] = static_cast<std::uint8_t>(i);
    const crypto::AuthKey key(raw);
    EXPECT_FALSE(key.empty());
    EXPECT_EQ(Bytes(key.bytes().begin(), key.bytes().end()), raw);
    EXPECT_EQ(key.id(), 0xc8df57a46e58d132ULL);  // SHA1(0..255)[12:20] LE, see kdf vectors
    const auto copy = key.clone();
    EXPECT_EQ(copy.id(), key.id());
    EXPECT_TRUE(crypto::AuthKey().empty());
    try {
        crypto::AuthKey bad(Bytes(255, 0));
        FAIL();
    } catch (const tgs::Error& e) {
        EXPECT_EQ(e.code(), "AUTH_KEY_INVALID");
    }
}

TEST(Secure, ConstantTimeEqual) {
    EXPECT_TRUE(crypto::constant_time_equal(Bytes{1, 2, 3}, Bytes{1, 2, 3}));
    EXPECT_FALSE(crypto::constant_time_equal(Bytes{1, 2, 3}, Bytes{1, 2, 4}));
    EXPECT_FALSE(crypto::constant_time_equal(Bytes{1, 2, 3}, Bytes{1, 2}));
    EXPECT_TRUE(crypto::constant_time_equal(Bytes{}, Bytes{}));
}

TEST(Secure, SecureZero) {
    Bytes b(32, 0xaa);
    crypto::secure_zero(b);
    EXPECT_EQ(b, Bytes(32, 0));
}

TEST(Secure, DisableCoreDumps) {
    ASSERT_TRUE(crypto::disable_core_dumps());
    rlimit lim{};
    ASSERT_EQ(getrlimit(RLIMIT_CORE, &lim), 0);
    EXPECT_EQ(lim.rlim_cur, 0u);
    EXPECT_EQ(lim.rlim_max, 0u);
    EXPECT_EQ(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
}

}  // namespace
