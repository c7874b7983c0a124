#include "test_support.hpp"

#include <fstream>
#include <stdexcept>

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
