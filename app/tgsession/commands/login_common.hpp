// Shared by login and bot-login: taking the target file, refusing to replace an authorized
// session without --force (checked before any code is sent), and saving the result.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include "context.hpp"
#include "progress.hpp"
#include "tgs/session/lock.hpp"

namespace tgsession {

struct LoginTarget {
    std::filesystem::path path;
    tgs::session::Format format = tgs::session::Format::Telethon;
    std::optional<tgs::session::SealKey> seal;
    std::optional<tgs::session::SessionLock> lock;
    tgs::session::SessionData start;  // where the client begins (old DC, reusable key)
    // What the file held before this login (start may be edited): its format and account.
    std::optional<tgs::session::Format> file_format;
    std::optional<std::int64_t> file_user_id;
    // Set when --force replaced an authorized key: whether that key was logged out.
    std::optional<bool> old_logged_out;
};

/// Locks `path` (honouring --wait) and loads what is there. `take_lock` is false for
/// --send-code, which writes no session file.
LoginTarget open_login_target(AppContext& ctx, const std::filesystem::path& path,
                              const std::string& format_name, bool seal, bool take_lock);

/// Builds the client. If the file already holds an authorized key: refuse (exit 73) unless
/// `force`; then log that key out (unless `keep_old`) and start without it. Any other key is
/// dropped too (never reused: the server did not confirm it). A -404 is asked twice, and a
/// logged-in file it would discard is kept unless `force`. Connects when it had to check.
std::unique_ptr<tgs::auth::Client> make_login_client(AppContext& ctx, LoginTarget& target,
                                                     bool force, bool keep_old,
                                                     ProgressRelay& progress);

/// Keeps the future auth token of the last login/logout for `phone` (future_tokens.hpp).
void remember_future_token(tgs::auth::Client& client, const std::string& phone);

/// Saves the logged-in session (and the login's future auth token), prints the result,
/// returns 0.
int finish_login(AppContext& ctx, LoginTarget& target, tgs::auth::Client& client,
                 const tgs::auth::User& user, const std::string& command);

}  // namespace tgsession
