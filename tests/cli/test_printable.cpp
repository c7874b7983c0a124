// printable(): server and file strings reach the terminal without control sequences.
#include <gtest/gtest.h>

#include "printable.hpp"

namespace tgsession {
namespace {

TEST(Printable, PlainTextAndUtf8PassUnchanged) {
    EXPECT_EQ(printable("Ann Lee (@ann)"), "Ann Lee (@ann)");
    EXPECT_EQ(printable("Zoë 日本 🙂"), "Zoë 日本 🙂");
    EXPECT_EQ(printable(""), "");
}

TEST(Printable, C0AndDelAreEscaped) {
    EXPECT_EQ(printable("\x1b]0;owned\x07"), "\\x1b]0;owned\\x07");
    EXPECT_EQ(printable("a\nb\rc\td"), "a\\x0ab\\x0dc\\x09d");
    EXPECT_EQ(printable(std::string("x\0y", 3)), "x\\x00y");
    EXPECT_EQ(printable("\x7f"), "\\x7f");
}

TEST(Printable, C1ControlsAndInvalidBytesAreEscaped) {
    EXPECT_EQ(printable("\xc2\x9b"
                        "2J"),
              "\\x9b2J");  // U+009B CSI as UTF-8
    EXPECT_EQ(printable("\x9b"
                        "2J"),
              "\\x9b2J");                                     // a lone 8-bit CSI
    EXPECT_EQ(printable("\xc0\xaf"), "\\xc0\\xaf");           // overlong '/'
    EXPECT_EQ(printable("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate
    EXPECT_EQ(printable("ab\xe6\x97"), "ab\\xe6\\x97");       // truncated at the end
}

}  // namespace
}  // namespace tgsession
