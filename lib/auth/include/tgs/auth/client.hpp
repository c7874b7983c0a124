// The login API, mirroring Telethon v2's documented names (connect, is_authorized,
// request_login_code, sign_in, check_password, bot_sign_in, sign_out, get_me).
// Blocking facade over AsyncClient (async_client.hpp): each Client owns an io_context that the
// calling thread runs until the call's coroutine finishes; no thread of its own, and nothing
// runs between calls. Calls must not overlap (one thread at a time; successive calls may come
// from different threads): one that would, from another thread or from a callback inside a
// call, throws std::logic_error. To drive many sessions from one thread, use AsyncClient.
// The library never prints, prompts or exits.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "tgs/auth/types.hpp"
#include "tgs/session/session_data.hpp"

namespace tgs::auth {

class Client {
  public:
    /// `session` is where the client starts: its home DC, address and key (may be empty).
    Client(ClientConfig config, session::SessionData session);
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    /// Opens the TCP connection to the session's home DC and creates an auth key if the session
    /// has none. May be called early (while the user types the phone number).
    void connect();
    void disconnect();

    /// One round trip (users.getUsers([inputUserSelf])); false on 401.
    bool is_authorized();
    std::optional<User> get_me();
    /// One round trip that tells authorized / unregistered / revoked / duplicated / unknown key.
    AuthStatus authorization_status();

    /// See AsyncClient::send_code (future auth tokens, Firebase fallback).
    std::variant<LoginToken, User> send_code(const std::string& phone,
                                             const std::vector<Bytes>& logout_tokens);
    LoginToken request_login_code(const std::string& phone);
    /// Asks Telegram to send the code by the next delivery method (`auth.resendCode`).
    LoginToken resend_login_code(const LoginToken& token);
    /// User on success, PasswordToken when the account has 2FA.
    std::variant<User, PasswordToken> sign_in(const LoginToken& token, const std::string& code);
    User check_password(const PasswordToken& token, const std::string& password);
    // The branches below are documented on AsyncClient.
    User sign_up(const LoginToken& token, const std::string& first_name,
                 const std::string& last_name, const std::optional<std::string>& accepted_terms_id);
    EmailCodeSent send_login_email_code(const LoginToken& token, const std::string& email);
    LoginToken verify_login_email(const LoginToken& token, const std::string& email_code);
    LoginToken reset_login_email(const LoginToken& token);
    std::string request_password_recovery();
    User recover_password(const PasswordToken& token, const std::string& code,
                          const std::optional<std::string>& new_password,
                          const std::string& new_hint);
    PasswordResetState reset_password();
    std::optional<Bytes> future_auth_token();
    User bot_sign_in(const std::string& bot_token);
    /// QR login: `show(url, expires_unix)` is called with each `tg://login?token=...` link (a new
    /// one when the previous expires) until another logged-in app accepts it or `timeout`
    /// passes (AUTH_QR_TIMEOUT). Returns the user, or a PasswordToken for 2FA accounts.
    std::variant<User, PasswordToken> qr_login(
        const std::function<void(const std::string& url, std::int64_t expires)>& show,
        std::chrono::seconds timeout);
    /// auth.logOut; the session keeps its DC but loses its key.
    void sign_out();

    std::vector<AuthorizationInfo> list_authorizations();
    void reset_authorization(std::int64_t hash);
    void reset_other_authorizations();

    /// The server salt of the current connection (0 when not connected), to cache for the
    /// next run's ClientConfig::server_salt.
    std::int64_t server_salt();

    /// The session as it stands now (home DC, key, user) for the caller to save.
    const session::SessionData& session() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tgs::auth
