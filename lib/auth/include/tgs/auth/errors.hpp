// The error codes lib/auth throws itself (server refusals arrive as tgs::RpcError "RPC_<NAME>").
// kAll lists them so the CLI's exit table can be checked for completeness by a test.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "tgs/auth/types.hpp"
#include "tgs/error.hpp"

namespace tgs::auth::errors {

inline constexpr const char* kUnexpectedResult = "AUTH_UNEXPECTED_RESULT";
inline constexpr const char* kPasswordState = "AUTH_PASSWORD_STATE";
/// The account's 2FA uses a key-derivation algorithm this version does not implement.
inline constexpr const char* kPasswordAlgoUnsupported = "AUTH_PASSWORD_ALGO_UNSUPPORTED";
inline constexpr const char* kQrTimeout = "AUTH_QR_TIMEOUT";
inline constexpr const char* kResetRefused = "AUTH_RESET_REFUSED";
/// auth.sentCodePaymentRequired: Telegram wants a payment before sending a code.
inline constexpr const char* kPaymentRequired = "AUTH_PAYMENT_REQUIRED";
/// auth.authorizationSignUpRequired: the number has no account (thrown as SignUpRequired).
inline constexpr const char* kSignUpRequired = "AUTH_SIGN_UP_REQUIRED";
/// Password recovery on an account without a recovery email.
inline constexpr const char* kNoRecoveryEmail = "AUTH_NO_RECOVERY_EMAIL";
/// The code step of a token that needs a login email set up first.
inline constexpr const char* kEmailSetupRequired = "AUTH_EMAIL_SETUP_REQUIRED";
/// A Firebase SMS was offered and no other delivery is left to fall back to.
inline constexpr const char* kFirebaseOnly = "AUTH_FIREBASE_ONLY";
inline constexpr const char* kUnknownDc = "NET_UNKNOWN_DC";

inline constexpr std::array<std::string_view, 11> kAll{
    kUnexpectedResult, kPasswordState,   kPasswordAlgoUnsupported,
    kQrTimeout,        kResetRefused,    kPaymentRequired,
    kSignUpRequired,   kNoRecoveryEmail, kEmailSetupRequired,
    kFirebaseOnly,     kUnknownDc};

}  // namespace tgs::auth::errors

namespace tgs::auth {

/// The code was right but the number has no account: auth.signUp creates one. Carries the
/// terms of service Telegram sent, to show before signing up.
class SignUpRequired : public Error {
  public:
    explicit SignUpRequired(std::optional<TermsOfService> terms)
        : Error(errors::kSignUpRequired,
                "this phone number has no Telegram account yet (sign up to create one)"),
          terms_(std::move(terms)) {}
    const std::optional<TermsOfService>& terms() const noexcept { return terms_; }

  private:
    std::optional<TermsOfService> terms_;
};

}  // namespace tgs::auth
