// Online status of many files on one io_context run by the calling thread: at most `jobs`
// checks in flight, one connection (and its own auth key) each. A check that ran out of
// descriptors or memory is tried again a few times, later, before it is reported as such.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "status_check.hpp"

namespace tgsession {

using StatusSinkFn = std::function<void(std::size_t index, StatusResult result)>;

void run_online_checks(const std::vector<std::string>& paths, const tgs::auth::ClientConfig& config,
                       int jobs, SessionReader& reader, const StatusSinkFn& report);

}  // namespace tgsession
