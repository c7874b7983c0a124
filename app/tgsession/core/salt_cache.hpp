// Server salts remembered between runs, so the first request on a stored key needs no
// bad_server_salt round trip (`status` is then one round trip). Session files have no place
// for a salt, so they live in tgsession's own state dir, in 0600 text files with a line per
// auth key id: "<key id, 16 hex digits> <salt> <unix time>". A salt is a routing hint, not a secret
// of the account, and a stale one only costs the round trip it was meant to save.
//
// The lines are split by the key id's first 6 bits into 64 shard files, server-salts.d/00 to
// server-salts.d/3f. Not a file per key: a fleet `status` of 10,000 sessions created 10,000
// files, and on ext4 without a journal each new inode is searched for past every inode freed in
// the last 30 s (ext4's recently_deleted()), so right after another run's files were deleted
// the creates alone took seconds of CPU; 64 creates cost little. Not one file: after a fleet
// check it held 10,000 lines (~490 KB), which one login read, parsed and rewrote (~1.3 ms of
// CPU). A shard is read at the first lookup of one of its keys, and flush() rewrites only the
// shards that have new salts.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace tgsession {

class SaltCache {
  public:
    /// `state_dir` is normally xdg_state_home()/"tgsession"; the shards' directory in it is made
    /// (0700) by the first flush() that has something to write, which also removes the older
    /// versions' caches there (remove_old_salt_caches()).
    explicit SaltCache(std::filesystem::path state_dir);

    /// The salt saved for `key_id_hex` within the last `max_age_seconds`, if any. Its shard is
    /// read at the first lookup of any of its keys.
    std::optional<std::int64_t> load(const std::string& key_id_hex, std::int64_t now,
                                     std::int64_t max_age_seconds = kMaxAge);
    /// Remembers a salt; nothing is written before flush().
    void save(const std::string& key_id_hex, std::int64_t salt, std::int64_t now);
    /// Rewrites each shard with salts saved since the last flush, merged with what its file
    /// holds now (another process may have added its own since it was read), dropping entries
    /// older than kMaxAge: a new 0600 file renamed over the old one. Failures are ignored (a
    /// cache); two processes flushing one shard at once may lose one's new entries, which costs
    /// a round trip later.
    void flush(std::int64_t now);

    /// Telegram salts last about 30 min and stay accepted 30 min more.
    static constexpr std::int64_t kMaxAge = 30 * 60;
    static constexpr unsigned kShards = 64;
    /// The directory of the shard files, in `state_dir`.
    static constexpr const char* kShardDir = "server-salts.d";
    /// The shard file name for a key id ("00" to "3f"); empty when it is not a key id.
    static std::string shard_name(const std::string& key_id_hex);

  private:
    struct Entry {
        std::int64_t salt = 0;
        std::int64_t saved_at = 0;
        bool unsaved = false;  // saved since the last flush
    };
    struct Shard {
        bool loaded = false;
        bool unsaved = false;
        std::unordered_map<std::uint64_t, Entry> entries;  // by key id: the file as read + saves
    };

    void read_shard(unsigned index, Shard& shard) const;
    void write_shard(unsigned index, Shard& shard, std::int64_t now) const;
    std::filesystem::path shard_file(unsigned index) const;

    std::filesystem::path state_dir_;
    std::filesystem::path shard_dir_;
    std::mutex mutex_;  // status checks run on several threads
    bool unsaved_ = false;
    std::array<Shard, kShards> shards_;
};

/// The cache in the XDG state dir (one per process; safe to use from several threads).
SaltCache& default_salt_cache();

}  // namespace tgsession
