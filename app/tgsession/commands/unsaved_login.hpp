// A login that succeeded but could not be saved (a store out of reach, a full disk): the new
// authorization is live and its key exists only in this process, so it is written to the
// user's state directory instead of being lost.
#pragma once

#include <filesystem>

#include "tgs/error.hpp"
#include "tgs/session/store.hpp"

namespace tgsession {

/// Writes `d` to $XDG_STATE_HOME/tgsession/unsaved/NAME-TIME.session (0600, in a 0700
/// directory; sealed when `opts` carries a seal key, else a Telethon file), then throws
/// `failed` again (same code) saying where the login is and how to put it in place at
/// `target`. When that write fails too, says so instead.
[[noreturn]] void rethrow_keeping_login(const tgs::Error& failed,
                                        const std::filesystem::path& target,
                                        const tgs::session::SessionData& d,
                                        const tgs::session::SaveOptions& opts);

}  // namespace tgsession
