// A Telegram Desktop tdata folder as a session source for `status DIR` and `convert DIR ...`:
// the folder is recognised by its key_datas file, its local passcode asked for only when it
// has one (--passphrase-file, $TGSESSION_PASSPHRASE, else a no-echo prompt).
#pragma once

#include <filesystem>
#include <optional>

#include "context.hpp"
#include "tgs/session/store.hpp"

namespace tgsession {

/// True when `path` is a directory holding a key_datas file.
bool is_tdata_source(const std::filesystem::path& path);

/// Reads account `account` (default: the folder's active one) as a session. Throws the
/// SESSION_TDATA_* errors of tgs/session/tdata.hpp; never writes.
tgs::session::LoadedSession load_tdata(const AppContext& ctx, const std::filesystem::path& dir,
                                       std::optional<int> account = std::nullopt);

}  // namespace tgsession
