// Shared helpers for the test suites: locating data files and loading vector JSON.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

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

inline Bytes hex(const nlohmann::json& j) {
    return from_hex(j.get<std::string>());
}

}  // namespace tgs::test
