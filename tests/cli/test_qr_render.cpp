// render_qr loads libqrencode on first use (dlopen) and draws two module rows per text line.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "qr_render.hpp"

namespace {

// UTF-8 characters of one line (every character drawn is one code point).
std::vector<std::string> glyphs(const std::string& line) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < line.size();) {
        const auto c = static_cast<unsigned char>(line[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        out.push_back(line.substr(i, n));
        i += n;
    }
    return out;
}

TEST(QrRender, DrawsASquareCodeWithQuietZoneAndFinderPattern) {
    const std::string qr =
        tgsession::render_qr("tg://login?token=AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRob");
    std::istringstream in(qr);
    std::vector<std::vector<std::string>> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(glyphs(line));
    ASSERT_FALSE(lines.empty());
    const std::size_t width = lines[0].size();
    const std::size_t modules = width - 4;  // 2 quiet modules on each side
    EXPECT_GE(modules, 21u);
    EXPECT_EQ((modules - 21) % 4, 0u) << "a QR code is 21 + 4k modules wide";
    EXPECT_EQ(lines.size(), (modules + 4 + 1) / 2);
    for (const auto& l : lines) EXPECT_EQ(l.size(), width);
    // The top quiet rows are light: full blocks.
    for (const auto& g : lines[0]) EXPECT_EQ(g, "\u2588");
    // Rows 0 and 1 of the top-left finder: dark | dark, light x5, dark | quiet zone first.
    const std::vector<std::string> finder = {"\u2588", "\u2588", " ",      "\u2584", "\u2584",
                                             "\u2584", "\u2584", "\u2584", " "};
    EXPECT_EQ(std::vector<std::string>(lines[1].begin(), lines[1].begin() + 9), finder);
}

}  // namespace
