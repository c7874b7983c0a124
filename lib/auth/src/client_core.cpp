#include "client_core.hpp"

#include <asio/redirect_error.hpp>
#include <asio/use_awaitable.hpp>

#include "api_convert.hpp"
#include "known_dcs.hpp"
#include "tgs/net/connection.hpp"

namespace tgs::auth {

namespace api = tl::api;

AsyncClient::Impl::Impl(asio::any_io_executor ex, ClientConfig c, session::SessionData d)
    : executor(std::move(ex)),
      config(std::move(c)),
      data(std::move(d)),
      updates(std::make_shared<UpdateSignal>(executor)) {
    if (data.dc_id == 0) data.dc_id = 2;  // Telegram's default first DC, as Telethon uses
    if (!config.random) config.random = crypto::system_random();
    // A bad --rsa-key should fail before a login prompts for anything; a stored key rarely
    // needs RSA at all, so a status check skips the parsing.
    if (!data.auth_key) load_rsa_keys();
}

void AsyncClient::Impl::load_rsa_keys() {
    if (!rsa_keys.empty()) return;
    auto pems =
        config.rsa_keys_pem.empty() ? known_rsa_keys(config.test_servers) : config.rsa_keys_pem;
    for (const auto& pem : pems) rsa_keys.push_back(crypto::RsaPublicKey::from_pem(pem));
}

void AsyncClient::Impl::close_sender() {
    if (sender) sender->close();
    sender.reset();
}

Bytes AsyncClient::Impl::wrap_first_request(ByteView query) const {
    api::initConnection init;
    init.api_id = config.api_id;
    init.device_model = config.device_model;
    init.system_version = config.system_version;
    init.app_version = config.app_version;
    init.system_lang_code = config.lang_code;
    init.lang_pack = "";
    init.lang_code = config.lang_code;
    init.query = tl::RawObject::copy_of(query);
    api::invokeWithLayer outer;
    outer.layer = kLayer;
    outer.query = tl::RawObject{api::serialize(init)};
    return api::serialize(outer);
}

asio::awaitable<void> AsyncClient::Impl::open(int dc_id) {
    close_sender();
    Endpoint ep = choose_endpoint(dc_id, config, data);
    net::SenderOptions o;
    o.connection.host = ep.host;
    o.connection.port = ep.port;
    o.connection.transport = net::parse_transport(config.transport);
    if (!config.proxy.empty()) o.connection.proxy = transport::parse_proxy_url(config.proxy);
    o.connection.dc_id = dc_id;
    o.connection.test_servers = config.test_servers;
    o.connection.timeout = config.timeout;
    o.connection.random = config.random;
    o.on_progress = config.on_progress;
    o.wrap_first_request = [this](ByteView q) { return wrap_first_request(q); };
    o.on_update = [signal = updates](ByteView) {
        ++signal->seen;
        signal->timer.cancel();
    };
    if (dc_id == data.dc_id && data.auth_key) {
        o.auth_key.emplace(data.auth_key->view());
        if (config.server_salt) o.server_salt = *config.server_salt;
    } else {
        load_rsa_keys();
        o.rsa_keys = rsa_keys;
    }
    sender = co_await net::Sender::connect(std::move(o));
    if (sender->created_new_key()) {
        // A new key belongs to the DC it was made on, which now becomes home.
        data.dc_id = dc_id;
        data.server_address = ep.host;
        data.port = ep.port;
        data.auth_key.emplace(sender->auth_key().bytes());
        data.user.reset();
    } else if (dc_id == data.dc_id) {
        data.server_address = ep.host;
        data.port = ep.port;
    }
}

asio::awaitable<void> AsyncClient::Impl::ensure_connected() {
    if (!sender || sender->broken()) co_await open(data.dc_id);
}

asio::awaitable<void> AsyncClient::Impl::move_home(int dc_id) {
    data.auth_key.reset();
    data.server_address.clear();
    data.port = 0;
    data.dc_id = dc_id;
    co_await open(dc_id);
}

int AsyncClient::Impl::migrate_target(const RpcError& e) {
    bool migrate =
        e.error_code() == 303 && e.is_any({"PHONE_MIGRATE", "USER_MIGRATE", "NETWORK_MIGRATE"});
    return migrate && e.value() ? static_cast<int>(*e.value()) : 0;
}

User AsyncClient::Impl::logged_in(const api::auth_Authorization& result) {
    if (const auto* ok = std::get_if<api::auth_authorization>(&result)) {
        if (ok->future_auth_token) future_token = *ok->future_auth_token;
    }
    User user = authorized_user(result, data.dc_id);
    remember_login(user);
    return user;
}

void AsyncClient::Impl::remember_login(const User& user) {
    data.user = to_self_user(user);
    if (!data.state) data.state = session::UpdateState{};
}

asio::awaitable<AuthStatus> AsyncClient::Impl::status() {
    AuthStatus out;
    if (!data.auth_key) co_return out;
    api::users_getUsers req;
    req.id.push_back(api::inputUserSelf{});
    try {
        auto users = co_await call(req);
        if (users.empty()) throw Error(errc::unexpected_result, "users.getUsers returned nothing");
        out.user = to_user(users.front(), data.dc_id);
        out.state = AuthState::Authorized;
    } catch (const RpcError& e) {
        out.server_error = e.server_message();
        if (e.is("AUTH_KEY_DUPLICATED")) {
            out.state = AuthState::Duplicated;
        } else if (e.is_any({"AUTH_KEY_UNREGISTERED", "AUTH_KEY_INVALID"})) {
            out.state = AuthState::Unregistered;
        } else if (e.error_code() == 401) {
            out.state = AuthState::Revoked;
        } else {
            throw;
        }
    } catch (const net::TransportErrorPacket& e) {
        // Only -404 says "no such key"; -429 (too many connections) and -444 (wrong DC) say
        // nothing about it and fail the check as any other error does.
        if (e.number() != -404) throw;
        out.state = AuthState::KeyUnknown;
        out.server_error = e.what();
    }
    co_return out;
}

asio::awaitable<PasswordToken> AsyncClient::Impl::fetch_password() {
    const api::account_getPassword req;
    auto answer = co_await call(req);
    co_return password_token(answer);
}

PasswordToken AsyncClient::Impl::password_token(const api::account_Password& answer) {
    const auto& pw = std::get<api::account_password>(answer);
    if (!pw.has_password || !pw.current_algo || !pw.srp_B || !pw.srp_id) {
        throw Error(errc::password_state, "the server asked for a password but describes none");
    }
    const auto* algo =
        std::get_if<api::passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow>(
            &*pw.current_algo);
    if (!algo) {
        throw Error(errc::password_algo_unsupported,
                    "this account's 2FA algorithm is not supported (update tgsession)");
    }
    PasswordToken token;
    token.hint = pw.hint.value_or("");
    token.has_recovery = pw.has_recovery;
    token.salt1 = algo->salt1;
    token.salt2 = algo->salt2;
    token.g = algo->g;
    token.p = algo->p;
    token.srp_B = *pw.srp_B;
    token.srp_id = *pw.srp_id;
    token.fetched_at = std::chrono::steady_clock::now();
    if (pw.pending_reset_date) token.pending_reset_date = *pw.pending_reset_date;
    if (const auto* next =
            std::get_if<api::passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow>(
                &pw.new_algo)) {
        token.new_salt1 = next->salt1;
        token.new_salt2 = next->salt2;
        token.new_p = next->p;
        token.new_g = next->g;
    }
    return token;
}

asio::awaitable<bool> AsyncClient::Impl::wait_for_update(
    std::chrono::steady_clock::time_point deadline, std::uint64_t seen_before) {
    if (updates->seen != seen_before) co_return true;
    updates->timer.expires_at(deadline);
    asio::error_code ec;
    co_await updates->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    co_return ec == asio::error::operation_aborted;
}

}  // namespace tgs::auth
