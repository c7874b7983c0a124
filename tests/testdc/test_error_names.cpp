// lib/testdc and the tgsession-testdc program name their error codes once (tgs/testdc/errors.hpp):
// their sources throw the constants, so kAll cannot fall behind, and each code is named once.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "tgs/testdc/errors.hpp"

namespace tgs::testdc {
namespace {

// Every source file below `dir` that spells one of the test DC's codes; counts the files read.
std::size_t files_spelling_codes(const std::filesystem::path& dir, std::size_t& files) {
    const std::regex literal(R"("(ACCOUNTS|STATE|TESTDC|FAULT|KEY|CONFIG)_[A-Z_]+")");
    std::size_t spelling = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        ++files;
        if (std::regex_search(text.str(), literal)) {
            ++spelling;
            ADD_FAILURE() << entry.path()
                          << " spells a code instead of using tgs/testdc/errors.hpp";
        }
    }
    return spelling;
}

TEST(TestDcErrors, SourcesNameTheirCodesOnlyInErrorsHpp) {
    const auto root = std::filesystem::path(TGS_TEST_DATA_DIR).parent_path().parent_path();
    std::size_t files = 0;
    EXPECT_EQ(files_spelling_codes(root / "lib/testdc/src", files), 0U);
    EXPECT_GT(files, 10U);
    // The tgsession-testdc program throws the same vocabulary (its --fault, --key and
    // --write-config failures).
    std::size_t app_files = 0;
    EXPECT_EQ(files_spelling_codes(root / "app/testdc", app_files), 0U);
    EXPECT_GE(app_files, 3U);
}

TEST(TestDcErrors, EachCodeIsNamedOnce) {
    std::set<std::string_view> seen;
    for (auto code : errc::kAll) EXPECT_TRUE(seen.insert(code).second) << code << " named twice";
}

}  // namespace
}  // namespace tgs::testdc
