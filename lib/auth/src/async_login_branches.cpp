// AsyncClient's less common login branches: setting up a login email, resetting a lost one,
// creating an account (auth.signUp), and 2FA recovery (by email, or account.resetPassword).
#include "api_convert.hpp"
#include "client_core.hpp"
#include "tgs/auth/async_client.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/crypto/srp.hpp"

namespace tgs::auth {

namespace api = tl::api;

namespace {

api::emailVerifyPurposeLoginSetup login_setup(const LoginToken& token) {
    return api::emailVerifyPurposeLoginSetup{token.phone, token.phone_code_hash};
}

}  // namespace

asio::awaitable<EmailCodeSent> AsyncClient::send_login_email_code(LoginToken token,
                                                                  std::string email) {
    api::account_sendVerifyEmailCode req;
    req.purpose = login_setup(token);
    req.email = std::move(email);
    auto sent = co_await impl_->call(req);
    const auto& code = std::get<api::account_sentEmailCode>(sent);
    co_return EmailCodeSent{code.email_pattern, code.length};
}

asio::awaitable<LoginToken> AsyncClient::verify_login_email(LoginToken token,
                                                            std::string email_code) {
    api::account_verifyEmail req;
    req.purpose = login_setup(token);
    req.verification = api::emailVerificationCode{std::move(email_code)};
    auto answer = co_await impl_->call(req);
    const auto* login = std::get_if<api::account_emailVerifiedLogin>(&answer);
    if (!login) {
        throw Error(errc::unexpected_result, "verifying the login email sent no login code");
    }
    co_return to_login_token(login->sent_code, token.phone, impl_->data.dc_id);
}

asio::awaitable<LoginToken> AsyncClient::reset_login_email(LoginToken token) {
    api::auth_resetLoginEmail req;
    req.phone_number = token.phone;
    req.phone_code_hash = token.phone_code_hash;
    auto sent = co_await impl_->call(req);
    co_return to_login_token(sent, token.phone, impl_->data.dc_id);
}

asio::awaitable<User> AsyncClient::sign_up(LoginToken token, std::string first_name,
                                           std::string last_name,
                                           std::optional<std::string> accepted_terms_id) {
    api::auth_signUp req;
    req.phone_number = token.phone;
    req.phone_code_hash = token.phone_code_hash;
    req.first_name = std::move(first_name);
    req.last_name = std::move(last_name);
    auto result = co_await impl_->call(req);
    User user = impl_->logged_in(result);
    if (accepted_terms_id) {
        api::help_acceptTermsOfService accept;
        accept.id = api::dataJSON{*accepted_terms_id};
        co_await impl_->call(accept);
    }
    co_return user;
}

asio::awaitable<std::string> AsyncClient::request_password_recovery() {
    const api::auth_requestPasswordRecovery req;
    try {
        auto answer = co_await impl_->call(req);
        co_return std::get<api::auth_passwordRecovery>(answer).email_pattern;
    } catch (const RpcError& e) {
        if (!e.is_any({"PASSWORD_RECOVERY_NA", "PASSWORD_EMPTY"})) throw;
    }
    throw Error(errc::no_recovery_email,
                "this account has no recovery email: 2FA can only be reset after a waiting "
                "period (account.resetPassword; Telegram says how long)");
}

asio::awaitable<User> AsyncClient::recover_password(PasswordToken token, std::string code,
                                                    std::optional<std::string> new_password,
                                                    std::string new_hint) {
    const WipeOnExit wipe(new_password);
    api::auth_recoverPassword req;
    req.code = std::move(code);
    if (new_password) {
        if (token.new_salt1.empty() || token.new_p.empty())
            token = co_await impl_->fetch_password();
        if (token.new_salt1.empty() || token.new_p.empty()) {
            throw Error(errc::password_algo_unsupported,
                        "the server offers no supported algorithm for a new password");
        }
        // The server's salt1 is a prefix: the client adds 32 random bytes of its own.
        Bytes salt1 = token.new_salt1;
        Bytes extra(32);
        impl_->config.random(extra);
        salt1.insert(salt1.end(), extra.begin(), extra.end());
        api::account_passwordInputSettings settings;
        settings.new_algo = api::passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow{
            salt1, token.new_salt2, token.new_g, token.new_p};
        settings.new_password_hash =
            crypto::srp_verifier(*new_password, salt1, token.new_salt2, token.new_g, token.new_p);
        settings.hint = std::move(new_hint);
        req.new_settings = settings;
    }
    auto result = co_await impl_->call(req);
    co_return impl_->logged_in(result);
}

asio::awaitable<PasswordResetState> AsyncClient::reset_password() {
    const api::account_resetPassword req;
    auto answer = co_await impl_->call(req);
    PasswordResetState out;
    if (const auto* wait = std::get_if<api::account_resetPasswordRequestedWait>(&answer)) {
        out.kind = PasswordResetState::Kind::Waiting;
        out.date = wait->until_date;
    } else if (const auto* failed = std::get_if<api::account_resetPasswordFailedWait>(&answer)) {
        out.kind = PasswordResetState::Kind::RetryLater;
        out.date = failed->retry_date;
    } else {
        out.kind = PasswordResetState::Kind::Done;
    }
    co_return out;
}

std::optional<Bytes> AsyncClient::future_auth_token() const {
    return impl_->future_token;
}

}  // namespace tgs::auth
