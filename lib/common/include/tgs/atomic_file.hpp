// Files that hold secrets (session files, pending logins, salts, the test DC's keys and state)
// are replaced whole or not at all, are 0600 from their first byte, and are never written or
// read through a symbolic link someone planted at their path. Every writer uses this one.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "tgs/bytes.hpp"

namespace tgs {

/// `Durable`: fsync the file and its directory (what anything holding a key needs).
/// `Cache`: skip both, for files that are only worth a round trip (a crash may leave the old
/// version or a damaged one, which the reader treats as missing); still private and atomic.
enum class Durability { Durable, Cache };

/// A new 0600 temporary beside `target` (mkstemp: O_CREAT|O_EXCL, so never an existing file or
/// link) that replaces `target` on commit(); removed on destruction unless committed. Failures
/// throw tgs::Error(error_code) naming the path (RESOURCE_* when out of descriptors or memory).
class AtomicFile {
  public:
    AtomicFile(const std::filesystem::path& target, std::string error_code,
               Durability durability = Durability::Durable);
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();

    /// The temporary, for writers that open it themselves (SQLite).
    const std::filesystem::path& path() const { return path_; }
    void write_all(ByteView data);  // appends
    /// fsync the temporary, rename it over the target, fsync the directory (without the last
    /// step a crash right after the rename can bring the old file back).
    void commit();

  private:
    std::filesystem::path target_;
    std::filesystem::path path_;
    std::string error_code_;
    Durability durability_;
    int fd_ = -1;
    bool committed_ = false;
};

/// AtomicFile in one call.
void write_file_atomically(const std::filesystem::path& target, ByteView data,
                           const std::string& error_code,
                           Durability durability = Durability::Durable);

/// The temporary name prefix AtomicFile uses for `target` (".NAME.tmp-").
std::string atomic_temp_prefix(const std::filesystem::path& target);

/// Removes this user's AtomicFile temporaries in `dir` older than `max_age` (what a process
/// killed between create and rename leaves behind). For small private directories: it reads
/// the whole directory.
void remove_stale_temporaries(const std::filesystem::path& dir, std::chrono::seconds max_age);

/// The whole of a regular file, opened with O_NOFOLLOW: nullopt when nothing is at `path`;
/// throws tgs::Error(error_code) when it is a symbolic link, not a regular file, or unreadable.
std::optional<std::string> read_file_nofollow(const std::filesystem::path& path,
                                              const std::string& error_code);

}  // namespace tgs
