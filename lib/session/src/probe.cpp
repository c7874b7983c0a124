// The first look at a session file: one descriptor, fstat, the first bytes (all of a small
// file, so a Telethon file can be read from memory: sqlite_image.hpp). Errors say what
// really went wrong: a missing file, one we may not read, or a process out of descriptors or
// memory are not "corrupt".
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "internal.hpp"
#include "tgs/resource_error.hpp"
#include "tgs/session/errors.hpp"
#include "tgs/session/store.hpp"

namespace tgs::session::detail {

void fail_errno(int err, const std::filesystem::path& path, const std::string& doing) {
    resource::throw_if_exhausted(err, path.string() + ": " + doing);
    if (err == ENOENT || err == ENOTDIR)
        fail(errc::not_found, path.string() + ": no such session file");
    fail(errc::unreadable, path.string() + ": " + doing + ": " + std::strerror(err));
}

FileProbe probe_file(const std::filesystem::path& path, std::size_t head_limit,
                     FileIdentity* identity) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) fail_errno(errno, path, "cannot open");
    FileProbe p;
    struct stat st {};
    int err = 0;
    if (::fstat(fd, &st) != 0) {
        err = errno;
    } else if (identity != nullptr) {
        *identity = {
            static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino),
            static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec};
    }
    if (err == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        p.head.resize(
            static_cast<std::size_t>(std::min<off_t>(st.st_size, static_cast<off_t>(head_limit))));
        ssize_t n;
        do {
            n = ::pread(fd, p.head.data(), p.head.size(), 0);
        } while (n < 0 && errno == EINTR);
        if (n < 0) err = errno;
        p.head.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
    }
    ::close(fd);
    if (err != 0) fail_errno(err, path, "cannot read");
    if (!S_ISREG(st.st_mode)) fail(errc::foreign, path.string() + ": not a regular file");
    if (st.st_size == 0) fail(errc::empty, path.string() + ": file is empty");
    p.size = static_cast<std::uintmax_t>(st.st_size);
    p.mode = st.st_mode;
    return p;
}

}  // namespace tgs::session::detail
