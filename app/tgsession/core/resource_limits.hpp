// Process limits for commands that handle many files or connections at once.
#pragma once

#include <optional>

namespace tgsession {

/// Raises the soft RLIMIT_NOFILE to the hard limit (capped at what the kernel allows) and
/// returns the soft limit now in force. Failures leave the limit as it was.
long raise_descriptor_limit();

/// How many online checks may be in flight at once: `requested` (--jobs) or a default, never
/// more than the descriptor limit leaves room for (each check holds one socket, and briefly
/// the session file, beside the descriptors the process already uses).
int online_jobs(std::optional<int> requested, long descriptor_limit);

}  // namespace tgsession
