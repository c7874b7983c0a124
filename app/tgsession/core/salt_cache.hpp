// Server salts remembered between runs, so the first request on a stored key needs no
// bad_server_salt round trip (`status` is then one round trip). Session files have no place
// for a salt, so they live in tgsession's own state dir, in one 0600 text file with a line per
// auth key id: "<key id, 16 hex digits> <salt> <unix time>". A salt is a routing hint, not a secret
// of the account, and a stale one only costs the round trip it was meant to save.
//
// One file, read once per process and written once (flush()), not a file per key: a fleet
// `status` of 10,000 sessions created 10,000 files, and on ext4 without a journal each new
// inode is searched for past every inode freed in the last 30 s (ext4's recently_deleted()),
// so right after another run's files were deleted the creates alone took seconds of CPU.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace tgsession {

class SaltCache {
  public:
    /// `file` is normally xdg_state_home()/"tgsession"/"server-salts"; its directory is made
    /// (0700) by the first flush() that has something to write.
    explicit SaltCache(std::filesystem::path file);

    /// The salt saved for `key_id_hex` within the last `max_age_seconds`, if any. The file is
    /// read at the first call.
    std::optional<std::int64_t> load(const std::string& key_id_hex, std::int64_t now,
                                     std::int64_t max_age_seconds = kMaxAge);
    /// Remembers a salt; nothing is written before flush().
    void save(const std::string& key_id_hex, std::int64_t salt, std::int64_t now);
    /// Writes the salts saved since the last flush, merged with what the file holds now
    /// (another process may have added its own since it was read), dropping entries older than
    /// kMaxAge: a new 0600 file renamed over the old one. Failures are ignored (a cache); two
    /// processes flushing at once may lose one's new entries, which costs a round trip later.
    void flush(std::int64_t now);

    /// Telegram salts last about 30 min and stay accepted 30 min more.
    static constexpr std::int64_t kMaxAge = 30 * 60;

  private:
    struct Entry {
        std::int64_t salt = 0;
        std::int64_t saved_at = 0;
        bool unsaved = false;  // saved since the last flush
    };
    using Entries = std::unordered_map<std::uint64_t, Entry>;  // by key id

    /// The file's text now (empty when it is missing, unsafe or unreadable).
    std::string read_file() const;

    std::filesystem::path file_;
    std::mutex mutex_;  // status checks run on several threads
    bool loaded_ = false;
    bool unsaved_ = false;
    Entries entries_;  // the file as read, plus what was saved
};

/// The cache in the XDG state dir (one per process; safe to use from several threads).
SaltCache& default_salt_cache();

}  // namespace tgsession
