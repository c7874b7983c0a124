// Online status of many files: one io_context per usable CPU (the calling thread runs one),
// at most `jobs` checks in flight in all, one connection (and its own auth key) each. A check
// that ran out of descriptors or memory is tried again a few times, later, before it is
// reported as such.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "status_check.hpp"

namespace tgsession {

/// Called under a lock, from whichever thread finished the check.
using StatusSinkFn = std::function<void(std::size_t index, StatusResult result)>;

/// How many threads (io_contexts) run_online_checks uses: one per usable CPU, at most 8, and
/// fewer for a few hundred files or a small --jobs.
unsigned online_threads(std::size_t files, int jobs);

/// Checks every session of `reader`.
void run_online_checks(const tgs::auth::ClientConfig& config, int jobs, SessionReader& reader,
                       const StatusSinkFn& report);

}  // namespace tgsession
