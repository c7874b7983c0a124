// Shared helpers for the test suites: locating data files, loading vector JSON, running out
// of descriptors.
#pragma once

#include <sys/resource.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tgs/bytes.hpp"

namespace tgs::test {

std::filesystem::path data_dir();
std::filesystem::path binary_dir();
/// ../shared/reference beside the checkout, if present (empty path otherwise).
std::filesystem::path shared_reference_dir();

/// Loads tests/data/vectors/<name> (the project's own copy of the reference vectors).
nlohmann::json load_vectors(const std::string& name);

/// How many threads this process has now (/proc/self/task).
int threads_of_this_process();

/// Holds every free descriptor below a soft RLIMIT_NOFILE lowered to at most 256 until
/// destroyed: what a process at its descriptor limit sees (the tests of RESOURCE_DESCRIPTORS).
class DescriptorsExhausted {
  public:
    DescriptorsExhausted();
    ~DescriptorsExhausted();
    DescriptorsExhausted(const DescriptorsExhausted&) = delete;
    DescriptorsExhausted& operator=(const DescriptorsExhausted&) = delete;

  private:
    rlimit old_{};
    std::vector<int> fds_;
};

inline Bytes hex(const nlohmann::json& j) {
    return from_hex(j.get<std::string>());
}

}  // namespace tgs::test
