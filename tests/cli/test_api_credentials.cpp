// Built-in API credentials: unmasking, when they apply, and what --version says about them.
#include <gtest/gtest.h>

#include <string>

#include "api_credentials.hpp"

namespace tgsession {
namespace {

// "ab12" masked with 0x5a 0x01 0xff 0x80.
const volatile unsigned char kMask[] = {0x5a, 0x01, 0xff, 0x80};
const volatile unsigned char kMasked[] = {'a' ^ 0x5a, 'b' ^ 0x01, '1' ^ 0xff, '2' ^ 0x80};
const BuiltInCredentials kBuiltIn{4242, kMasked, kMask, 4};
const BuiltInCredentials kNone{};

TEST(ApiCredentials, UnmasksTheHash) {
    EXPECT_EQ(unmask_api_hash(kBuiltIn), "ab12");
    EXPECT_EQ(unmask_api_hash(kNone), "");
}

TEST(ApiCredentials, BuiltInPairOnlyWhenTheUserGivesNeitherPart) {
    EXPECT_TRUE(use_built_in_credentials(kBuiltIn, false, false));
    // A user's id with the built-in hash (or the reverse) would be a pair Telegram rejects.
    EXPECT_FALSE(use_built_in_credentials(kBuiltIn, true, false));
    EXPECT_FALSE(use_built_in_credentials(kBuiltIn, false, true));
    EXPECT_FALSE(use_built_in_credentials(kBuiltIn, true, true));
    EXPECT_FALSE(use_built_in_credentials(kNone, false, false));
}

TEST(ApiCredentials, VersionNoteSaysWhetherNeverWhat) {
    const auto with = credentials_version_note(kBuiltIn);
    const auto without = credentials_version_note(kNone);
    EXPECT_NE(with.find("built in"), std::string::npos) << with;
    EXPECT_NE(without.find("none built in"), std::string::npos) << without;
    for (const auto& note : {with, without}) {
        EXPECT_EQ(note.find("4242"), std::string::npos) << note;
        EXPECT_EQ(note.find("ab12"), std::string::npos) << note;
    }
}

}  // namespace
}  // namespace tgsession
