// What `status` checks: arguments, directories and --files-from lists, each file once.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "status_inputs.hpp"
#include "test_support.hpp"
#include "tgs/error.hpp"

namespace tgsession {
namespace {

namespace fs = std::filesystem;

class StatusInputsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("tgs-status-inputs-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir_ / "fleet");
        old_cwd_ = fs::current_path();
        fs::current_path(dir_);
    }
    void TearDown() override {
        fs::current_path(old_cwd_);
        fs::remove_all(dir_);
    }
    static void touch(const fs::path& p) { std::ofstream(p) << "x"; }

    fs::path dir_, old_cwd_;
};

TEST(SplitFileList, LinesAndNulTerminatedNames) {
    std::istringstream lines("a.session\n\nb c.session\nlast");
    EXPECT_EQ(split_file_list(lines, false),
              (std::vector<std::string>{"a.session", "b c.session", "last"}));
    std::istringstream nul(std::string("new\nline.session\0b.session\0\0", 28));
    EXPECT_EQ(split_file_list(nul, true),
              (std::vector<std::string>{"new\nline.session", "b.session"}));
}

TEST_F(StatusInputsTest, DirectoryGivesItsSessionFilesByName) {
    touch("fleet/b.session");
    touch("fleet/a.session");
    touch("fleet/notes.txt");
    fs::create_directory("fleet/sub.session");  // a directory, even with that name, is skipped
    touch("fleet/sub.session/c.session");       // not "directly inside"
    StatusOptions o;
    o.sessions = {"fleet"};
    const auto in = collect_status_inputs(o, std::cin);
    EXPECT_EQ(in.paths, (std::vector<std::string>{"fleet/a.session", "fleet/b.session"}));
}

TEST_F(StatusInputsTest, DuplicatesAreCheckedOnceInFirstGivenOrder) {
    touch("fleet/a.session");
    StatusOptions o;
    // The .session rule for arguments, "./" and absolute spellings of one file, the directory
    // and the list repeating it.
    o.sessions = {"x", "x.session", "./x.session", (dir_ / "x.session").string(), "fleet"};
    o.files_from = "-";
    std::istringstream list("fleet/a.session\n./fleet/a.session\nnew.session\nx.session\n");
    const auto in = collect_status_inputs(o, list);
    EXPECT_EQ(in.paths, (std::vector<std::string>{"x.session", "fleet/a.session", "new.session"}));
    EXPECT_EQ(in.duplicates, 6u);
}

TEST_F(StatusInputsTest, AFileNamedThroughALinkToItsFolderIsCheckedOnce) {
    touch("fleet/a.session");
    touch("fleet/b.session");
    fs::create_directory_symlink("fleet", "link");
    StatusOptions o;
    o.sessions = {"link/a.session", "fleet", "link", "fleet/../link/b"};
    const auto in = collect_status_inputs(o, std::cin);
    EXPECT_EQ(in.paths, (std::vector<std::string>{"link/a.session", "fleet/b.session"}));
    EXPECT_EQ(in.duplicates, 4u);
}

TEST_F(StatusInputsTest, DotDotAfterALinkIsNotTakenOffByHand) {
    // away/.. is other/, not this folder: away/../a.session is another file than a.session,
    // and was dropped as its duplicate.
    touch("a.session");
    fs::create_directories("other/sub");
    touch("other/a.session");
    fs::create_directory_symlink("other/sub", "away");
    StatusOptions o;
    o.sessions = {"a.session", "away/../a.session", "other/a.session"};
    const auto in = collect_status_inputs(o, std::cin);
    EXPECT_EQ(in.paths, (std::vector<std::string>{"a.session", "away/../a.session"}));
    EXPECT_EQ(in.duplicates, 1u);
}

TEST_F(StatusInputsTest, ListNamesAreTakenAsGivenAndNulWorks) {
    StatusOptions o;
    o.files_from = "list";
    o.null_separated = true;
    {
        std::ofstream out("list", std::ios::binary);
        out << std::string("plain\0with space.session\0", 25);
    }
    const auto in = collect_status_inputs(o, std::cin);
    // No ".session" appended to listed names: find prints real names.
    EXPECT_EQ(in.paths, (std::vector<std::string>{"plain", "with space.session"}));
}

TEST_F(StatusInputsTest, AFolderOrListOpenedOutOfDescriptorsIsAResourceError) {
    // Both were STATUS_LIST_MISSING (exit 66), as if the folder or list were not there.
    touch("fleet/a.session");
    std::ofstream("list") << "fleet/a.session\n";
    StatusOptions folder;
    folder.sessions = {"fleet"};
    StatusOptions list;
    list.files_from = "list";
    std::vector<std::string> codes;
    {
        const tgs::test::DescriptorsExhausted full;
        for (const auto* o : {&folder, &list}) {
            try {
                collect_status_inputs(*o, std::cin);
                codes.emplace_back("no error");
            } catch (const tgs::Error& e) {
                codes.push_back(e.code());
            }
        }
    }
    EXPECT_EQ(codes, (std::vector<std::string>{"RESOURCE_DESCRIPTORS", "RESOURCE_DESCRIPTORS"}));
    EXPECT_EQ(collect_status_inputs(folder, std::cin).paths.size(), 1u);
    EXPECT_EQ(collect_status_inputs(list, std::cin).paths.size(), 1u);
}

TEST_F(StatusInputsTest, MissingListIsItsOwnError) {
    StatusOptions o;
    o.files_from = "no-such-list";
    try {
        collect_status_inputs(o, std::cin);
        FAIL() << "no error";
    } catch (const tgs::Error& e) {
        EXPECT_EQ(e.code(), "STATUS_LIST_MISSING");
    }
}

}  // namespace
}  // namespace tgsession
