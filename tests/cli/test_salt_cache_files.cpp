// The salt cache's files on disk: only private files and directories of ours are read, nothing
// is written through a link, the older versions' caches are removed once (never through a link),
// and two processes flushing one shard at once leave a whole file.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>
#include <sstream>

#include "salt_cache_file.hpp"
#include "salt_cache_fixture.hpp"

namespace tgsession::salt_test {
namespace {

TEST_F(SaltCacheTest, AStateDirOthersCanWriteIsNotRead) {
    write(shard(key_in(1, 1)), line(key_in(1, 1), 111));
    EXPECT_EQ(SaltCache(state_).load(key_in(1, 1), kNow), 111);
    fs::permissions(state_, fs::perms::group_write | fs::perms::others_write,
                    fs::perm_options::add);
    EXPECT_EQ(SaltCache(state_).load(key_in(1, 1), kNow), std::nullopt);
}

TEST_F(SaltCacheTest, AShardDirOthersCanWriteIsNotRead) {
    write(shard(key_in(1, 1)), line(key_in(1, 1), 111));
    fs::permissions(shards_, fs::perms::others_write, fs::perm_options::add);
    EXPECT_EQ(SaltCache(state_).load(key_in(1, 1), kNow), std::nullopt);
}

TEST_F(SaltCacheTest, AShardFileOthersCanWriteIsNotRead) {
    write(shard(key_in(1, 1)), line(key_in(1, 1), 111));
    fs::permissions(shard(key_in(1, 1)), fs::perms::group_write, fs::perm_options::add);
    EXPECT_EQ(SaltCache(state_).load(key_in(1, 1), kNow), std::nullopt);
}

TEST_F(SaltCacheTest, AShardFileOfAnotherUserIsNotRead) {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root to give a file away";
    write(shard(key_in(1, 1)), line(key_in(1, 1), 111));
    ASSERT_EQ(::chown(shard(key_in(1, 1)).c_str(), 65534, 65534), 0);
    EXPECT_EQ(SaltCache(state_).load(key_in(1, 1), kNow), std::nullopt);
}

TEST_F(SaltCacheTest, LinkedShardFilesAreNotReadAndNotWrittenThrough) {
    const fs::path elsewhere = root_ / "elsewhere";
    const std::string planted = line(key_in(1, 1), 111);
    std::ofstream(elsewhere) << planted;
    fs::permissions(elsewhere, fs::perms::owner_read | fs::perms::owner_write);
    write(shard(key_in(2, 1)), "");  // makes the directories
    fs::create_symlink(elsewhere, shard(key_in(1, 1)));
    SaltCache cache(state_);
    EXPECT_EQ(cache.load(key_in(1, 1), kNow), std::nullopt);
    cache.save(key_in(1, 2), 222, kNow);
    cache.flush(kNow);
    EXPECT_EQ(text(elsewhere), planted);
    EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(shard(key_in(1, 1)))));  // link replaced
    EXPECT_EQ(SaltCache(state_).load(key_in(1, 2), kNow), 222);
}

TEST_F(SaltCacheTest, ALinkedShardDirIsNotReadAndNotWrittenThrough) {
    const fs::path elsewhere = root_ / "elsewhere";
    fs::create_directories(elsewhere);
    fs::permissions(elsewhere, fs::perms::owner_all);
    std::ofstream(elsewhere / SaltCache::shard_name(key_in(1, 1))) << line(key_in(1, 1), 111);
    fs::create_directories(state_);
    fs::permissions(state_, fs::perms::owner_all);
    fs::create_directory_symlink(elsewhere, shards_);
    SaltCache cache(state_);
    EXPECT_EQ(cache.load(key_in(1, 1), kNow), std::nullopt);
    cache.save(key_in(2, 1), 222, kNow);
    cache.flush(kNow);
    EXPECT_EQ(files_in(elsewhere), 1U);
}

TEST_F(SaltCacheTest, TheFirstWriteRemovesTheOlderVersionsCaches) {
    fs::create_directories(state_ / "salts");
    fs::permissions(state_, fs::perms::owner_all);
    std::ofstream(state_ / "server-salts") << line(key_in(1, 1), 111);
    for (int i = 0; i < 3; ++i) std::ofstream(state_ / "salts" / key_in(1, i)) << "111 1\n";
    const fs::path outside = root_ / "outside";
    std::ofstream(outside) << "not a salt\n";
    fs::create_symlink(outside, state_ / "salts" / "a-link");
    std::ofstream(state_ / "pending-keep") << "another file of the state dir\n";

    SaltCache cache(state_);
    EXPECT_EQ(cache.load(key_in(1, 1), kNow), std::nullopt);  // the old file is not read
    cache.save(key_in(1, 2), 222, kNow);
    cache.flush(kNow);
    EXPECT_FALSE(fs::exists(fs::symlink_status(state_ / "server-salts")));
    EXPECT_FALSE(fs::exists(fs::symlink_status(state_ / "salts")));
    EXPECT_EQ(text(outside), "not a salt\n");  // the link went, not what it pointed at
    EXPECT_TRUE(fs::exists(state_ / "pending-keep"));

    // Once: with the shards there, a later flush looks for the old layouts no more.
    std::ofstream(state_ / "server-salts") << line(key_in(1, 1), 111);
    cache.save(key_in(1, 3), 333, kNow);
    cache.flush(kNow);
    EXPECT_TRUE(fs::exists(state_ / "server-salts"));
}

