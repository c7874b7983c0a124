// The server salt cache: 64 private shard files, a shard read at the first lookup of one of its
// keys and rewritten only when it has new salts, merged with what another process wrote
// meanwhile; stale, foreign or damaged entries are misses, never errors. (On-disk safety, old
// layouts and concurrent writers: test_salt_cache_files.cpp.)
#include <sys/stat.h>

#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "salt_cache_fixture.hpp"

namespace tgsession::salt_test {
namespace {

TEST_F(SaltCacheTest, FlushWritesPrivateShardFilesThatTheNextProcessReads) {
    SaltCache first(state_);
    first.save(key_in(1, 1), 111, kNow);
    first.save(key_in(0x3f, 2), -222, kNow);
    EXPECT_FALSE(fs::exists(state_));  // nothing on disk before the flush
    first.flush(kNow);
    EXPECT_EQ(SaltCache::shard_name(key_in(1, 1)), "01");
    EXPECT_EQ(SaltCache::shard_name(key_in(0x3f, 2)), "3f");
    EXPECT_EQ(files_in(shards_), 2U);
    for (const char* name : {"01", "3f"}) {
        EXPECT_EQ(fs::symlink_status(shards_ / name).permissions(),
                  fs::perms::owner_read | fs::perms::owner_write);
    }
    EXPECT_EQ(fs::status(shards_).permissions(), fs::perms::owner_all);
    EXPECT_EQ(fs::status(state_).permissions(), fs::perms::owner_all);
    EXPECT_EQ(text(shards_ / "01"), line(key_in(1, 1), 111));

    SaltCache next(state_);
    EXPECT_EQ(next.load(key_in(1, 1), kNow + 60), 111);
    EXPECT_EQ(next.load(key_in(0x3f, 2), kNow + 60), -222);
    EXPECT_EQ(next.load(key_in(1, 3), kNow + 60), std::nullopt);
}

TEST_F(SaltCacheTest, AFleetOfKeysIsAtMost64FilesEachHoldingOnlyItsShard) {
    SaltCache cache(state_);
    for (int i = 0; i < 10'000; ++i) cache.save(spread_key(i), i + 1, kNow);
    cache.flush(kNow);
    EXPECT_EQ(files_in(state_), 1U);  // server-salts.d alone
    EXPECT_EQ(files_in(shards_), SaltCache::kShards);
    std::size_t lines = 0;
    for (const auto& f : fs::directory_iterator(shards_)) {
        std::istringstream in(text(f.path()));
        for (std::string key, rest; in >> key && std::getline(in, rest); ++lines) {
            EXPECT_EQ(SaltCache::shard_name(key), f.path().filename()) << key;
        }
    }
    EXPECT_EQ(lines, 10'000U);
    SaltCache next(state_);
    for (int i = 0; i < 10'000; i += 999) EXPECT_EQ(next.load(spread_key(i), kNow), i + 1);
}

TEST_F(SaltCacheTest, AShardIsReadAtTheFirstLookupOfOneOfItsKeysNotBefore) {
    write(shard(key_in(1, 1)), line(key_in(1, 1), 111));
    write(shard(key_in(2, 1)), line(key_in(2, 1), 222));
    SaltCache cache(state_);
    EXPECT_EQ(cache.load(key_in(1, 1), kNow), 111);
    // Another process rewrites shard 02 after this one's first lookup: had that lookup read
    // every shard, the old salt would come back.
    write(shard(key_in(2, 1)), line(key_in(2, 1), 2222));
    EXPECT_EQ(cache.load(key_in(2, 1), kNow), 2222);
    // Read once: later changes to a shard already read are not seen.
    write(shard(key_in(1, 1)), line(key_in(1, 1), 1111));
    EXPECT_EQ(cache.load(key_in(1, 1), kNow), 111);
}

TEST_F(SaltCacheTest, ALookupDoesNotCareWhatTheOtherShardsHold) {
    write(shard(key_in(5, 1)), line(key_in(5, 1), 555));
    for (unsigned s = 0; s < SaltCache::kShards; ++s) {
        if (s == 5) continue;
        const auto file = shard(key_in(s, 0));
        if (s % 3 == 0) {
            write(file, "\x01garbage");
        } else if (s % 3 == 1) {
            ASSERT_EQ(::mkfifo(file.c_str(), 0600), 0);  // a read would find no writer
        } else {
            fs::create_directory(file);
        }
    }
    SaltCache cache(state_);
    EXPECT_EQ(cache.load(key_in(5, 1), kNow), 555);
}

TEST_F(SaltCacheTest, ASaltSavedBeforeItsShardIsReadWinsOverTheFile) {
    write(shard(key_in(4, 1)), line(key_in(4, 1), 111) + line(key_in(4, 2), 222));
    SaltCache cache(state_);
    cache.save(key_in(4, 1), 999, kNow);
    EXPECT_EQ(cache.load(key_in(4, 1), kNow), 999);
    EXPECT_EQ(cache.load(key_in(4, 2), kNow), 222);
}

TEST_F(SaltCacheTest, AFlushRewritesOnlyTheShardsWithNewSalts) {
    SaltCache fleet(state_);
    for (int i = 0; i < 1'000; ++i) fleet.save(spread_key(i), i + 1, kNow);
    fleet.flush(kNow);
    std::map<std::string, ino_t> inodes;  // a rewrite is a new file renamed over the old one
    for (const auto& f : fs::directory_iterator(shards_)) {
        struct stat st {};
        ASSERT_EQ(::lstat(f.path().c_str(), &st), 0);
        inodes[f.path().filename()] = st.st_ino;
    }
    ASSERT_EQ(inodes.size(), SaltCache::kShards);

    SaltCache login(state_);
    EXPECT_EQ(login.load(key_in(7, 12345), kNow), std::nullopt);  // shard 07 read
    login.save(key_in(9, 1), 999, kNow);
    login.flush(kNow);
    login.flush(kNow);  // nothing new: nothing written
    for (const auto& [name, ino] : inodes) {
        struct stat st {};
        ASSERT_EQ(::lstat((shards_ / name).c_str(), &st), 0);
        if (name == "09") {
            EXPECT_NE(st.st_ino, ino);
        } else {
            EXPECT_EQ(st.st_ino, ino) << name;
        }
    }
    EXPECT_NE(text(shards_ / "09").find(line(key_in(9, 1), 999)), std::string::npos);
    SaltCache next(state_);
    for (int i = 0; i < 1'000; i += 99) EXPECT_EQ(next.load(spread_key(i), kNow), i + 1);
}

TEST_F(SaltCacheTest, StaleEntriesAreMissesAndAreNotWrittenBack) {
    SaltCache cache(state_);
    cache.save(key_in(3, 1), 111, kNow);
    cache.save(key_in(3, 2), 222, kNow + SaltCache::kMaxAge);
    cache.flush(kNow + SaltCache::kMaxAge);
    EXPECT_EQ(SaltCache(state_).load(key_in(3, 1), kNow + SaltCache::kMaxAge + 1), std::nullopt);
    EXPECT_EQ(SaltCache(state_).load(key_in(3, 1), kNow - 1), std::nullopt);  // from the future

    SaltCache later(state_);
    later.save(key_in(3, 3), 333, kNow + SaltCache::kMaxAge + 1);
    later.flush(kNow + SaltCache::kMaxAge + 1);
    const std::string t = text(shard(key_in(3, 1)));
    EXPECT_EQ(t.find(key_in(3, 1)), std::string::npos);
    EXPECT_NE(t.find(key_in(3, 2)), std::string::npos);
    EXPECT_NE(t.find(key_in(3, 3)), std::string::npos);
}

TEST_F(SaltCacheTest, AFlushKeepsWhatAnotherProcessWroteSinceItsRead) {
    SaltCache a(state_);
    SaltCache b(state_);
    EXPECT_EQ(a.load(key_in(6, 1), kNow), std::nullopt);  // a has read the (missing) shard
    b.save(key_in(6, 2), 222, kNow);
    b.flush(kNow);
    a.save(key_in(6, 1), 111, kNow);
    a.flush(kNow);
    SaltCache c(state_);
    EXPECT_EQ(c.load(key_in(6, 1), kNow), 111);
    EXPECT_EQ(c.load(key_in(6, 2), kNow), 222);
}

TEST_F(SaltCacheTest, DamagedOrMisplacedLinesAreMissesAndAreDroppedByTheNextFlush) {
    const std::string good = line(key_in(8, 1), 111);
    const std::string elsewhere = line(key_in(9, 1), 999);  // belongs in shard 09
    write(shard(key_in(8, 1)), "garbage\n" + key_in(8, 2) + " x 1\nZZ 5 " + std::to_string(kNow) +
                                   "\n" + good + elsewhere + key_in(8, 3) + " 333 " +
                                   std::to_string(kNow));  // the last line cut short
    SaltCache cache(state_);
    EXPECT_EQ(cache.load(key_in(8, 1), kNow), 111);
    EXPECT_EQ(cache.load(key_in(8, 2), kNow), std::nullopt);
    EXPECT_EQ(cache.load(key_in(8, 3), kNow), std::nullopt);
    EXPECT_EQ(cache.load(key_in(9, 1), kNow), std::nullopt);
    cache.save(key_in(8, 4), 444, kNow);
    cache.flush(kNow);
    EXPECT_EQ(text(shard(key_in(8, 1))), good + line(key_in(8, 4), 444));
}

TEST_F(SaltCacheTest, ThreadsLookingUpAndSavingAtOnceLoseNothing) {
    SaltCache cache(state_);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&cache, t] {
            for (int i = t; i < 4'000; i += 4) {
                EXPECT_EQ(cache.load(spread_key(i), kNow), std::nullopt);
                cache.save(spread_key(i), i + 1, kNow);
            }
        });
    }
    for (auto& t : threads) t.join();
    cache.flush(kNow);
    SaltCache next(state_);
    for (int i = 0; i < 4'000; ++i) ASSERT_EQ(next.load(spread_key(i), kNow), i + 1) << i;
}

TEST_F(SaltCacheTest, NothingSavedWritesNothing) {
    SaltCache cache(state_);
    EXPECT_EQ(cache.load(key_in(1, 1), kNow), std::nullopt);
    cache.flush(kNow);
    EXPECT_FALSE(fs::exists(state_));
}

}  // namespace
}  // namespace tgsession::salt_test
