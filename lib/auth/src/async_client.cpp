// AsyncClient: construction, connection, status and the account's authorizations. The login
// operations are in async_login.cpp.
#include "tgs/auth/async_client.hpp"

#include "api_convert.hpp"
#include "client_core.hpp"

namespace tgs::auth {

namespace api = tl::api;

AsyncClient::AsyncClient(asio::any_io_executor executor, ClientConfig config,
                         session::SessionData session)
    : impl_(std::make_unique<Impl>(std::move(executor), std::move(config), std::move(session))) {}

AsyncClient::~AsyncClient() {
    impl_->close_sender();
}

asio::awaitable<void> AsyncClient::connect() {
    co_await impl_->ensure_connected();
}

void AsyncClient::disconnect() {
    impl_->close_sender();
}

void AsyncClient::drop_connection() {
    if (impl_->sender) impl_->sender->reset();
    impl_->sender.reset();
}

asio::awaitable<AuthStatus> AsyncClient::authorization_status() {
    co_return co_await impl_->status();
}

asio::awaitable<bool> AsyncClient::is_authorized() {
    co_return (co_await impl_->status()).state == AuthState::Authorized;
}

asio::awaitable<std::optional<User>> AsyncClient::get_me() {
    co_return (co_await impl_->status()).user;
}

asio::awaitable<void> AsyncClient::sign_out() {
    const api::auth_logOut req;
    auto answer = co_await impl_->call(req);
    // Kept so the number can log in again without a code (codeSettings.logout_tokens).
    const auto& out = std::get<api::auth_loggedOut>(answer);
    if (out.future_auth_token) impl_->future_token = *out.future_auth_token;
    impl_->close_sender();
    impl_->data.auth_key.reset();
    impl_->data.user.reset();
}

asio::awaitable<std::vector<AuthorizationInfo>> AsyncClient::list_authorizations() {
    const api::account_getAuthorizations req;
    auto answer = co_await impl_->call(req);
    std::vector<AuthorizationInfo> out;
    for (const auto& a : std::get<api::account_authorizations>(answer).authorizations) {
        out.push_back(to_authorization_info(a));
    }
    co_return out;
}

asio::awaitable<void> AsyncClient::reset_authorization(std::int64_t hash) {
    api::account_resetAuthorization req;
    req.hash = hash;
    // Named locals, not `if (!co_await call(T{}))`: GCC 12 destroys that temporary twice when
    // the coroutine ends right after (a crash at the closing brace).
    const bool done = co_await impl_->call(req);
    if (!done) {
        throw Error(errc::reset_refused, "the server did not end that authorization");
    }
}

asio::awaitable<void> AsyncClient::reset_other_authorizations() {
    const api::auth_resetAuthorizations req;
    const bool done = co_await impl_->call(req);
    if (!done) {
        throw Error(errc::reset_refused, "the server did not end the other authorizations");
    }
}

std::int64_t AsyncClient::server_salt() const {
    return impl_->sender ? impl_->sender->server_salt() : 0;
}

const session::SessionData& AsyncClient::session() const {
    return impl_->data;
}

const asio::any_io_executor& AsyncClient::get_executor() const {
    return impl_->executor;
}

}  // namespace tgs::auth
