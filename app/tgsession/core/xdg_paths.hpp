// XDG base directories (config for options, state for tgsession's own files such as a pending
// two-phase login, kept beside — never inside — the interop session files).
#pragma once

#include <filesystem>

namespace tgsession {

std::filesystem::path xdg_config_home();  // $XDG_CONFIG_HOME or ~/.config
std::filesystem::path xdg_state_home();   // $XDG_STATE_HOME or ~/.local/state

}  // namespace tgsession
