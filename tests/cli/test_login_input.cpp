#include <gtest/gtest.h>

#include "login_input.hpp"

namespace tgsession {
namespace {

TEST(NormalizeCode, AcceptsSpacesAndDashes) {
    EXPECT_EQ(normalize_code("22222"), "22222");
    EXPECT_EQ(normalize_code("12 345"), "12345");
    EXPECT_EQ(normalize_code("12-345"), "12345");
    EXPECT_EQ(normalize_code("  1 2-3 4 5\n"), "12345");
    EXPECT_EQ(normalize_code("123\r\n"), "123");
}

TEST(NormalizeCode, RejectsAnythingElse) {
    EXPECT_FALSE(normalize_code(""));
    EXPECT_FALSE(normalize_code(" - "));
    EXPECT_FALSE(normalize_code("12a45"));
    EXPECT_FALSE(normalize_code("r"));
    EXPECT_FALSE(normalize_code("12.345"));
}

TEST(NormalizePhone, StripsFormatting) {
    EXPECT_EQ(normalize_phone("+1 (555) 000-1111"), "15550001111");
    EXPECT_EQ(normalize_phone("9996621234"), "9996621234");
    EXPECT_EQ(normalize_phone(" +999 66 2 1234 "), "9996621234");
}

TEST(NormalizePhone, RejectsLettersAndMisplacedPlus) {
    EXPECT_FALSE(normalize_phone("555-CALL"));
    EXPECT_FALSE(normalize_phone("1+555"));
    EXPECT_FALSE(normalize_phone("+"));
    EXPECT_FALSE(normalize_phone(""));
}

TEST(BotToken, DigitsThenColon) {
    EXPECT_TRUE(looks_like_bot_token("1000009:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"));
    EXPECT_TRUE(looks_like_bot_token("  12:x"));
    EXPECT_FALSE(looks_like_bot_token("+1000009:AA"));
    EXPECT_FALSE(looks_like_bot_token(":AA"));
    EXPECT_FALSE(looks_like_bot_token("9996621234"));
    EXPECT_FALSE(looks_like_bot_token("12a:AA"));
}

}  // namespace
}  // namespace tgsession
