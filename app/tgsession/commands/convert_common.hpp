// What every kind of `convert` (and `import`) does around the conversion itself: refusing to
// replace DST without --force, and telling what the destination format could not keep.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "context.hpp"

namespace tgsession {

/// Throws SESSION_WRITE_FAILED when a session exists at `dst` and `force` is off. Called before
/// DST's lock is taken (nothing is asked or made for a run that must fail) and again once it is
/// held: with --wait, the process that held it (a login) may have written DST meanwhile, and
/// that file must not be replaced without --force.
void refuse_overwrite(const std::filesystem::path& dst, bool force);

/// A note per field of the session that `to` has no place for.
void report_dropped(AppContext& ctx, const std::vector<std::string>& dropped,
                    tgs::session::Format to);

}  // namespace tgsession
