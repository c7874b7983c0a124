#include "tgs/auth/client.hpp"

#include <sodium.h>

#include <asio/co_spawn.hpp>
#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/redirect_error.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/use_future.hpp>
#include <cstring>
#include <thread>

#include "api_convert.hpp"
#include "known_dcs.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/crypto/rsa.hpp"
#include "tgs/crypto/srp.hpp"
#include "tgs/error.hpp"
#include "tgs/net/sender.hpp"
#include "tgs/rpc_error.hpp"
#include "tgs/tl/api.hpp"

namespace tgs::auth {

namespace api = tl::api;

inline constexpr std::int32_t kLayer = 228;
// SRP parameters older than this are fetched again before checkPassword (the server may have
// forgotten srp_id; fetching costs a round trip, so fresh ones are reused).
inline constexpr auto kPasswordFreshFor = std::chrono::seconds(60);

struct Client::Impl {
    ClientConfig config;
    session::SessionData data;
    std::vector<crypto::RsaPublicKey> rsa_keys;
    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
    std::thread thread;
    std::shared_ptr<net::Sender> sender;
    // Woken (cancelled) by any update from the server; QR login waits on it.
    asio::steady_timer update_signal{io};
    std::uint64_t updates_seen = 0;  // so an update that beat the wait is not missed

    Impl(ClientConfig c, session::SessionData d) : config(std::move(c)), data(std::move(d)) {
        auto pems =
            config.rsa_keys_pem.empty() ? known_rsa_keys(config.test_servers) : config.rsa_keys_pem;
        for (const auto& pem : pems) rsa_keys.push_back(crypto::RsaPublicKey::from_pem(pem));
        if (data.dc_id == 0) data.dc_id = 2;  // Telegram's default first DC, as Telethon uses
        thread = std::thread([this] { io.run(); });
    }

    ~Impl() {
        asio::co_spawn(io, close_sender(), asio::use_future).wait();
        work.reset();
        io.stop();
        thread.join();
    }

    template <class T>
    T run(asio::awaitable<T> task) {
        return asio::co_spawn(io, std::move(task), asio::use_future).get();
    }

    asio::awaitable<void> close_sender() {
        if (sender) sender->close();
        sender.reset();
        co_return;
    }

    Endpoint endpoint_for(int dc_id) const {
        if (auto it = config.dcs.find(dc_id); it != config.dcs.end()) return it->second;
        if (dc_id == data.dc_id && !data.server_address.empty() && data.port != 0) {
            return Endpoint{data.server_address, data.port};
        }
        return known_dc_endpoint(dc_id, config.test_servers, config.prefer_ipv6);
    }

