// lib/testdc names its error codes once (tgs/testdc/errors.hpp): its sources throw the constants,
// so kAll cannot fall behind, and each code is named once.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "tgs/testdc/errors.hpp"

namespace tgs::testdc {
namespace {

TEST(TestDcErrors, SourcesNameTheirCodesOnlyInErrorsHpp) {
    const auto src =
        std::filesystem::path(TGS_TEST_DATA_DIR).parent_path().parent_path() / "lib/testdc/src";
    const std::regex literal(R"("(ACCOUNTS|STATE|TESTDC)_[A-Z_]+")");
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(src)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        ++files;
        EXPECT_FALSE(std::regex_search(text.str(), literal))
            << entry.path() << " spells a code instead of using tgs/testdc/errors.hpp";
    }
    EXPECT_GT(files, 10U);
}

TEST(TestDcErrors, EachCodeIsNamedOnce) {
    std::set<std::string_view> seen;
    for (auto code : errc::kAll) EXPECT_TRUE(seen.insert(code).second) << code << " named twice";
}

}  // namespace
}  // namespace tgs::testdc
