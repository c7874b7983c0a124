// XDG base directories (config for options, state for tgsession's own files such as a pending
// two-phase login, kept beside — never inside — the interop session files), and the checks that
// keep another local user from planting a config file (`dc=`, `rsa-key=`: a man in the middle)
// or reading pending logins and salts there.
#pragma once

#include <filesystem>
#include <optional>

namespace tgsession {

/// $HOME if it is an absolute path, else the passwd entry's home directory; nullopt when
/// neither exists (never /tmp: any local user could plant files there).
std::optional<std::filesystem::path> home_dir();

/// $XDG_CONFIG_HOME or ~/.config; throws PATH_NO_HOME when there is no home directory.
std::filesystem::path xdg_config_home();
/// $XDG_STATE_HOME or ~/.local/state; throws PATH_NO_HOME when there is no home directory.
std::filesystem::path xdg_state_home();

/// Throws PATH_UNSAFE unless `p` (if it exists) is owned by this user and not writable by group
/// or others. A missing path passes (it will be created private).
void require_private(const std::filesystem::path& p);

/// Creates `dir` (0700) and its missing parents, then requires `dir` and each of its parents up
/// to and including `base` to be private (require_private). Throws PATH_UNSAFE or `write_error`.
void ensure_private_dir(const std::filesystem::path& base, const std::filesystem::path& dir,
                        const char* write_error);

}  // namespace tgsession
