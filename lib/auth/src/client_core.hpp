// The state behind AsyncClient: configuration, the session as it evolves, and the one Sender to
// the home DC. Operations (async_client.cpp, async_login.cpp, and further login branches in
// their own files) are written against call() / call_migrating() here.
#pragma once

#include <asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tgs/auth/async_client.hpp"
#include "tgs/auth/errors.hpp"
#include "tgs/crypto/rsa.hpp"
#include "tgs/crypto/secure.hpp"
#include "tgs/error.hpp"
#include "tgs/net/sender.hpp"
#include "tgs/rpc_error.hpp"
#include "tgs/tl/api.hpp"

namespace tgs::auth {

inline constexpr std::int32_t kLayer = 228;

/// Zeroes a secret string (a password, a bot token) when it goes out of scope. A coroutine's
/// by-value parameters live in its frame, which is freed without being cleared; a guard declared
/// first in the body is destroyed on every way out (return, exception, or the frame destroyed
/// while suspended), before the frame's memory is released.
class WipeOnExit {
  public:
    explicit WipeOnExit(std::string& s) noexcept : s_(&s) {}
    explicit WipeOnExit(std::optional<std::string>& s) noexcept : s_(s ? &*s : nullptr) {}
    ~WipeOnExit() {
        if (s_) crypto::secure_zero({reinterpret_cast<std::uint8_t*>(s_->data()), s_->size()});
    }
    WipeOnExit(const WipeOnExit&) = delete;
    WipeOnExit& operator=(const WipeOnExit&) = delete;

  private:
    std::string* s_;
};

/// Wakes a QR-login wait when the server pushes any update. Shared with the Sender's update
/// callback, so a late update after the client is gone touches nothing freed.
struct UpdateSignal {
    explicit UpdateSignal(const asio::any_io_executor& ex) : timer(ex) {}
    asio::steady_timer timer;
    std::uint64_t seen = 0;  // so an update that beat the wait is not missed
};

struct AsyncClient::Impl {
    Impl(asio::any_io_executor ex, ClientConfig c, session::SessionData d);

    asio::any_io_executor executor;
    ClientConfig config;
    session::SessionData data;
    // Parsed on the first handshake only: checking a stored key needs no RSA.
    std::vector<crypto::RsaPublicKey> rsa_keys;
    std::shared_ptr<net::Sender> sender;
    std::shared_ptr<UpdateSignal> updates;

    void load_rsa_keys();
    void close_sender();
    /// Connects to `dc_id` with the session's key when it is the home DC (or none: a new key).
    asio::awaitable<void> open(int dc_id);
    /// Connects on first use, and reconnects (same key) after the connection dropped.
    asio::awaitable<void> ensure_connected();
    /// Forgets the key and makes `dc_id` home (after a migration), then connects there.
    asio::awaitable<void> move_home(int dc_id);
    Bytes wrap_first_request(ByteView query) const;

    template <class F>
    asio::awaitable<typename F::Result> call(const F& request) {
        co_await ensure_connected();
        Bytes answer = co_await sender->invoke(tl::api::serialize(request));
        tl::Reader reader(answer);
        co_return tl::api::read_result<F>(reader);
    }

    /// Two requests in one round trip: `then` runs after `first` (invokeAfterMsg). Either may
    /// fail on its own; `then`'s answer is empty when it failed or did not decode.
    template <class F, class G>
    struct Chained {
        std::optional<typename F::Result> first;
        std::exception_ptr first_error;
        std::optional<typename G::Result> then;
    };
    template <class F, class G>
    asio::awaitable<Chained<F, G>> call_then(const F& first, const G& then) {
        co_await ensure_connected();
        auto out =
            co_await sender->invoke_chain(tl::api::serialize(first), tl::api::serialize(then));
        Chained<F, G> c;
        try {
            if (out[0].error) std::rethrow_exception(out[0].error);
            tl::Reader reader(*out[0].body);
            c.first = tl::api::read_result<F>(reader);
        } catch (...) {
            c.first_error = std::current_exception();
        }
        if (out[1].body) {
            try {
                tl::Reader reader(*out[1].body);
                c.then = tl::api::read_result<G>(reader);
            } catch (const Error&) {
                // Only a shortcut: the caller asks again when it needs the answer.
            }
        }
        co_return c;
    }

    /// Like call(), but follows PHONE_/USER_/NETWORK_MIGRATE_X once: the home DC moves to X
    /// (with a new key there) and the request is repeated.
    template <class F>
    asio::awaitable<typename F::Result> call_migrating(const F& request) {
        int target = 0;
        try {
            co_return co_await call(request);
        } catch (const RpcError& e) {
            target = migrate_target(e);
            if (target == 0) throw;
        }
        if (config.on_progress) {
            config.on_progress("account lives on DC " + std::to_string(target) + ", moving there");
        }
        co_await move_home(target);
        co_return co_await call(request);
    }

    /// The DC of a 303 *_MIGRATE_X error, 0 for any other error.
    static int migrate_target(const RpcError& e);

    void remember_login(const User& user);
    /// The user of a successful sign-in step, remembered (and its future auth token kept);
    /// authorizationSignUpRequired throws SignUpRequired.
    User logged_in(const tl::api::auth_Authorization& result);
    /// The future_auth_token of the last login or logout, for the next auth.sendCode.
    std::optional<Bytes> future_token;
    asio::awaitable<AuthStatus> status();
    /// account.getPassword → the SRP parameters check_password needs.
    asio::awaitable<PasswordToken> fetch_password();
    /// An account.password answer → PasswordToken (throws when it describes no usable password).
    static PasswordToken password_token(const tl::api::account_Password& answer);
    /// Waits until an update arrives or `deadline` passes; true if an update came.
    asio::awaitable<bool> wait_for_update(std::chrono::steady_clock::time_point deadline,
                                          std::uint64_t seen_before);
};

}  // namespace tgs::auth
