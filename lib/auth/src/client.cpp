// The blocking Client: an AsyncClient on a private io_context that the calling thread runs
// for the length of each call. No thread of its own: a login used to hand every step over to
// an io thread and back (~50 context switches per login).
#include "tgs/auth/client.hpp"

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <atomic>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <type_traits>

#include "tgs/auth/async_client.hpp"

namespace tgs::auth {

struct Client::Impl {
    // One thread runs it at a time (hint 1): calls never overlap, though they may come from
    // different threads one after another (the CLI connects on a helper thread while the user
    // types).
    asio::io_context io{1};
    AsyncClient async;
    // Set while a thread runs io for a call. Two threads running one io_context with hint 1 (or
    // a callback calling back into the client) would race on the connection's state; a call
    // that would overlap fails instead.
    std::atomic<bool> running{false};

    class Exclusive {
      public:
        explicit Exclusive(std::atomic<bool>& flag) : flag_(flag) {
            if (flag_.exchange(true, std::memory_order_acquire))
                throw std::logic_error("auth::Client: a call is already running on this client");
        }
        ~Exclusive() { flag_.store(false, std::memory_order_release); }
        Exclusive(const Exclusive&) = delete;
        Exclusive& operator=(const Exclusive&) = delete;

      private:
        std::atomic<bool>& flag_;
    };

    Impl(ClientConfig config, session::SessionData data)
        : async(io.get_executor(), std::move(config), std::move(data)) {}

    ~Impl() {
        async.disconnect();
        // Lets the connection's loops see the close and finish; the rest is destroyed with io.
        io.poll();
    }

    /// Runs `task` on the calling thread until it finishes and returns its result (or rethrows
    /// its error). Between calls nothing runs: the reader resumes with the next call, after
    /// first handling whatever arrived meanwhile (a close the server sent while the user typed
    /// a code marks the connection broken, so the call reconnects instead of failing on it).
    template <class T>
    T run(asio::awaitable<T> task) {
        const Exclusive exclusive(running);
        io.poll();
        io.restart();  // poll() stops an io_context that has no work (before connect())
        // On the heap, not the stack: should a handler throw out of run_one(), the task stays
        // pending and may complete in a later call.
        struct Outcome {
            bool done = false;
            std::exception_ptr error;
            std::conditional_t<std::is_void_v<T>, bool, std::optional<T>> value{};
        };
        auto outcome = std::make_shared<Outcome>();
        if constexpr (std::is_void_v<T>) {
            asio::co_spawn(io, std::move(task), [outcome](std::exception_ptr e) {
                outcome->error = e;
                outcome->done = true;
            });
        } else {
            asio::co_spawn(io, std::move(task), [outcome](std::exception_ptr e, T result) {
                outcome->error = e;
                if (!e) outcome->value.emplace(std::move(result));
                outcome->done = true;
            });
        }
        while (!outcome->done) {
            // run_one() returns 0 only when nothing is left to wait for, which a pending task
            // rules out; the check keeps a broken invariant from spinning forever.
            if (io.run_one() == 0 && !outcome->done)
                throw std::logic_error("auth::Client: io_context ran out of work");
        }
        if (outcome->error) std::rethrow_exception(outcome->error);
        if constexpr (!std::is_void_v<T>) return std::move(*outcome->value);
    }
};

Client::Client(ClientConfig config, session::SessionData session)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(session))) {}

Client::~Client() = default;

void Client::connect() {
    impl_->run(impl_->async.connect());
}

void Client::disconnect() {
    const Impl::Exclusive exclusive(impl_->running);
    impl_->async.disconnect();
    impl_->io.poll();
}

AuthStatus Client::authorization_status() {
    return impl_->run(impl_->async.authorization_status());
}

bool Client::is_authorized() {
    return impl_->run(impl_->async.is_authorized());
}

std::optional<User> Client::get_me() {
    return impl_->run(impl_->async.get_me());
}

std::variant<LoginToken, User> Client::send_code(const std::string& phone,
                                                 const std::vector<Bytes>& logout_tokens) {
    return impl_->run(impl_->async.send_code(phone, logout_tokens));
}

LoginToken Client::request_login_code(const std::string& phone) {
    return impl_->run(impl_->async.request_login_code(phone));
}

LoginToken Client::resend_login_code(const LoginToken& token) {
    return impl_->run(impl_->async.resend_login_code(token));
}

std::variant<User, PasswordToken> Client::sign_in(const LoginToken& token,
                                                  const std::string& code) {
    return impl_->run(impl_->async.sign_in(token, code));
}

User Client::check_password(const PasswordToken& token, const std::string& password) {
    return impl_->run(impl_->async.check_password(token, password));
}

User Client::sign_up(const LoginToken& token, const std::string& first_name,
                     const std::string& last_name,
                     const std::optional<std::string>& accepted_terms_id) {
    return impl_->run(impl_->async.sign_up(token, first_name, last_name, accepted_terms_id));
}

EmailCodeSent Client::send_login_email_code(const LoginToken& token, const std::string& email) {
    return impl_->run(impl_->async.send_login_email_code(token, email));
}

LoginToken Client::verify_login_email(const LoginToken& token, const std::string& email_code) {
    return impl_->run(impl_->async.verify_login_email(token, email_code));
}

LoginToken Client::reset_login_email(const LoginToken& token) {
    return impl_->run(impl_->async.reset_login_email(token));
}

std::string Client::request_password_recovery() {
    return impl_->run(impl_->async.request_password_recovery());
}

User Client::recover_password(const PasswordToken& token, const std::string& code,
                              const std::optional<std::string>& new_password,
                              const std::string& new_hint) {
    return impl_->run(impl_->async.recover_password(token, code, new_password, new_hint));
}

PasswordResetState Client::reset_password() {
    return impl_->run(impl_->async.reset_password());
}

std::optional<Bytes> Client::future_auth_token() {
    return impl_->async.future_auth_token();
}

User Client::bot_sign_in(const std::string& bot_token) {
    return impl_->run(impl_->async.bot_sign_in(bot_token));
}

std::variant<User, PasswordToken> Client::qr_login(
    const std::function<void(const std::string&, std::int64_t)>& show,
    std::chrono::seconds timeout) {
    return impl_->run(impl_->async.qr_login(show, timeout));
}

void Client::sign_out() {
    impl_->run(impl_->async.sign_out());
}

std::vector<AuthorizationInfo> Client::list_authorizations() {
    return impl_->run(impl_->async.list_authorizations());
}

void Client::reset_authorization(std::int64_t hash) {
    impl_->run(impl_->async.reset_authorization(hash));
}

void Client::reset_other_authorizations() {
    impl_->run(impl_->async.reset_other_authorizations());
}

std::int64_t Client::server_salt() {
    return impl_->async.server_salt();
}

const session::SessionData& Client::session() const {
    return impl_->async.session();
}

}  // namespace tgs::auth