    Bytes wrap_first_request(ByteView query) const {
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

    /// Connects to `dc_id` with the session's key when it is the home DC (or none: a new key).
    asio::awaitable<void> open(int dc_id) {
        co_await close_sender();
        Endpoint ep = endpoint_for(dc_id);
        net::SenderOptions o;
        o.connection.host = ep.host;
        o.connection.port = ep.port;
        o.connection.transport = net::parse_transport(config.transport);
        o.dc_id = dc_id;
        o.test_servers = config.test_servers;
        o.rsa_keys = rsa_keys;
        o.timeout = config.timeout;
        o.on_progress = config.on_progress;
        o.wrap_first_request = [this](ByteView q) { return wrap_first_request(q); };
        o.on_update = [this](ByteView) {
            ++updates_seen;
            update_signal.cancel();
        };
        if (dc_id == data.dc_id && data.auth_key) {
            o.auth_key.emplace(data.auth_key->view());
            if (config.server_salt) o.server_salt = *config.server_salt;
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

    /// Connects on first use, and reconnects (same key) after the connection dropped.
    asio::awaitable<void> ensure_connected() {
        if (!sender || sender->broken()) co_await open(data.dc_id);
    }

    template <class F>
    asio::awaitable<typename F::Result> call(const F& request) {
        co_await ensure_connected();
        Bytes answer = co_await sender->invoke(api::serialize(request));
        tl::Reader reader(answer);
        co_return api::read_result<F>(reader);
    }

    /// Like call(), but follows PHONE_/USER_/NETWORK_MIGRATE_X once: the home DC moves to X
    /// (with a new key there) and the request is repeated.
    template <class F>
    asio::awaitable<typename F::Result> call_migrating(const F& request) {
        int target = 0;
        try {
            co_return co_await call(request);
        } catch (const RpcError& e) {
            bool migrate = e.error_code() == 303 &&
                           (e.name() == "PHONE_MIGRATE" || e.name() == "USER_MIGRATE" ||
                            e.name() == "NETWORK_MIGRATE");
            if (!migrate || !e.value()) throw;
            target = static_cast<int>(*e.value());
        }
        if (config.on_progress) {
            config.on_progress("account lives on DC " + std::to_string(target) + ", moving there");
        }
        data.auth_key.reset();
        data.server_address.clear();
        data.port = 0;
        data.dc_id = target;
        co_await open(target);
        co_return co_await call(request);
    }

    void remember_login(const User& user) {
        data.user = to_self_user(user);
        if (!data.state) data.state = session::UpdateState{};
    }

    asio::awaitable<AuthStatus> status() {
        AuthStatus out;
        if (!data.auth_key) co_return out;
        api::users_getUsers req;
        req.id.push_back(api::inputUserSelf{});
        try {
            auto users = co_await call(req);
            if (users.empty())
                throw Error("AUTH_UNEXPECTED_RESULT", "users.getUsers returned nothing");
            out.user = to_user(users.front(), data.dc_id);
            out.state = AuthState::authorized;
        } catch (const RpcError& e) {
            out.server_error = e.server_message();
            if (e.name() == "AUTH_KEY_DUPLICATED") {
                out.state = AuthState::duplicated;
            } else if (e.name() == "AUTH_KEY_UNREGISTERED" || e.name() == "AUTH_KEY_INVALID") {
                out.state = AuthState::unregistered;
            } else if (e.error_code() == 401) {
                out.state = AuthState::revoked;
            } else {
                throw;
            }
        } catch (const Error& e) {
            if (e.code() != "NET_TRANSPORT_ERROR") throw;
            out.state = AuthState::key_unknown;
            out.server_error = e.what();
        }
        co_return out;
    }

    asio::awaitable<PasswordToken> fetch_password() {
        auto answer = co_await call(api::account_getPassword{});
        const auto& pw = std::get<api::account_password>(answer);
        if (!pw.has_password || !pw.current_algo || !pw.srp_B || !pw.srp_id) {
            throw Error("AUTH_PASSWORD_STATE",
                        "the server asked for a password but describes none");
        }
        const auto* algo =
            std::get_if<api::passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow>(
                &*pw.current_algo);
        if (!algo) {
            throw Error("AUTH_PASSWORD_ALGO_UNKNOWN",
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
        co_return token;
    }

    /// Waits until an update arrives or `deadline` passes; true if an update came.
    asio::awaitable<bool> wait_for_update(std::chrono::steady_clock::time_point deadline,
                                          std::uint64_t seen_before) {
        if (updates_seen != seen_before) co_return true;
        update_signal.expires_at(deadline);
        asio::error_code ec;
        co_await update_signal.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        co_return ec == asio::error::operation_aborted;
    }

    using QrShow = std::function<void(const std::string&, std::int64_t)>;

    asio::awaitable<std::variant<User, PasswordToken>> qr_login(QrShow show,
                                                                std::chrono::seconds timeout) {
        using Result = std::variant<User, PasswordToken>;
        const auto give_up = std::chrono::steady_clock::now() + timeout;
        api::auth_exportLoginToken request;
        request.api_id = config.api_id;
        request.api_hash = config.api_hash;
        bool needs_password = false;
        try {
            std::uint64_t seen = updates_seen;
            auto answer = co_await call(request);
            for (;;) {
                if (auto* ok = std::get_if<api::auth_loginTokenSuccess>(&answer)) {
                    User user = authorized_user(ok->authorization, data.dc_id);
                    remember_login(user);
                    co_return Result{user};
                }
                if (auto* moved = std::get_if<api::auth_loginTokenMigrateTo>(&answer)) {
                    // Accepted by an account homed elsewhere: import the token on its DC.
                    data.auth_key.reset();
                    data.server_address.clear();
                    data.port = 0;
                    data.dc_id = moved->dc_id;
                    co_await open(moved->dc_id);
                    api::auth_importLoginToken import;
                    import.token = moved->token;
                    answer = co_await call(import);
                    continue;
                }
                const auto& token = std::get<api::auth_loginToken>(answer);
                show(qr_url(token.token), token.expires);
                const auto now_unix = std::chrono::duration_cast<std::chrono::seconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count();
                auto until =
                    std::chrono::steady_clock::now() +
                    std::chrono::seconds(std::max<std::int64_t>(1, token.expires - now_unix));
                if (until > give_up) until = give_up;
                co_await wait_for_update(until, seen);
                if (std::chrono::steady_clock::now() >= give_up) {
                    throw Error("AUTH_QR_TIMEOUT", "nobody scanned the QR code in time");
                }
                seen = updates_seen;
                answer = co_await call(request);  // accepted, expired or woken: ask again
            }
        } catch (const RpcError& e) {
            if (e.name() != "SESSION_PASSWORD_NEEDED") throw;
            needs_password = true;
        }
        (void)needs_password;
        co_return Result{co_await fetch_password()};
    }

    static std::string qr_url(const Bytes& token) {
        std::string b64(
            sodium_base64_encoded_len(token.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
            '\0');
        sodium_bin2base64(b64.data(), b64.size(), token.data(), token.size(),
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING);
        b64.resize(std::strlen(b64.c_str()));
        return "tg://login?token=" + b64;
    }

    asio::awaitable<User> check_password(PasswordToken token, std::string password) {
        if (std::chrono::steady_clock::now() - token.fetched_at > kPasswordFreshFor) {
            token = co_await fetch_password();
        }
        for (int attempt = 0;; ++attempt) {
            Bytes a(256);
            crypto::secure_random(a);
            // Validates p (safe 2048-bit prime), g and B before using them.
            auto proof = crypto::srp_compute_check(password, token.salt1, token.salt2, token.g,
                                                   token.p, token.srp_B, a);
            api::auth_checkPassword req;
            req.password = api::inputCheckPasswordSRP{token.srp_id, proof.A, proof.M1};
            try {
                auto result = co_await call(req);
                User user = authorized_user(result, data.dc_id);
                remember_login(user);
                co_return user;
            } catch (const RpcError& e) {
                if (e.name() != "SRP_ID_INVALID" || attempt > 0) throw;
            }
            token = co_await fetch_password();  // stale srp_id: once more with fresh parameters
        }
    }
};

Client::Client(ClientConfig config, session::SessionData session)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(session))) {}

Client::~Client() = default;

void Client::connect() {
    impl_->run(impl_->ensure_connected());
}

void Client::disconnect() {
    impl_->run(impl_->close_sender());
}

AuthStatus Client::authorization_status() {
    return impl_->run(impl_->status());
}

bool Client::is_authorized() {
    return authorization_status().state == AuthState::authorized;
}

std::optional<User> Client::get_me() {
    return authorization_status().user;
}

LoginToken Client::request_login_code(const std::string& phone) {
    return impl_->run([](Impl& impl, std::string number) -> asio::awaitable<LoginToken> {
        api::auth_sendCode req;
        req.phone_number = number;
        req.api_id = impl.config.api_id;
        req.api_hash = impl.config.api_hash;
        req.settings = api::codeSettings{};
        auto sent = co_await impl.call_migrating(req);
        co_return to_login_token(sent, number, impl.data.dc_id);
    }(*impl_, phone));
}

LoginToken Client::resend_login_code(const LoginToken& token) {
    return impl_->run([](Impl& impl, LoginToken previous) -> asio::awaitable<LoginToken> {
        api::auth_resendCode req;
        req.phone_number = previous.phone;
        req.phone_code_hash = previous.phone_code_hash;
        auto sent = co_await impl.call(req);
        co_return to_login_token(sent, previous.phone, impl.data.dc_id);
    }(*impl_, token));
}

std::variant<User, PasswordToken> Client::sign_in(const LoginToken& token,
                                                  const std::string& code) {
    using Result = std::variant<User, PasswordToken>;
    return impl_->run(
        [](Impl& impl, LoginToken login, std::string typed) -> asio::awaitable<Result> {
            api::auth_signIn req;
            req.phone_number = login.phone;
            req.phone_code_hash = login.phone_code_hash;
            req.phone_code = typed;
            try {
                auto result = co_await impl.call(req);
                User user = authorized_user(result, impl.data.dc_id);
                impl.remember_login(user);
                co_return Result{user};
            } catch (const RpcError& e) {
                if (e.name() != "SESSION_PASSWORD_NEEDED") throw;
            }
            co_return Result{co_await impl.fetch_password()};
        }(*impl_, token, code));
}

User Client::check_password(const PasswordToken& token, const std::string& password) {
    return impl_->run(impl_->check_password(token, password));
}

User Client::bot_sign_in(const std::string& bot_token) {
    return impl_->run([](Impl& impl, std::string token) -> asio::awaitable<User> {
        api::auth_importBotAuthorization req;
        req.flags = 0;
        req.api_id = impl.config.api_id;
        req.api_hash = impl.config.api_hash;
        req.bot_auth_token = token;
        auto result = co_await impl.call_migrating(req);
        User user = authorized_user(result, impl.data.dc_id);
        impl.remember_login(user);
        co_return user;
    }(*impl_, bot_token));
}

std::variant<User, PasswordToken> Client::qr_login(
    const std::function<void(const std::string&, std::int64_t)>& show,
    std::chrono::seconds timeout) {
    return impl_->run(impl_->qr_login(show, timeout));
}

void Client::sign_out() {
    impl_->run([](Impl& impl) -> asio::awaitable<void> {
        co_await impl.call(api::auth_logOut{});
        co_await impl.close_sender();
        impl.data.auth_key.reset();
        impl.data.user.reset();
    }(*impl_));
}

std::vector<AuthorizationInfo> Client::list_authorizations() {
    return impl_->run([](Impl& impl) -> asio::awaitable<std::vector<AuthorizationInfo>> {
        auto answer = co_await impl.call(api::account_getAuthorizations{});
        std::vector<AuthorizationInfo> out;
        for (const auto& a : std::get<api::account_authorizations>(answer).authorizations) {
            out.push_back(to_authorization_info(a));
        }
        co_return out;
    }(*impl_));
}

void Client::reset_authorization(std::int64_t hash) {
    impl_->run([](Impl& impl, std::int64_t which) -> asio::awaitable<void> {
        api::account_resetAuthorization req;
        req.hash = which;
        if (!co_await impl.call(req)) {
            throw Error("AUTH_RESET_REFUSED", "the server did not end that authorization");
        }
    }(*impl_, hash));
}

void Client::reset_other_authorizations() {
    impl_->run([](Impl& impl) -> asio::awaitable<void> {
        if (!co_await impl.call(api::auth_resetAuthorizations{})) {
            throw Error("AUTH_RESET_REFUSED", "the server did not end the other authorizations");
        }
    }(*impl_));
}

std::int64_t Client::server_salt() {
    return impl_->run([](Impl& impl) -> asio::awaitable<std::int64_t> {
        co_return impl.sender ? impl.sender->server_salt() : 0;
    }(*impl_));
}

const session::SessionData& Client::session() const {
    return impl_->data;
}

}  // namespace tgs::auth
