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

asio::awaitable<std::variant<LoginToken, User>> AsyncClient::send_code(
    std::string phone, std::vector<Bytes> logout_tokens) {
    api::auth_sendCode req;
    req.phone_number = phone;
    req.api_id = impl_->config.api_id;
    req.api_hash = impl_->config.api_hash;
    api::codeSettings settings;
    if (!logout_tokens.empty()) settings.logout_tokens = std::move(logout_tokens);
    req.settings = settings;
    auto sent = co_await impl_->call_migrating(req);
    if (const auto* ok = std::get_if<api::auth_sentCodeSuccess>(&sent)) {
        co_return impl_->logged_in(ok->authorization);  // a future auth token was honoured
    }
    auto token = to_login_token(sent, phone, impl_->data.dc_id);
    if (token.type == CodeDelivery::FirebaseSms) token = co_await resend_login_code(token);
    co_return token;
}

asio::awaitable<LoginToken> AsyncClient::request_login_code(std::string phone) {
    auto sent = co_await send_code(std::move(phone), {});
    if (auto* token = std::get_if<LoginToken>(&sent)) co_return std::move(*token);
    throw Error(errc::unexpected_result, "the server logged in without a code");
}

asio::awaitable<LoginToken> AsyncClient::resend_login_code(LoginToken token) {
    // A Firebase SMS needs Google Play integrity checks a tool cannot pass: the next type it is.
    const bool from_firebase = token.type == CodeDelivery::FirebaseSms;
    if (from_firebase && !token.next_type) {
        throw Error(errc::firebase_only,
                    "Telegram offers this number only a Firebase SMS, which needs the official "
                    "Android app; log in with --qr from a logged-in device instead");
    }
    api::auth_resendCode req;
    req.phone_number = token.phone;
    req.phone_code_hash = token.phone_code_hash;
    auto sent = co_await impl_->call(req);
    co_return to_login_token(sent, token.phone, impl_->data.dc_id);
}

asio::awaitable<LoginResult> AsyncClient::sign_in(LoginToken token, std::string code) {
    if (token.email_setup_required) {
        throw Error(errc::email_setup_required,
                    "Telegram asks for a login email first (--email ADDR, then --email-code)");
    }
    api::auth_signIn req;
    req.phone_number = token.phone;
    req.phone_code_hash = token.phone_code_hash;
    if (token.type == CodeDelivery::Email) {
        req.email_verification = api::emailVerificationCode{code};
    } else {
        req.phone_code = code;
    }
    // account.getPassword rides behind auth.signIn, so a 2FA account's SRP parameters arrive
    // in the same round trip as SESSION_PASSWORD_NEEDED.
    const api::account_getPassword password_req;
    auto answer = co_await impl_->call_then(req, password_req);
    try {
        if (answer.first_error) std::rethrow_exception(answer.first_error);
        co_return LoginResult{impl_->logged_in(*answer.first)};
    } catch (const RpcError& e) {
        if (!e.is("SESSION_PASSWORD_NEEDED")) throw;
    }
    if (answer.then) {
        try {
            co_return LoginResult{Impl::password_token(*answer.then)};
        } catch (const Error&) {
            // Described no password (it ran before the server knew): ask again below.
        }
    }
    co_return LoginResult{co_await impl_->fetch_password()};
}

asio::awaitable<User> AsyncClient::check_password(PasswordToken token, std::string password) {
    const WipeOnExit wipe(password);
    if (std::chrono::steady_clock::now() - token.fetched_at > kPasswordFreshFor) {
        token = co_await impl_->fetch_password();
    }
    for (int attempt = 0;; ++attempt) {
        Bytes a(256);
        impl_->config.random(a);
        // Validates p (safe 2048-bit prime), g and B before using them.
        auto proof = crypto::srp_compute_check(password, token.salt1, token.salt2, token.g, token.p,
                                               token.srp_B, a);
        // The secret exponent: with it and the transcript, passwords could be tried offline.
        crypto::secure_zero(a);
        api::auth_checkPassword req;
        req.password = api::inputCheckPasswordSRP{token.srp_id, proof.A, proof.M1};
        try {
            auto result = co_await impl_->call(req);
            co_return impl_->logged_in(result);
        } catch (const RpcError& e) {
            if (!e.is("SRP_ID_INVALID") || attempt > 0) throw;
        }
        token = co_await impl_->fetch_password();  // stale srp_id: once more with fresh ones
    }
}

asio::awaitable<User> AsyncClient::bot_sign_in(std::string bot_token) {
    api::auth_importBotAuthorization req;
    const WipeOnExit wipe(bot_token);
    const WipeOnExit wipe_request(req.bot_auth_token);
    req.flags = 0;
    req.api_id = impl_->config.api_id;
    req.api_hash = impl_->config.api_hash;
    req.bot_auth_token = bot_token;
    auto result = co_await impl_->call_migrating(req);
    co_return impl_->logged_in(result);
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
                co_return LoginResult{impl.logged_in(ok->authorization)};
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
                throw Error(errc::qr_timeout, "nobody scanned the QR code in time");
            }
            seen = impl.updates->seen;
            answer = co_await impl.call(request);  // accepted, expired or woken: ask again
        }
    } catch (const RpcError& e) {
        if (!e.is("SESSION_PASSWORD_NEEDED")) throw;
    }
    co_return LoginResult{co_await impl.fetch_password()};
}

}  // namespace tgs::auth
