// Secrets typed on the command line are readable by every local user (/proc/PID/cmdline, ps)
// and stay in shell history. These helpers find which options were typed on argv (as opposed to
// coming from the environment or the config file, which CLI11 stores in the same field), so
// commands can refuse a session string or bot token there and warn about --api-hash.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tgsession {

/// True when `flag` ("--api-hash") appears in `args` as "--api-hash V" or "--api-hash=V"
/// (before a "--" that ends the options).
bool flag_on_argv(const std::vector<std::string>& args, std::string_view flag);

/// The warning printed when the API hash was typed on argv.
std::string api_hash_argv_warning();

/// True when a postgresql:// (or postgres://) session location in `args` carries a password,
/// as user:password@host or a password= parameter.
bool store_password_on_argv(const std::vector<std::string>& args);

/// The warning printed when a store URL on argv carries a password.
std::string store_password_argv_warning();

}  // namespace tgsession
