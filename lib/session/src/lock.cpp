#include "tgs/session/lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <thread>

#include "internal.hpp"
#include "pg_api.hpp"
#include "pg_store.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session {
using detail::fail;

namespace {
std::string read_holder(int fd) {
    char buf[32] = {};
    const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    std::string s = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s.empty() ? "unknown" : s;
}
}  // namespace

std::filesystem::path SessionLock::lock_path(const std::filesystem::path& session_file) {
    auto p = session_file;
    p += ".lock";
    return p;
}

SessionLock::SessionLock(const std::filesystem::path& session_file, std::chrono::milliseconds wait)
    : lock_path_(lock_path(session_file)) {
    if (detail::is_store_url(session_file.native())) {
        lease_ = detail::acquire_store_lease(session_file.native(), wait);
        return;
    }
    const auto deadline = std::chrono::steady_clock::now() + wait;
    for (;;) {
        // O_NOFOLLOW: a link planted at NAME.lock would make us truncate and write its target.
        const int fd = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
                              S_IRUSR | S_IWUSR);
        if (fd < 0)
            fail(errc::write_failed,
                 "cannot create lock file " + lock_path_.string() + ": " +
                     (errno == ELOOP ? "it is a symbolic link" : std::strerror(errno)));
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            // The holder before us may have unlinked the file between our open and flock: only
            // a lock on the inode that is still at the path counts.
            struct stat held {
            }, now{};
            if (::fstat(fd, &held) == 0 && ::stat(lock_path_.c_str(), &now) == 0 &&
                held.st_ino == now.st_ino && held.st_dev == now.st_dev) {
                const std::string pid = std::to_string(::getpid()) + "\n";
                if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
                    ::close(fd);
                    fail(errc::write_failed, "cannot write lock file " + lock_path_.string());
                }
                fd_ = fd;
                return;
            }
            ::close(fd);
            continue;
        }
        const std::string holder = read_holder(fd);
        ::close(fd);
        if (std::chrono::steady_clock::now() >= deadline) {
            fail(errc::locked, "session is in use by another process (PID " + holder +
                                   "); lock file " + lock_path_.string());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

SessionLock::SessionLock(SessionLock&& other) noexcept
    : lock_path_(std::move(other.lock_path_)), fd_(other.fd_), lease_(std::move(other.lease_)) {
    other.fd_ = -1;
}

SessionLock::~SessionLock() {
    if (fd_ < 0) return;
    ::unlink(lock_path_.c_str());  // while still holding it, so no one locks a stale inode
    ::close(fd_);
}

}  // namespace tgs::session
