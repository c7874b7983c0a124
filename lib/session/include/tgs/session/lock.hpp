// Advisory write lock for one session: flock() on "<file>.lock", which records the holder's PID;
// for a store location, the session's lease (a PostgreSQL advisory lock, released by the server
// if the holder dies; docs/postgres-store.md). A worker holds one for its whole life to keep
// other processes off its auth key. Readers (open_read_only) never take it.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>

namespace tgs::session {

namespace detail {
struct StoreLease;
}

class SessionLock {
  public:
    /// Takes the lock. If another process holds it, waits up to `wait` (polling), then throws
    /// SESSION_LOCKED naming the holder's PID. SESSION_WRITE_FAILED if the lock file can't be made.
    explicit SessionLock(const std::filesystem::path& session_file,
                         std::chrono::milliseconds wait = std::chrono::milliseconds{0});
    SessionLock(const SessionLock&) = delete;
    SessionLock& operator=(const SessionLock&) = delete;
    SessionLock(SessionLock&& other) noexcept;
    SessionLock& operator=(SessionLock&&) = delete;
    /// Releases the lock and removes the lock file.
    ~SessionLock();

    static std::filesystem::path lock_path(const std::filesystem::path& session_file);

  private:
    std::filesystem::path lock_path_;
    int fd_ = -1;
    std::unique_ptr<detail::StoreLease> lease_;
};

}  // namespace tgs::session
