#include <gtest/gtest.h>

#include <sstream>

#include "output.hpp"
#include "redaction.hpp"
#include "secret_source.hpp"
#include "terminal.hpp"

namespace tgsession {
namespace {

TEST(Color, NoColorAndModes) {
    EXPECT_TRUE(use_color(ColorMode::Auto, true, nullptr));
    EXPECT_FALSE(use_color(ColorMode::Auto, false, nullptr));
    EXPECT_FALSE(use_color(ColorMode::Auto, true, "1"));
    EXPECT_TRUE(use_color(ColorMode::Auto, true, ""));  // empty NO_COLOR does not count
    EXPECT_TRUE(use_color(ColorMode::Always, false, "1"));
    EXPECT_FALSE(use_color(ColorMode::Never, true, nullptr));
    EXPECT_EQ(parse_color_mode("always"), ColorMode::Always);
    EXPECT_FALSE(parse_color_mode("yes"));
}

TEST(Output, JsonGoesToStdoutHumanToStderr) {
    std::ostringstream out, err;
    Output o(true, false, Style{}, out, err);
    o.result({{"ok", true}});
    o.text("Logged in");
    EXPECT_EQ(out.str(), "{\"ok\":true}\n");
    EXPECT_EQ(err.str(), "Logged in\n");
}

TEST(Output, TextModeAndQuiet) {
    std::ostringstream out, err;
    Output o(false, true, Style{}, out, err);
    o.result({{"ok", true}});
    o.text("Logged in");
    o.note("connecting");
    EXPECT_EQ(out.str(), "Logged in\n");
    EXPECT_EQ(err.str(), "");
}

TEST(Redactor, BotTokensAndLongHexEvenUnregistered) {
    Redactor r;
    EXPECT_EQ(r.apply("token 1000009:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw ok"),
              "token [redacted] ok");
    EXPECT_EQ(r.apply("hash 0123456789abcdef0123456789abcdef."), "hash [redacted].");
    EXPECT_EQ(r.apply("dc 2 port 443"), "dc 2 port 443");
    r.add("s3cret!");
    EXPECT_EQ(r.apply("a s3cret! b s3cret!"), "a [redacted] b [redacted]");
}

// Issue 11: secrets of any length are redacted; a short one where it stands alone, so that a
// 3-character password does not mask every number that happens to contain it.
TEST(Redactor, ShortSecretsAreRedactedWhereTheyStandAlone) {
    Redactor r;
    r.add("q7");
    r.add("123");
    EXPECT_EQ(r.apply("password q7 refused"), "password [redacted] refused");
    EXPECT_EQ(r.apply("code=123."), "code=[redacted].");
    EXPECT_EQ(r.apply("123"), "[redacted]");
    EXPECT_EQ(r.apply("port 41234, dc q77"), "port 41234, dc q77");
    r.clear();
    EXPECT_EQ(r.apply("password q7 refused"), "password q7 refused");
}

TEST(Wipe, ZeroesTheWholeBuffer) {
    std::string s(40, 'x');
    const char* data = s.data();
    const std::size_t cap = s.capacity();
    wipe(s);
    EXPECT_TRUE(s.empty());
    EXPECT_EQ(s.data(), data);  // same buffer, now all zero
    for (std::size_t i = 0; i < cap; ++i) EXPECT_EQ(data[i], '\0') << i;
}

}  // namespace
}  // namespace tgsession
