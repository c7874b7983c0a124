// The blocking Client: an AsyncClient on a private io_context run by one thread.
#include "tgs/auth/client.hpp"

#include <asio/co_spawn.hpp>
#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <future>
#include <thread>
#include <type_traits>

#include "tgs/auth/async_client.hpp"

namespace tgs::auth {

struct Client::Impl {
    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
    AsyncClient async;
    std::thread thread;

    Impl(ClientConfig config, session::SessionData data)
        : async(io.get_executor(), std::move(config), std::move(data)) {
        thread = std::thread([this] { io.run(); });
    }

    ~Impl() {
        run([](AsyncClient& c) -> asio::awaitable<void> {
            c.disconnect();
            co_return;
        }(async));
        work.reset();
        io.stop();
        thread.join();
    }

    /// Runs `task` on the client's thread and waits for its result (or rethrows its error).
    /// The promise is completed on that thread: asio::use_future would complete it through
    /// asio's system executor, whose first use starts a pool of 2 threads per CPU in every
    /// process (thread creation at login and ~10 ms of joining them at exit).
    template <class T>
    T run(asio::awaitable<T> task) {
        std::promise<T> done;
        auto result = done.get_future();
        if constexpr (std::is_void_v<T>) {
            asio::co_spawn(io, std::move(task), [&done](std::exception_ptr e) {
                if (e) {
                    done.set_exception(e);
                } else {
                    done.set_value();
                }
            });
        } else {
            asio::co_spawn(io, std::move(task), [&done](std::exception_ptr e, T value) {
                if (e) {
                    done.set_exception(e);
                } else {
                    done.set_value(std::move(value));
                }
            });
        }
        return result.get();
    }
};

Client::Client(ClientConfig config, session::SessionData session)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(session))) {}

Client::~Client() = default;

void Client::connect() {
    impl_->run(impl_->async.connect());
}

void Client::disconnect() {
    impl_->run([](AsyncClient& c) -> asio::awaitable<void> {
        c.disconnect();
        co_return;
    }(impl_->async));
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
    return impl_->run([](AsyncClient& c) -> asio::awaitable<std::optional<Bytes>> {
        co_return c.future_auth_token();
    }(impl_->async));
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
    return impl_->run([](AsyncClient& c) -> asio::awaitable<std::int64_t> {
        co_return c.server_salt();
    }(impl_->async));
}

const session::SessionData& Client::session() const {
    return impl_->async.session();
}

}  // namespace tgs::auth
