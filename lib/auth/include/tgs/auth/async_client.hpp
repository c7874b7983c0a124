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

    /// One round trip (users.getUsers([inputUserSelf])) that tells authorized / unregistered /
    /// revoked / duplicated / unknown key. A session without a key answers no_key at once.
    asio::awaitable<AuthStatus> authorization_status();
    asio::awaitable<bool> is_authorized();
    asio::awaitable<std::optional<User>> get_me();

    asio::awaitable<LoginToken> request_login_code(std::string phone);
    /// Asks Telegram to send the code by the next delivery method (`auth.resendCode`).
    asio::awaitable<LoginToken> resend_login_code(LoginToken token);
    /// User on success, PasswordToken when the account has 2FA.
    asio::awaitable<std::variant<User, PasswordToken>> sign_in(LoginToken token, std::string code);
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
