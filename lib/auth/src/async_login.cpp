// AsyncClient's login operations: phone code (+ 2FA), bot token and QR code.
#include <sodium.h>

#include <cstring>

#include "api_convert.hpp"
#include "client_core.hpp"
#include "tgs/auth/async_client.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/crypto/srp.hpp"

namespace tgs::auth {

namespace api = tl::api;

namespace {

// SRP parameters older than this are fetched again before checkPassword (the server may have
// forgotten srp_id; fetching costs a round trip, so fresh ones are reused).
constexpr auto kPasswordFreshFor = std::chrono::seconds(60);

using LoginResult = std::variant<User, PasswordToken>;

std::string qr_url(const Bytes& token) {
    std::string b64(
        sodium_base64_encoded_len(token.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(b64.data(), b64.size(), token.data(), token.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    b64.resize(std::strlen(b64.c_str()));
    return "tg://login?token=" + b64;
}

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

asio::awaitable<LoginToken> AsyncClient::request_login_code(std::string phone) {
    api::auth_sendCode req;
    req.phone_number = phone;
    req.api_id = impl_->config.api_id;
    req.api_hash = impl_->config.api_hash;
    req.settings = api::codeSettings{};
    auto sent = co_await impl_->call_migrating(req);
    co_return to_login_token(sent, phone, impl_->data.dc_id);
}

asio::awaitable<LoginToken> AsyncClient::resend_login_code(LoginToken token) {
    api::auth_resendCode req;
    req.phone_number = token.phone;
    req.phone_code_hash = token.phone_code_hash;
    auto sent = co_await impl_->call(req);
    co_return to_login_token(sent, token.phone, impl_->data.dc_id);
}

asio::awaitable<LoginResult> AsyncClient::sign_in(LoginToken token, std::string code) {
    api::auth_signIn req;
    req.phone_number = token.phone;
    req.phone_code_hash = token.phone_code_hash;
    req.phone_code = code;
    try {
        auto result = co_await impl_->call(req);
        User user = authorized_user(result, impl_->data.dc_id);
        impl_->remember_login(user);
        co_return LoginResult{user};
    } catch (const RpcError& e) {
        if (e.name() != "SESSION_PASSWORD_NEEDED") throw;
    }
    co_return LoginResult{co_await impl_->fetch_password()};
}

asio::awaitable<User> AsyncClient::check_password(PasswordToken token, std::string password) {
    if (std::chrono::steady_clock::now() - token.fetched_at > kPasswordFreshFor) {
        token = co_await impl_->fetch_password();
    }
    for (int attempt = 0;; ++attempt) {
        Bytes a(256);
        crypto::secure_random(a);
        // Validates p (safe 2048-bit prime), g and B before using them.
        auto proof = crypto::srp_compute_check(password, token.salt1, token.salt2, token.g, token.p,
                                               token.srp_B, a);
        api::auth_checkPassword req;
        req.password = api::inputCheckPasswordSRP{token.srp_id, proof.A, proof.M1};
        try {
            auto result = co_await impl_->call(req);
            User user = authorized_user(result, impl_->data.dc_id);
            impl_->remember_login(user);
            co_return user;
        } catch (const RpcError& e) {
            if (e.name() != "SRP_ID_INVALID" || attempt > 0) throw;
        }
        token = co_await impl_->fetch_password();  // stale srp_id: once more with fresh ones
    }
}

asio::awaitable<User> AsyncClient::bot_sign_in(std::string bot_token) {
    api::auth_importBotAuthorization req;
    req.flags = 0;
    req.api_id = impl_->config.api_id;
    req.api_hash = impl_->config.api_hash;
    req.bot_auth_token = bot_token;
    auto result = co_await impl_->call_migrating(req);
    User user = authorized_user(result, impl_->data.dc_id);
    impl_->remember_login(user);
    co_return user;
}

asio::awaitable<LoginResult> AsyncClient::qr_login(QrShow show, std::chrono::seconds timeout) {
    Impl& impl = *impl_;
    const auto give_up = std::chrono::steady_clock::now() + timeout;
    api::auth_exportLoginToken request;
    request.api_id = impl.config.api_id;
    request.api_hash = impl.config.api_hash;
    try {
        std::uint64_t seen = impl.updates->seen;
        auto answer = co_await impl.call(request);
        for (;;) {
            if (auto* ok = std::get_if<api::auth_loginTokenSuccess>(&answer)) {
                User user = authorized_user(ok->authorization, impl.data.dc_id);
                impl.remember_login(user);
                co_return LoginResult{user};
            }
            if (auto* moved = std::get_if<api::auth_loginTokenMigrateTo>(&answer)) {
                // Accepted by an account homed elsewhere: import the token on its DC.
                co_await impl.move_home(moved->dc_id);
                api::auth_importLoginToken import;
                import.token = moved->token;
                answer = co_await impl.call(import);
                continue;
            }
            const auto& token = std::get<api::auth_loginToken>(answer);
            show(qr_url(token.token), token.expires);
            auto until =
                std::chrono::steady_clock::now() +
                std::chrono::seconds(std::max<std::int64_t>(1, token.expires - unix_now()));
            if (until > give_up) until = give_up;
            co_await impl.wait_for_update(until, seen);
            if (std::chrono::steady_clock::now() >= give_up) {
                throw Error("AUTH_QR_TIMEOUT", "nobody scanned the QR code in time");
            }
            seen = impl.updates->seen;
            answer = co_await impl.call(request);  // accepted, expired or woken: ask again
        }
    } catch (const RpcError& e) {
        if (e.name() != "SESSION_PASSWORD_NEEDED") throw;
    }
    co_return LoginResult{co_await impl.fetch_password()};
}

}  // namespace tgs::auth
