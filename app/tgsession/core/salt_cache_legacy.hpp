// Older versions kept the server salts elsewhere in the same state dir: a file per key in
// salts/ (until 8dba649), then the one file server-salts (until the shards). Nothing reads them
// any more, so the first write of the sharded cache takes them away.
#pragma once

#include <filesystem>

namespace tgsession {

/// Removes `state_dir`/server-salts and `state_dir`/salts/ (its files, then the directory) when
/// they are this user's. Best effort: never through a symbolic link, never an error.
void remove_old_salt_caches(const std::filesystem::path& state_dir);

}  // namespace tgsession
