// The login branches beyond code and password (docs/architecture.md §3): login-email setup,
// sign-up, and 2FA recovery. Each takes its input from a flag or $TGSESSION_<NAME>, or asks on a
// terminal; a scripted run that lacks it fails with a CLI_USAGE_<WHAT> code whose --json result
// names the next step.
#pragma once

#include "context.hpp"
#include "tgs/auth/client.hpp"
#include "tgs/auth/errors.hpp"

namespace tgsession {

/// When Telegram wants a login email first (token.email_setup_required): the address (--email),
/// the code sent there (--email-code), then the LoginToken of the login code that follows.
/// Any other token is returned as it is.
tgs::auth::LoginToken email_setup_step(AppContext& ctx, tgs::auth::Client& client,
                                       tgs::auth::LoginToken token);

/// The number has no account: without --sign-up, a clear AUTH_SIGN_UP_REQUIRED (exit 77);
/// with it, the terms of service are shown (and accepted: prompt or --accept-tos) and the
/// account is created.
tgs::auth::User sign_up_step(AppContext& ctx, tgs::auth::Client& client,
                             const tgs::auth::LoginToken& token,
                             const tgs::auth::SignUpRequired& why);

/// Forgot the 2FA password: a code to the recovery email (--recovery-code), then the new
/// password (--new-password-file; none = 2FA removed). Without a recovery email, explains
/// account.resetPassword and (on a terminal, if confirmed) requests it.
tgs::auth::User recovery_step(AppContext& ctx, tgs::auth::Client& client,
                              const tgs::auth::PasswordToken& token);

}  // namespace tgsession
