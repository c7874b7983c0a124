#include "xdg_paths.hpp"

#include <cstdlib>

namespace tgsession {
namespace {

std::filesystem::path from_env(const char* var, const char* home_relative) {
    // The spec says relative values are invalid and must be ignored.
    if (const char* v = std::getenv(var); v != nullptr && *v == '/') return v;
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home != nullptr && *home != '\0' ? home : "/tmp") / home_relative;
}

}  // namespace

std::filesystem::path xdg_config_home() {
    return from_env("XDG_CONFIG_HOME", ".config");
}
std::filesystem::path xdg_state_home() {
    return from_env("XDG_STATE_HOME", ".local/state");
}

}  // namespace tgsession
