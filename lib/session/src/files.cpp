// Crash-safe file replacement: temp file (0600) in the same directory, fsync, rename, fsync dir.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "internal.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session::detail {
namespace {
[[noreturn]] void io_fail(const std::string& what, const std::filesystem::path& p) {
    fail(errc::write_failed, what + " " + p.string() + ": " + std::strerror(errno));
}

void fsync_dir(const std::filesystem::path& dir) {
    const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) io_fail("cannot open directory", dir);
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) io_fail("cannot fsync directory", dir);
}
}  // namespace

Bytes read_file(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail_errno(errno, path, "cannot open");
    Bytes out;
    std::uint8_t buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            fail_errno(err, path, "cannot read");
        }
        if (n == 0) break;
        out.insert(out.end(), buf, buf + n);
    }
    ::close(fd);
    return out;
}

TempFile::TempFile(const std::filesystem::path& target) : target_(target) {
    auto dir = target.parent_path();
    std::string tmpl = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    fd_ = ::mkstemp(tmpl.data());  // created 0600 (before umask); fchmod makes it exact
    if (fd_ < 0) io_fail("cannot create temp file beside", target);
    path_ = tmpl;
    if (::fchmod(fd_, S_IRUSR | S_IWUSR) != 0) io_fail("cannot chmod", path_);
}

TempFile::~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_ && !path_.empty()) {
        ::unlink(path_.c_str());
        ::unlink((path_.string() + "-journal").c_str());
    }
}

void TempFile::write_all(ByteView data) {
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd_, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) io_fail("cannot write", path_);
        done += static_cast<std::size_t>(n);
    }
}

void TempFile::commit() {
    // SQLite (if it wrote this file) has closed it by now, so closing our descriptor can't drop
    // its POSIX locks early.
    if (::fsync(fd_) != 0) io_fail("cannot fsync", path_);
    ::close(fd_);
    fd_ = -1;
    if (::rename(path_.c_str(), target_.c_str()) != 0)
        io_fail("cannot rename temp file onto", target_);
    committed_ = true;
    fsync_dir(target_.parent_path());
}

void atomic_write(const std::filesystem::path& target, ByteView data) {
    TempFile tmp(target);
    tmp.write_all(data);
    tmp.commit();
}

}  // namespace tgs::session::detail
