// The one writer of secret-holding files (tgs/atomic_file.hpp): private, whole, link-proof.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "tgs/atomic_file.hpp"
#include "tgs/error.hpp"

namespace tgs {
namespace {

class AtomicFileTest : public ::testing::Test {
  protected:
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("tgs-atomic-" + std::to_string(::getpid()));
    void SetUp() override { std::filesystem::create_directories(dir); }
    void TearDown() override { std::filesystem::remove_all(dir); }
    std::size_t entries() const {
        return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir),
                                                      std::filesystem::directory_iterator()));
    }
};

mode_t mode_of(const std::filesystem::path& p) {
    struct stat st {};
    EXPECT_EQ(::lstat(p.c_str(), &st), 0);
    return st.st_mode & 07777;
}

TEST_F(AtomicFileTest, ReplacesWhole0600UnderAnyUmask) {
    const mode_t old = ::umask(0);
    const auto p = dir / "f";
    write_file_atomically(p, as_bytes("first"), "X_WRITE");
    write_file_atomically(p, as_bytes("second"), "X_WRITE", Durability::Cache);
    ::umask(old);
    EXPECT_EQ(mode_of(p), 0600u);
    EXPECT_EQ(read_file_nofollow(p, "X_READ").value(), "second");
    EXPECT_EQ(entries(), 1u);  // no temporary left behind
}

TEST_F(AtomicFileTest, AnUncommittedTemporaryIsRemoved) {
    const auto p = dir / "f";
    {
        AtomicFile f(p, "X_WRITE");
        f.write_all(as_bytes("half"));
        EXPECT_TRUE(std::filesystem::exists(f.path()));
    }
    EXPECT_FALSE(std::filesystem::exists(p));
    EXPECT_EQ(entries(), 0u);
}

TEST_F(AtomicFileTest, FailuresCarryTheCallersCodeAndPath) {
    try {
        write_file_atomically(dir / "missing-dir" / "f", as_bytes("x"), "PENDING_LOGIN_WRITE");
        ADD_FAILURE() << "wrote into a missing directory";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "PENDING_LOGIN_WRITE");
        EXPECT_NE(std::string(e.what()).find("missing-dir"), std::string::npos);
    }
}

TEST_F(AtomicFileTest, ReadingRefusesALinkAndTellsMissingApart) {
    const auto target = dir / "target";
    std::ofstream(target) << "planted";
    std::filesystem::create_symlink(target, dir / "link");
    EXPECT_FALSE(read_file_nofollow(dir / "nothing", "X_READ"));
    try {
        (void)read_file_nofollow(dir / "link", "X_READ");
        ADD_FAILURE() << "followed a symbolic link";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "X_READ");
        EXPECT_NE(std::string(e.what()).find("symbolic link"), std::string::npos);
    }
    std::filesystem::create_directory(dir / "sub");
    EXPECT_THROW((void)read_file_nofollow(dir / "sub", "X_READ"), Error);
}

TEST_F(AtomicFileTest, StaleTemporariesAreRemovedFreshOnesAndOthersKept) {
    const auto stale = dir / ".f.tmp-AAAAAA";
    const auto fresh = dir / ".f.tmp-BBBBBB";
    const auto other = dir / "f";
    for (const auto& p : {stale, fresh, other}) std::ofstream(p) << "x";
    std::filesystem::last_write_time(
        stale, std::filesystem::file_time_type::clock::now() - std::chrono::hours(2));
    std::filesystem::last_write_time(
        other, std::filesystem::file_time_type::clock::now() - std::chrono::hours(2));
    remove_stale_temporaries(dir, std::chrono::hours(1));
    EXPECT_FALSE(std::filesystem::exists(stale));
    EXPECT_TRUE(std::filesystem::exists(fresh));
    EXPECT_TRUE(std::filesystem::exists(other));
}

}  // namespace
}  // namespace tgs
