// The server salt cache: one private file for every key, read once and written once per run,
// merged with what another process wrote meanwhile; stale, foreign or damaged entries are
// misses, never errors.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "salt_cache.hpp"

namespace tgsession {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kNow = 1'800'000'000;

std::string key_id(int i) {
    std::ostringstream s;
    s << std::hex << (0x1000000000000000ULL + static_cast<unsigned>(i));
    return s.str();
}

class SaltCacheTest : public ::testing::Test {
  protected:
    void SetUp() override {
        char tmpl[] = "/tmp/tgs-salts-XXXXXX";
        ASSERT_NE(::mkdtemp(tmpl), nullptr);
        root_ = tmpl;
        dir_ = root_ / "state" / "tgsession";
        file_ = dir_ / "server-salts";
    }
    void TearDown() override { fs::remove_all(root_); }

    std::string text() const {
        std::ifstream in(file_);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
    void write(const std::string& t) const {
        fs::create_directories(dir_);
        fs::permissions(dir_, fs::perms::owner_all);
        std::ofstream(file_) << t;
    }

    fs::path root_, dir_, file_;
};

TEST_F(SaltCacheTest, FlushWritesOnePrivateFileThatTheNextProcessReads) {
    SaltCache first(file_);
    first.save(key_id(1), 111, kNow);
    first.save(key_id(2), -222, kNow);
    EXPECT_FALSE(fs::exists(file_));  // nothing on disk before the flush
    first.flush(kNow);
    EXPECT_EQ(fs::status(file_).permissions(), fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_EQ(fs::status(dir_).permissions(), fs::perms::owner_all);

    SaltCache next(file_);
    EXPECT_EQ(next.load(key_id(1), kNow + 60), 111);
    EXPECT_EQ(next.load(key_id(2), kNow + 60), -222);
    EXPECT_EQ(next.load(key_id(3), kNow + 60), std::nullopt);
}

TEST_F(SaltCacheTest, AFleetOfKeysIsOneFileNotOnePerKey) {
    SaltCache cache(file_);
    for (int i = 0; i < 10'000; ++i) cache.save(key_id(i), i + 1, kNow);
    cache.flush(kNow);
    EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator{}), 1);
    SaltCache next(file_);
    for (int i = 0; i < 10'000; i += 999) EXPECT_EQ(next.load(key_id(i), kNow), i + 1);
}

TEST_F(SaltCacheTest, StaleEntriesAreMissesAndAreNotWrittenBack) {
    SaltCache cache(file_);
    cache.save(key_id(1), 111, kNow);
    cache.save(key_id(2), 222, kNow + SaltCache::kMaxAge);
    cache.flush(kNow + SaltCache::kMaxAge);
    EXPECT_EQ(SaltCache(file_).load(key_id(1), kNow + SaltCache::kMaxAge + 1), std::nullopt);
    EXPECT_EQ(SaltCache(file_).load(key_id(1), kNow - 1), std::nullopt);  // from the future

    SaltCache later(file_);
    later.save(key_id(3), 333, kNow + SaltCache::kMaxAge + 1);
    later.flush(kNow + SaltCache::kMaxAge + 1);
    EXPECT_EQ(text().find(key_id(1)), std::string::npos);
    EXPECT_NE(text().find(key_id(2)), std::string::npos);
    EXPECT_NE(text().find(key_id(3)), std::string::npos);
}

TEST_F(SaltCacheTest, AFlushKeepsWhatAnotherProcessWroteSinceItsRead) {
    SaltCache a(file_);
    SaltCache b(file_);
    EXPECT_EQ(a.load(key_id(1), kNow), std::nullopt);  // a has read the (missing) file
    b.save(key_id(2), 222, kNow);
    b.flush(kNow);
    a.save(key_id(1), 111, kNow);
    a.flush(kNow);
    SaltCache c(file_);
    EXPECT_EQ(c.load(key_id(1), kNow), 111);
    EXPECT_EQ(c.load(key_id(2), kNow), 222);
}

TEST_F(SaltCacheTest, DamagedLinesAreMissesAndAreDroppedByTheNextFlush) {
    const std::string good = key_id(1) + " 111 " + std::to_string(kNow) + "\n";
    write("garbage\n" + key_id(2) + " x 1\nZZ 5 " + std::to_string(kNow) + "\n" + good + key_id(3) +
          " 333 " + std::to_string(kNow));  // the last line cut short
    SaltCache cache(file_);
    EXPECT_EQ(cache.load(key_id(1), kNow), 111);
    EXPECT_EQ(cache.load(key_id(2), kNow), std::nullopt);
    EXPECT_EQ(cache.load(key_id(3), kNow), std::nullopt);
    cache.save(key_id(4), 444, kNow);
    cache.flush(kNow);
    EXPECT_EQ(text().find("garbage"), std::string::npos);
    EXPECT_EQ(text().find(key_id(3)), std::string::npos);
    EXPECT_NE(text().find(good), std::string::npos);
}

TEST_F(SaltCacheTest, AFileInADirectoryOthersCanWriteIsNotRead) {
    write(key_id(1) + " 111 " + std::to_string(kNow) + "\n");
    EXPECT_EQ(SaltCache(file_).load(key_id(1), kNow), 111);
    fs::permissions(dir_, fs::perms::group_write | fs::perms::others_write, fs::perm_options::add);
    EXPECT_EQ(SaltCache(file_).load(key_id(1), kNow), std::nullopt);
}

TEST_F(SaltCacheTest, NothingSavedWritesNothing) {
    SaltCache cache(file_);
    EXPECT_EQ(cache.load(key_id(1), kNow), std::nullopt);
    cache.flush(kNow);
    EXPECT_FALSE(fs::exists(dir_));
}

}  // namespace
}  // namespace tgsession
