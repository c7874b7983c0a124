// The SESSION argument rule shared with Telethon v2 (the seed): a path with no extension gets
// ".session" appended; any existing extension is kept as given. A session-store URL is kept as
// given, less any password in it (tgs::session::session_path).
#pragma once

#include <filesystem>
#include <string>

namespace tgsession {

std::filesystem::path session_path(const std::string& argument);

}  // namespace tgsession
