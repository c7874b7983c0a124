// The error codes lib/auth throws itself (server refusals arrive as tgs::RpcError "RPC_<NAME>").
// Named like every layer's codes (docs/CONVENTIONS.md "Errors"); kAll lists them so the CLI's exit
// table can be checked for completeness by a test.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "tgs/auth/types.hpp"
#include "tgs/error.hpp"

namespace tgs::auth::errc {

inline constexpr const char* unexpected_result = "AUTH_UNEXPECTED_RESULT";
inline constexpr const char* password_state = "AUTH_PASSWORD_STATE";
/// The account's 2FA uses a key-derivation algorithm this version does not implement.
inline constexpr const char* password_algo_unsupported = "AUTH_PASSWORD_ALGO_UNSUPPORTED";
inline constexpr const char* qr_timeout = "AUTH_QR_TIMEOUT";
inline constexpr const char* reset_refused = "AUTH_RESET_REFUSED";
/// auth.sentCodePaymentRequired: Telegram wants a payment before sending a code.
inline constexpr const char* payment_required = "AUTH_PAYMENT_REQUIRED";
/// auth.authorizationSignUpRequired: the number has no account (thrown as SignUpRequired).
inline constexpr const char* sign_up_required = "AUTH_SIGN_UP_REQUIRED";
/// Password recovery on an account without a recovery email.
inline constexpr const char* no_recovery_email = "AUTH_NO_RECOVERY_EMAIL";
/// The code step of a token that needs a login email set up first.
inline constexpr const char* email_setup_required = "AUTH_EMAIL_SETUP_REQUIRED";
/// A Firebase SMS was offered and no other delivery is left to fall back to.
inline constexpr const char* firebase_only = "AUTH_FIREBASE_ONLY";
/// A DC id no configuration names (the NET_ prefix predates this list; kept, it is public).
inline constexpr const char* unknown_dc = "NET_UNKNOWN_DC";

inline constexpr std::array<std::string_view, 11> kAll{
    unexpected_result, password_state,    password_algo_unsupported,
    qr_timeout,        reset_refused,     payment_required,
    sign_up_required,  no_recovery_email, email_setup_required,
    firebase_only,     unknown_dc};

}  // namespace tgs::auth::errc

namespace tgs::auth {

/// The code was right but the number has no account: auth.signUp creates one. Carries the
/// terms of service Telegram sent, to show before signing up.
class SignUpRequired : public Error {
  public:
    explicit SignUpRequired(std::optional<TermsOfService> terms)
        : Error(errc::sign_up_required,
                "this phone number has no Telegram account yet (sign up to create one)"),
          terms_(std::move(terms)) {}
    const std::optional<TermsOfService>& terms() const noexcept { return terms_; }

  private:
    std::optional<TermsOfService> terms_;
};

}  // namespace tgs::auth
