// One entry point per command; each returns the process exit code or throws (main classifies).
#pragma once

#include "context.hpp"

namespace tgsession {

int run_login(AppContext& ctx);
int run_bot_login(AppContext& ctx);
int run_status(AppContext& ctx);
int run_revoke(AppContext& ctx);
int run_convert(AppContext& ctx);
int run_export(AppContext& ctx);
int run_import(AppContext& ctx);

}  // namespace tgsession
