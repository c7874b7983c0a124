// `convert SESSION DIR --to tdata` and `convert DIR SESSION`: a session into a Telegram Desktop
// data folder and back (tgs/session/tdata.hpp).
#pragma once

#include "context.hpp"

namespace tgsession {

/// SRC (any session file) into the tdata folder DST; --passphrase-file sets a local passcode;
/// --server-config / --dc / --rsa-key store those DCs and keys in its config.
int convert_to_tdata(AppContext& ctx);

/// The tdata folder SRC (account --account, default the active one) into the session file DST.
int convert_from_tdata(AppContext& ctx, tgs::session::Format to);

}  // namespace tgsession
