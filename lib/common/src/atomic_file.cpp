#include "tgs/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "tgs/error.hpp"
#include "tgs/resource_error.hpp"

namespace tgs {
namespace {

[[noreturn]] void io_fail(const std::string& code, const std::string& what,
                          const std::filesystem::path& p, int err) {
    resource::throw_if_exhausted(err, what + " " + p.string());
    throw Error(code, what + " " + p.string() + ": " + std::strerror(err));
}

void fsync_dir(const std::filesystem::path& dir, const std::string& code) {
    const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) io_fail(code, "cannot open directory", dir, errno);
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0) io_fail(code, "cannot fsync directory", dir, err);
}

}  // namespace

std::string atomic_temp_prefix(const std::filesystem::path& target) {
    return "." + target.filename().string() + ".tmp-";
}

AtomicFile::AtomicFile(const std::filesystem::path& target, std::string error_code,
                       Durability durability)
    : target_(target), error_code_(std::move(error_code)), durability_(durability) {
    std::string tmpl = (target.parent_path() / (atomic_temp_prefix(target) + "XXXXXX")).string();
    fd_ = ::mkstemp(tmpl.data());  // 0600 before the umask; fchmod makes it exact
    if (fd_ < 0) io_fail(error_code_, "cannot create temp file beside", target, errno);
    path_ = tmpl;
    if (::fchmod(fd_, S_IRUSR | S_IWUSR) != 0) io_fail(error_code_, "cannot chmod", path_, errno);
}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_ && !path_.empty()) {
        ::unlink(path_.c_str());
        ::unlink((path_.string() + "-journal").c_str());  // SQLite's, if it wrote the temporary
    }
}

void AtomicFile::write_all(ByteView data) {
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd_, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) io_fail(error_code_, "cannot write", path_, errno);
        done += static_cast<std::size_t>(n);
    }
}

void AtomicFile::commit() {
    // SQLite (if it wrote this file) has closed it by now, so closing our descriptor can't drop
    // its POSIX locks early.
    const bool durable = durability_ == Durability::Durable;
    if (durable && ::fsync(fd_) != 0) io_fail(error_code_, "cannot fsync", path_, errno);
    ::close(fd_);
    fd_ = -1;
    if (::rename(path_.c_str(), target_.c_str()) != 0)
        io_fail(error_code_, "cannot rename temp file onto", target_, errno);
    committed_ = true;
    if (durable) fsync_dir(target_.parent_path(), error_code_);
}

void write_file_atomically(const std::filesystem::path& target, ByteView data,
                           const std::string& error_code, Durability durability) {
    AtomicFile tmp(target, error_code, durability);
    tmp.write_all(data);
    tmp.commit();
}

void remove_stale_temporaries(const std::filesystem::path& dir, std::chrono::seconds max_age) {
    std::error_code ec;
    const auto now = std::filesystem::file_time_type::clock::now();
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() < 2 || name[0] != '.' || name.find(".tmp-") == std::string::npos) continue;
        struct stat st {};
        if (::lstat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
            st.st_uid != ::geteuid())
            continue;
        std::error_code tec;
        const auto mtime = std::filesystem::last_write_time(it->path(), tec);
        if (!tec && now - mtime > max_age) ::unlink(it->path().c_str());
    }
}

std::optional<std::string> read_file_nofollow(const std::filesystem::path& path,
                                              const std::string& error_code) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) return std::nullopt;
    if (fd < 0 && errno == ELOOP) {
        throw Error(error_code, path.string() + " is a symbolic link; refusing to follow it");
    }
    if (fd < 0) io_fail(error_code, "cannot open", path, errno);
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw Error(error_code, path.string() + " is not a regular file");
    }
    std::string out;
    char buf[16384];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            io_fail(error_code, "cannot read", path, err);
        }
        if (n == 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

}  // namespace tgs
