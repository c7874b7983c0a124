// A private state dir for the salt cache tests, key ids placed in chosen shards, and the shard
// files' text.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "salt_cache.hpp"

namespace tgsession::salt_test {

namespace fs = std::filesystem;

constexpr std::int64_t kNow = 1'800'000'000;

inline std::string hex_id(std::uint64_t id) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(id));
    return hex;
}

/// Key `i` of shard `shard` (the shard is the id's first 6 bits).
inline std::string key_in(unsigned shard, std::uint64_t i) {
    return hex_id(static_cast<std::uint64_t>(shard) << 58 | i);
}

/// Keys spread over every shard, as real key ids (SHA-1 bits) are.
inline std::string spread_key(std::uint64_t i) {
    return hex_id((i + 1) * 0x9e3779b97f4a7c15ULL);
}

inline std::string line(const std::string& key, std::int64_t salt, std::int64_t at = kNow) {
    return key + " " + std::to_string(salt) + " " + std::to_string(at) + "\n";
}

class SaltCacheTest : public ::testing::Test {
  protected:
    void SetUp() override {
        char tmpl[] = "/tmp/tgs-salts-XXXXXX";
        ASSERT_NE(::mkdtemp(tmpl), nullptr);
        root_ = tmpl;
        state_ = root_ / "state" / "tgsession";
        shards_ = state_ / SaltCache::kShardDir;
    }
    void TearDown() override { fs::remove_all(root_); }

    fs::path shard(const std::string& key) const { return shards_ / SaltCache::shard_name(key); }
    static std::string text(const fs::path& file) {
        std::ifstream in(file);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
    /// Writes a shard file as another process of ours would (private dirs, 0600 file).
    void write(const fs::path& file, const std::string& t) const {
        fs::create_directories(file.parent_path());
        fs::permissions(state_, fs::perms::owner_all);
        fs::permissions(shards_, fs::perms::owner_all);
        std::ofstream(file) << t;
        fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
    }
    static std::size_t files_in(const fs::path& dir) {
        return static_cast<std::size_t>(
            std::distance(fs::directory_iterator(dir), fs::directory_iterator{}));
    }

    fs::path root_, state_, shards_;
};

}  // namespace tgsession::salt_test
