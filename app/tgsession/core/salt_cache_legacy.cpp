#include "salt_cache_legacy.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

namespace tgsession {
namespace {

// What is at `name` in `dir_fd`, the link itself if it is one; 0 when missing or not ours.
mode_t our_type(int dir_fd, const char* name) {
    struct stat st {};
    if (::fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || st.st_uid != ::geteuid())
        return 0;
    return st.st_mode & S_IFMT;
}

// The per-key files of salts/: unlinking a link removes the link, never what it points at.
void empty_per_key_dir(int state_fd) {
    const int fd = ::openat(state_fd, "salts", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return;
    DIR* d = ::fdopendir(fd);
    if (d == nullptr) {
        ::close(fd);
        return;
    }
    while (const dirent* e = ::readdir(d)) {
        if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
        const mode_t type = our_type(fd, e->d_name);
        if (type == S_IFREG || type == S_IFLNK) ::unlinkat(fd, e->d_name, 0);
    }
    ::closedir(d);  // closes fd
}

}  // namespace

void remove_old_salt_caches(const std::filesystem::path& state_dir) {
    const int fd = ::open(state_dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return;
    if (our_type(fd, "server-salts") == S_IFREG) ::unlinkat(fd, "server-salts", 0);
    if (our_type(fd, "salts") == S_IFDIR) {
        empty_per_key_dir(fd);
        ::unlinkat(fd, "salts", AT_REMOVEDIR);  // fails, harmlessly, if anything else is left
    }
    ::close(fd);
}

}  // namespace tgsession
