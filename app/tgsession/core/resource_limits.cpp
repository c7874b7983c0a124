#include "resource_limits.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <fstream>

namespace tgsession {
namespace {

// Descriptors kept back for stdio, the logger, SQLite and anything the process opens besides
// the checks' sockets.
constexpr long kReserved = 32;
// More in flight than this gains nothing against one server and costs memory.
constexpr int kDefaultJobs = 128;

long kernel_open_max() {
    std::ifstream in("/proc/sys/fs/nr_open");
    long n = 0;
    return (in >> n) && n > 0 ? n : 1024L * 1024;
}

}  // namespace

long raise_descriptor_limit() {
    rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) return 1024;
    rlim_t want = lim.rlim_max;
    if (want == RLIM_INFINITY) want = static_cast<rlim_t>(kernel_open_max());
    if (want > lim.rlim_cur) {
        rlimit raised = lim;
        raised.rlim_cur = want;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) lim = raised;
    }
    return lim.rlim_cur == RLIM_INFINITY ? kernel_open_max() : static_cast<long>(lim.rlim_cur);
}

int online_jobs(std::optional<int> requested, long descriptor_limit) {
    const long room = std::max(1L, (descriptor_limit - kReserved) / 2);
    const long want = requested ? std::max(1, *requested) : kDefaultJobs;
    return static_cast<int>(std::min(want, room));
}

}  // namespace tgsession
