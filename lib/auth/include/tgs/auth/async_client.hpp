// The login API as coroutines on an executor the caller owns. The client has no thread of its
// own, so one io_context (one thread) can drive many clients, each with its own connection and
// auth key:
//
//   asio::io_context io;
//   for (auto& data : sessions)
//       asio::co_spawn(io, [&]() -> asio::awaitable<void> {
//           tgs::auth::AsyncClient client(io.get_executor(), config, data);
//           auto st = co_await client.authorization_status();
//           ...
//       }, asio::detached);
//   io.run();
//
// Rules: every method runs on the client's executor (co_await it from a coroutine spawned
// there); one operation at a time per client; the client must outlive the operations it
// started. The blocking tgs::auth::Client (client.hpp) wraps this class with an io_context and a
// thread. The library never prints, prompts or exits.
#pragma once

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "tgs/auth/types.hpp"
#include "tgs/session/session_data.hpp"

namespace tgs::auth {

/// Called with each `tg://login?token=...` link and its expiry (unix seconds) during QR login.
using QrShow = std::function<void(const std::string& url, std::int64_t expires)>;

class AsyncClient {
  public:
    /// `session` is where the client starts: its home DC, address and key (may be empty).
    /// Nothing happens on the network until the first operation.
    AsyncClient(asio::any_io_executor executor, ClientConfig config, session::SessionData session);
    /// Closes the connection (call it on the executor, or after the executor stopped).
    ~AsyncClient();
    AsyncClient(const AsyncClient&) = delete;
    AsyncClient& operator=(const AsyncClient&) = delete;

    /// Opens the TCP connection to the session's home DC and creates an auth key if the session
    /// has none. Optional: every call connects on first use.
    asio::awaitable<void> connect();
    /// Closes the connection; the next call reconnects with the same key.
    void disconnect();
    /// disconnect() with a TCP reset instead of an orderly close, for a caller that has the
    /// answers it wanted (a fleet check): no TIME_WAIT entry holds a local port for a minute
    /// afterwards, so thousands of checks a minute against one DC do not run out of ports.
    /// Anything still unsent (an acknowledgement) is dropped.
    void drop_connection();

    /// One round trip (users.getUsers([inputUserSelf])) that tells authorized / unregistered /
    /// revoked / duplicated / unknown key. A session without a key answers no_key at once.
    asio::awaitable<AuthStatus> authorization_status();
    asio::awaitable<bool> is_authorized();
    asio::awaitable<std::optional<User>> get_me();

    /// auth.sendCode. `logout_tokens` are the future auth tokens of earlier logins of this
    /// number (codeSettings.logout_tokens): when Telegram honours one it logs in at once and
    /// the User comes back instead of a LoginToken. A Firebase SMS (which needs the official
    /// Android app) is skipped with auth.resendCode.
    asio::awaitable<std::variant<LoginToken, User>> send_code(std::string phone,
                                                              std::vector<Bytes> logout_tokens);
    asio::awaitable<LoginToken> request_login_code(std::string phone);
    /// Asks Telegram to send the code by the next delivery method (`auth.resendCode`).
    asio::awaitable<LoginToken> resend_login_code(LoginToken token);
    /// User on success, PasswordToken when the account has 2FA (account.getPassword is sent
    /// right behind auth.signIn, so that costs no extra round trip). An email code
    /// (token.type == email) is sent as emailVerificationCode. Throws SignUpRequired
    /// (errors.hpp) when the number has no account.
    asio::awaitable<std::variant<User, PasswordToken>> sign_in(LoginToken token, std::string code);
    /// auth.signUp after SignUpRequired; `accepted_terms_id` (TermsOfService::id) is then
    /// accepted with help.acceptTermsOfService.
    asio::awaitable<User> sign_up(LoginToken token, std::string first_name, std::string last_name,
                                  std::optional<std::string> accepted_terms_id);

    /// Login email setup (token.email_setup_required): sends a code to `email`...
    asio::awaitable<EmailCodeSent> send_login_email_code(LoginToken token, std::string email);
    /// ...and verifies it; Telegram then sends the login code (usually to that email).
    asio::awaitable<LoginToken> verify_login_email(LoginToken token, std::string email_code);
    /// auth.resetLoginEmail: the user lost the login email's mailbox; a code goes by SMS
    /// (or the reset waits: see LoginToken::email_reset_*).
    asio::awaitable<LoginToken> reset_login_email(LoginToken token);

    /// 2FA recovery: sends a code to the recovery email and returns its masked address.
    /// Throws AUTH_NO_RECOVERY_EMAIL when there is none (see reset_password).
    asio::awaitable<std::string> request_password_recovery();
    /// auth.recoverPassword with the emailed code: logs in; the new password (and hint) is set
    /// when given, else two-step verification is removed.
    asio::awaitable<User> recover_password(PasswordToken token, std::string code,
                                           std::optional<std::string> new_password,
                                           std::string new_hint);
    /// account.resetPassword: removes 2FA after Telegram's waiting period.
    asio::awaitable<PasswordResetState> reset_password();
    /// The future_auth_token of the last login or logout (auth.loggedOut), to keep for the
    /// next send_code of that number.
    std::optional<Bytes> future_auth_token() const;
    asio::awaitable<User> check_password(PasswordToken token, std::string password);
    asio::awaitable<User> bot_sign_in(std::string bot_token);
    /// QR login: `show` is called with each link (a new one when the previous expires) until
    /// another logged-in app accepts it or `timeout` passes (AUTH_QR_TIMEOUT). Returns the user,
    /// or a PasswordToken for 2FA accounts. `show` runs on the executor.
    asio::awaitable<std::variant<User, PasswordToken>> qr_login(QrShow show,
                                                                std::chrono::seconds timeout);
    /// auth.logOut; the session keeps its DC but loses its key.
    asio::awaitable<void> sign_out();

    asio::awaitable<std::vector<AuthorizationInfo>> list_authorizations();
    asio::awaitable<void> reset_authorization(std::int64_t hash);
    asio::awaitable<void> reset_other_authorizations();

    /// The server salt of the current connection (0 when not connected), to cache for the
    /// next run's ClientConfig::server_salt.
    std::int64_t server_salt() const;
    /// The session as it stands now (home DC, key, user) for the caller to save.
    const session::SessionData& session() const;
    const asio::any_io_executor& get_executor() const;

    /// The connection state and helpers shared by the operations (lib/auth/src/client_core.hpp);
    /// opaque to users of the library.
    struct Impl;

  private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace tgs::auth
