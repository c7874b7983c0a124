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

}  // namespace tgs::test
