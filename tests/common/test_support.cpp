#include "test_support.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include "tgs/error.hpp"

namespace tgs::test {

std::filesystem::path data_dir() {
    return TGS_TEST_DATA_DIR;
}
std::filesystem::path binary_dir() {
    return TGS_BINARY_DIR;
}

std::filesystem::path shared_reference_dir() {
    std::filesystem::path p = TGS_SHARED_REFERENCE_DIR;
    return std::filesystem::is_directory(p) ? p : std::filesystem::path{};
}

DescriptorsExhausted::DescriptorsExhausted() {
    // UBSan's vptr check learns a dynamic type by reading /proc/self/maps, which fails with no
    // descriptor left (a false "invalid vptr"): let it see the types these tests meet then (a
    // caught tgs::Error, a file stream that failed to open) while it still can.
    try {
        throw Error("TEST_WARM_UP", "seen before the descriptors run out");
    } catch (const Error& e) {
        (void)e.code();
    }
    if (std::ifstream unopened("/nonexistent/tgs-test-warm-up"); !unopened)
        (void)unopened.rdstate();
    ::getrlimit(RLIMIT_NOFILE, &old_);
    rlimit low = old_;
    low.rlim_cur = std::min<rlim_t>(old_.rlim_cur, 256);  // a bounded number to hold
    ::setrlimit(RLIMIT_NOFILE, &low);
    for (int fd; (fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0;) fds_.push_back(fd);
}

DescriptorsExhausted::~DescriptorsExhausted() {
    for (const int fd : fds_) ::close(fd);
    ::setrlimit(RLIMIT_NOFILE, &old_);
}

nlohmann::json load_vectors(const std::string& name) {
    std::ifstream in(data_dir() / "vectors" / name);
    if (!in) throw std::runtime_error("missing vector file " + name);
    return nlohmann::json::parse(in);
}

int threads_of_this_process() {
    int n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/task"))
        ++n;
    return n;
}

}  // namespace tgs::test
