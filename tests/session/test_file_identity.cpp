// open_read_only says which file a name led to, so a caller given a file twice (through a
// symbolic or hard link) can read it once: the same identity for every name of one file,
// another for a copy, and one for a file that fails to read as well.
#include <filesystem>

#include "session_test_util.hpp"
#include "tgs/session/store.hpp"

namespace tgs::session::test {
namespace {

class FileIdentityTest : public TempDir {};

FileIdentity identity_of(const std::filesystem::path& p) {
    FileIdentity id;
    try {
        open_read_only(p, std::nullopt, &id);
    } catch (const Error&) {
        // Only the identity is looked at here.
    }
    return id;
}

TEST_F(FileIdentityTest, EveryNameOfOneFileGivesOneIdentity) {
    const auto a = path("a.session");
    save(a, sample_session(), Format::Telethon);
    std::filesystem::copy_file(a, path("copy.session"));
    std::filesystem::create_symlink(a, path("link.session"));
    std::filesystem::create_hard_link(a, path("hard.session"));
    const auto id = identity_of(a);
    EXPECT_TRUE(id.known());
    EXPECT_EQ(identity_of(path("link.session")), id);
    EXPECT_EQ(identity_of(path("hard.session")), id);
    EXPECT_NE(identity_of(path("copy.session")), id);
}

TEST_F(FileIdentityTest, AFileThatFailsToReadHasOneTooAMissingOneNot) {
    spit(path("corrupt.session"), std::string(4096, 'x'));
    std::filesystem::create_symlink(path("corrupt.session"), path("link.session"));
    EXPECT_EQ(error_code_of([&] { open_read_only(path("corrupt.session")); }), "SESSION_CORRUPT");
    EXPECT_TRUE(identity_of(path("corrupt.session")).known());
    EXPECT_EQ(identity_of(path("link.session")), identity_of(path("corrupt.session")));
    EXPECT_FALSE(identity_of(path("missing.session")).known());
}

TEST_F(FileIdentityTest, AFileReplacedInPlaceOfAnotherIsNotTakenForIt) {
    // The identity includes the change time: the same inode number after a rewrite is not
    // enough (a fleet's files are replaced by rename, and inode numbers get reused).
    const auto a = path("a.session");
    save(a, sample_session(), Format::Telethon);
    const auto before = identity_of(a);
    ::usleep(20'000);
    std::filesystem::permissions(a, std::filesystem::perms::group_read,
                                 std::filesystem::perm_options::add);  // ctime moves, inode stays
    const auto after = identity_of(a);
    EXPECT_EQ(after.inode, before.inode);
    EXPECT_NE(after, before);
}

}  // namespace
}  // namespace tgs::session::test