TEST_F(SaltCacheTest, OldLayoutRemovalNeverFollowsLinks) {
    const fs::path outside = root_ / "outside";
    fs::create_directories(outside / "dir");
    std::ofstream(outside / "file") << "kept\n";
    std::ofstream(outside / "dir" / key_in(1, 1)) << "kept\n";
    fs::create_directories(state_);
    fs::permissions(state_, fs::perms::owner_all);
    fs::create_symlink(outside / "file", state_ / "server-salts");
    fs::create_directory_symlink(outside / "dir", state_ / "salts");
    SaltCache cache(state_);
    cache.save(key_in(1, 2), 222, kNow);
    cache.flush(kNow);
    EXPECT_EQ(text(outside / "file"), "kept\n");
    EXPECT_EQ(text(outside / "dir" / key_in(1, 1)), "kept\n");
    EXPECT_EQ(SaltCache(state_).load(key_in(1, 2), kNow), 222);  // and the command went on
}

// Every line well-formed, in its shard, once; the file ends with its last newline.
::testing::AssertionResult whole_shard(const std::string& t, std::set<std::string>& keys) {
    if (t.empty() || t.back() != '\n') return ::testing::AssertionFailure() << "cut: " << t.size();
    std::istringstream in(t);
    for (std::string l; std::getline(in, l);) {
        std::uint64_t id = 0;
        std::int64_t salt = 0, at = 0;
        if (!salt_file::parse_line(l, id, salt, at) || SaltCache::shard_name(hex_id(id)) != "07" ||
            !keys.insert(hex_id(id)).second) {
            return ::testing::AssertionFailure() << "line: " << l;
        }
    }
    return ::testing::AssertionSuccess();
}

TEST_F(SaltCacheTest, TwoProcessesFlushingOneShardAtOnceLeaveAWholeFile) {
    constexpr int kFlushes = 150;
    pid_t children[2];
    for (int c = 0; c < 2; ++c) {
        children[c] = ::fork();
        ASSERT_GE(children[c], 0);
        if (children[c] == 0) {
            for (int i = 0; i < kFlushes; ++i) {
                SaltCache cache(state_);  // a process of its own each time: read, merge, write
                (void)cache.load(key_in(7, 0), kNow);
                for (int k = 0; k < 20; ++k) {
                    cache.save(key_in(7, c * 100'000 + i * 20 + k), 7, kNow);
                }
                cache.flush(kNow);
            }
            ::_exit(0);
        }
    }
    // A reader meanwhile (this process) sees one writer's whole file or the other's, never a
    // file being written.
    int reads = 0, torn = 0, running = 2;
    while (running > 0) {
        int status = 0;
        const pid_t done = ::waitpid(-1, &status, WNOHANG);
        if (done > 0) {
            EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
            --running;
        }
        if (!fs::exists(shards_ / "07")) continue;
        std::set<std::string> keys;
        const auto whole = whole_shard(text(shards_ / "07"), keys);
        if (!whole && torn++ == 0)
            ADD_FAILURE() << whole.message() << " after " << reads << " reads";
        ++reads;
    }
    EXPECT_GT(reads, 0);
    EXPECT_EQ(torn, 0);
    EXPECT_EQ(files_in(shards_), 1U);  // "07", no temporaries left
    std::set<std::string> keys;
    ASSERT_TRUE(whole_shard(text(shards_ / "07"), keys));
    // The last rename was one child's last flush: all of that batch is there.
    int whole_last_batches = 0;
    for (int c = 0; c < 2; ++c) {
        int found = 0;
        for (int k = 0; k < 20; ++k) {
            found += static_cast<int>(keys.count(key_in(7, c * 100'000 + (kFlushes - 1) * 20 + k)));
        }
        whole_last_batches += found == 20;
    }
    EXPECT_GE(whole_last_batches, 1);
}

}  // namespace
}  // namespace tgsession::salt_test
