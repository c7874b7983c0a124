#include "tgs/testdc/rpc_handler.hpp"

#include <cstring>
#include <utility>

#include "post_login.hpp"
#include "tgs/crypto/srp.hpp"
#include "tgs/error.hpp"
#include "tgs/tl/api.hpp"
#include "tgs/tl/l144.hpp"
#include "tgs/tl/mt.hpp"
#include "tgs/tl/reader.hpp"
#include "wire.hpp"

namespace tgs::testdc {

namespace {

// Requests are decoded with the generated types: `api` (layer 228; everything GramJS's 198
// sends has the same shape) and `l144` for the few login calls Telethon 1.25 sends with older
// ids or fields.
namespace api = tl::api;
namespace l144 = tl::l144;
namespace mt = tl::mt;

// An RPC error answer, thrown inside the handler and turned into rpc_error.
struct RpcFail {
    std::int32_t code;
    std::string message;
};

[[noreturn]] void fail(std::int32_t code, std::string message) {
    throw RpcFail{code, std::move(message)};
}

BoundUser bound(const UserAccount& u) {
    return {u.id, false, u.phone, u.first_name, u.last_name, u.username, u.access_hash, u.dc};
}
BoundUser bound(const BotAccount& b) {
    return {b.id, true, "", b.first_name, "", b.username, b.access_hash, b.dc};
}

struct SendCodeArgs {
    std::string phone;
    std::int32_t api_id = 0;
    std::string api_hash;
};

/// auth.sendCode keeps its id across layers but its CodeSettings changed after 144: read it in
/// the declared layer first, then in the other one (a client may send before declaring).
SendCodeArgs read_send_code(ByteView request, LayerFamily layer) {
    auto args = [](const auto& q) { return SendCodeArgs{q.phone_number, q.api_id, q.api_hash}; };
    auto as_144 = [&] {
        tl::Reader r(request);
        return args(l144::read<l144::auth_sendCode>(r));
    };
    auto as_228 = [&] {
        tl::Reader r(request);
        return args(api::read<api::auth_sendCode>(r));
    };
    try {
        return layer == LayerFamily::L144 ? as_144() : as_228();
    } catch (const Error&) {
        return layer == LayerFamily::L144 ? as_228() : as_144();
    }
}

}  // namespace

const Bytes& telegram_prime() {
    static const Bytes p = from_hex(
        "c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f"
        "48198a0aa7c14058229493d22530f4dbfa336f6e0ac925139543aed44cce7c37"
        "20fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f64"
        "2477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4"
        "a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754"
        "fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4"
        "e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f"
        "0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b");
    return p;
}

struct RpcHandler::Call {
    const CallContext& ctx;
    AuthKeyRecord& key;
    std::int32_t layer;  // as declared (0: not yet); answers are encoded in it
    Reply reply;

    BoundUser require_user() const {
        if (!key.user) fail(401, "AUTH_KEY_UNREGISTERED");
        return *key.user;
    }
};

RpcHandler::RpcHandler(Accounts accounts, ClusterState& state, crypto::RandomSource random)
    : accounts_(std::move(accounts)), state_(state), random_(std::move(random)) {
    if (!random_) random_ = crypto::system_random();
}

LayerFamily RpcHandler::layer_of(std::uint64_t auth_key_id) {
    std::lock_guard lock(mutex_);
    auto* key = state_.find_auth_key(auth_key_id);
    return layer_family(key ? key->layer : 0);
}

bool RpcHandler::take_dirty() {
    std::lock_guard lock(mutex_);
    return std::exchange(dirty_, false);
}

Reply RpcHandler::handle(const CallContext& ctx, ByteView request) {
    std::lock_guard lock(mutex_);
    Reply reply;
    auto* key = state_.find_auth_key(ctx.auth_key_id);
    if (!key) {
        reply.error = "AUTH_KEY_INVALID";
        reply.error_code = 401;
        reply.body = wire::rpc_error(401, *reply.error);
        return reply;
    }
    if (request.size() > kMaxRequestBytes) {
        reply.error = "INPUT_REQUEST_TOO_LONG";
        reply.error_code = 400;
        reply.body = wire::rpc_error(400, *reply.error);
        return reply;
    }
    Call call{ctx, *key, key->layer, {}};
    try {
        call.reply.body = dispatch(call, request).body;
        return std::move(call.reply);
    } catch (const RpcFail& f) {
        reply = std::move(call.reply);  // keep pushes made before the failure
        reply.error = f.message;
        reply.error_code = f.code;
        reply.body = wire::rpc_error(f.code, f.message);
        reply.plain = false;
        return reply;
    } catch (const Error& e) {
        // Malformed TL from the client.
        reply.error = "INPUT_REQUEST_INVALID";
        reply.error_code = 400;
        reply.body = wire::rpc_error(400, *reply.error);
        return reply;
    }
}

Reply RpcHandler::dispatch(Call& call, ByteView request) {
    tl::Reader r(request);
    const auto& ctx = call.ctx;
    auto& key = call.key;
    const auto& opt = state_.options();
    Reply out;
    auto random_bytes = [this](std::size_t n) {
        Bytes b(n);
        random_(b);
        return b;
    };
    auto random_i64 = [&] {
        auto b = random_bytes(8);
        std::int64_t v = 0;
        std::memcpy(&v, b.data(), 8);
        return v == 0 ? 1 : v;
    };
    auto bind = [&](const BoundUser& u) {
        key.user = u;
        key.password_pending_user.reset();
        key.authorization.hash = random_i64();
        key.authorization.date_created = ctx.now;
        key.authorization.date_active = ctx.now;
        if (key.authorization.ip.empty()) key.authorization.ip = ctx.client_ip;
        dirty_ = true;
    };
    auto password_of = [&](std::int64_t user_id) -> std::optional<UserAccount> {
        auto acc = accounts_.find_user_by_id(user_id);
        if (acc && acc->password) return acc;
        return std::nullopt;
    };
    // A user who passed the code/QR step: 2FA next, or logged in (then bound to this key).
    auto finish_login = [&](const BoundUser& u) {
        if (!u.bot && password_of(u.id)) {
            key.password_pending_user = u.id;
            fail(401, "SESSION_PASSWORD_NEEDED");
        }
        bind(u);
    };
    auto check_api = [&](std::int32_t api_id, const std::string& api_hash) {
        if (api_id <= 0 || api_hash.empty()) fail(400, "API_ID_INVALID");
    };
    // The code check shared by auth.signIn in every layer.
    auto sign_in = [&](const std::string& raw_phone, const std::string& hash,
                       const std::string& code) {
        const auto phone = Accounts::normalize_phone(raw_phone);
        if (phone.empty()) fail(400, "PHONE_NUMBER_INVALID");
        if (hash.empty()) fail(400, "PHONE_CODE_HASH_EMPTY");
        if (code.empty()) fail(400, "PHONE_CODE_EMPTY");
        auto it = state_.pending_codes().find(hash);
        if (it == state_.pending_codes().end() || it->second.phone != phone) {
            fail(400, "PHONE_CODE_EXPIRED");
        }
        if (it->second.expires <= ctx.now) {
            state_.pending_codes().erase(it);
            fail(400, "PHONE_CODE_EXPIRED");
        }
        if (it->second.code != code) fail(400, "PHONE_CODE_INVALID");
        auto user = accounts_.find_user_by_phone(phone);
        if (!user) return wire::sign_up_required(call.layer);  // the code stays valid for signUp
        if (user->dc != ctx.dc_id) fail(303, "PHONE_MIGRATE_" + std::to_string(user->dc));
        state_.pending_codes().erase(it);
        const auto u = bound(*user);
        finish_login(u);
        return wire::authorization(call.layer, u);
    };
    // auth.resendCode in every layer: SMS first, then a call, then no more.
    auto resend_code = [&](const std::string& raw_phone, const std::string& hash) {
        const auto phone = Accounts::normalize_phone(raw_phone);
        if (phone.empty()) fail(400, "PHONE_NUMBER_INVALID");
        if (hash.empty()) fail(400, "PHONE_CODE_HASH_EMPTY");
        auto it = state_.pending_codes().find(hash);
        if (it == state_.pending_codes().end() || it->second.phone != phone ||
            it->second.expires <= ctx.now) {
            fail(400, "PHONE_CODE_EXPIRED");
        }
        auto& pc = it->second;
        if (pc.resends >= 2) fail(406, "SEND_CODE_UNAVAILABLE");
        ++pc.resends;
        pc.expires = ctx.now + opt.code_ttl_seconds;
        if (pc.resends == 1) {
            return wire::sent_code(call.layer, wire::SentVia::Sms, pc.code.size(), hash,
                                   wire::NextVia::Call,
                                   static_cast<std::int32_t>(opt.resend_timeout_seconds));
        }
        return wire::sent_code(call.layer, wire::SentVia::Call, pc.code.size(), hash, std::nullopt,
                               std::nullopt);
    };
    // A QR token accepted by someone: migrate to their DC, or log in here (once).
    auto login_token_answer = [&](LoginToken& t) {
        const BoundUser u = *t.accepted_user;
        if (u.dc != ctx.dc_id) return wire::login_token_migrate(call.layer, u.dc, t.token);
        t.consumed = true;
        finish_login(u);
        return wire::login_token_success(call.layer, u);
    };

    switch (r.peek_uint32()) {
        case api::invokeWithLayer::ID: {
            const auto q = api::read<api::invokeWithLayer>(r);
            if (key.layer != q.layer) {
                key.layer = q.layer;
                dirty_ = true;
            }
            call.layer = q.layer;
            return dispatch(call, q.query.data);
        }
        case api::initConnection::ID: {
            const auto q = api::read<api::initConnection>(r);
            auto& a = key.authorization;
            a.api_id = q.api_id;
            a.device_model = q.device_model;
            a.system_version = q.system_version;
            a.app_version = q.app_version;
            a.app_name = "api_id " + std::to_string(a.api_id);
            a.platform = a.system_version.substr(0, a.system_version.find(' '));
            a.ip = ctx.client_ip;
            a.date_active = ctx.now;
            dirty_ = true;
            return dispatch(call, q.query.data);
        }
        case api::invokeWithoutUpdates::ID:
            return dispatch(call, api::read<api::invokeWithoutUpdates>(r).query.data);
        case api::invokeAfterMsg::ID:
            return dispatch(call, api::read<api::invokeAfterMsg>(r).query.data);
        case mt::ping::ID: {
            call.reply.plain = true;
            out.body = wire::pong(ctx.msg_id, mt::read<mt::ping>(r).ping_id);
            return out;
        }
        case mt::ping_delay_disconnect::ID: {
            call.reply.plain = true;
            out.body = wire::pong(ctx.msg_id, mt::read<mt::ping_delay_disconnect>(r).ping_id);
            return out;
        }
        case api::help_getConfig::ID:
            out.body = wire::config(call.layer, opt.dcs, ctx.dc_id, ctx.now);
            return out;
        case api::help_getNearestDc::ID:
            out.body = wire::nearest_dc(call.layer, ctx.dc_id);
            return out;
        case api::help_acceptTermsOfService::ID:
            api::read<api::help_acceptTermsOfService>(r);
            out.body = wire::bool_value(true, call.layer);
            return out;

        case api::auth_sendCode::ID: {
            const auto q = read_send_code(request, layer_family(call.layer));
            const auto phone = Accounts::normalize_phone(q.phone);
            if (phone.empty()) fail(400, "PHONE_NUMBER_INVALID");
            check_api(q.api_id, q.api_hash);
            auto user = accounts_.find_user_by_phone(phone);
            if (!user && accounts_.convention_mode()) fail(400, "PHONE_NUMBER_INVALID");
            const int home = user ? user->dc : ctx.dc_id;
            if (home != ctx.dc_id) fail(303, "PHONE_MIGRATE_" + std::to_string(home));
            if (opt.flood_after > 0) {
                auto& log = state_.send_code_log()[phone];
                std::erase_if(
                    log, [&](std::int64_t t) { return t + opt.flood_window_seconds <= ctx.now; });
                if (static_cast<int>(log.size()) >= opt.flood_after) {
                    fail(420, "FLOOD_WAIT_" + std::to_string(opt.flood_wait_seconds));
                }
                log.push_back(ctx.now);
            }
            PendingCode pc;
            pc.phone = phone;
            pc.phone_code_hash = to_hex(random_bytes(8));
            pc.code = user ? user->code : std::string(5, static_cast<char>('0' + ctx.dc_id));
            pc.expires = ctx.now + opt.code_ttl_seconds;
            // "Logged in elsewhere" → the code goes to the app, else by SMS.
            bool elsewhere = false;
            if (user) {
                for (const auto& [kid, rec] : state_.auth_keys()) {
                    if (rec.user && rec.user->id == user->id && !rec.user->bot) elsewhere = true;
                }
            }
            out.body = wire::sent_code(
                call.layer, elsewhere ? wire::SentVia::App : wire::SentVia::Sms, pc.code.size(),
                pc.phone_code_hash, elsewhere ? wire::NextVia::Sms : wire::NextVia::Call,
                static_cast<std::int32_t>(opt.resend_timeout_seconds));
            state_.pending_codes()[pc.phone_code_hash] = std::move(pc);
            return out;
        }
        case api::auth_resendCode::ID: {
            const auto q = api::read<api::auth_resendCode>(r);
            out.body = resend_code(q.phone_number, q.phone_code_hash);
            return out;
        }
        case l144::auth_resendCode::ID: {
            const auto q = l144::read<l144::auth_resendCode>(r);
            out.body = resend_code(q.phone_number, q.phone_code_hash);
            return out;
        }
        case api::auth_cancelCode::ID: {
            const auto q = api::read<api::auth_cancelCode>(r);
            const auto phone = Accounts::normalize_phone(q.phone_number);
            if (phone.empty()) fail(400, "PHONE_NUMBER_INVALID");
            auto it = state_.pending_codes().find(q.phone_code_hash);
            const bool found = it != state_.pending_codes().end() && it->second.phone == phone;
            if (found) state_.pending_codes().erase(it);
            out.body = wire::bool_value(found, call.layer);
            return out;
        }
        case api::auth_signIn::ID: {
            const auto q = api::read<api::auth_signIn>(r);
            out.body = sign_in(q.phone_number, q.phone_code_hash, q.phone_code.value_or(""));
            return out;
        }
        case l144::auth_signIn::ID: {
            const auto q = l144::read<l144::auth_signIn>(r);
            out.body = sign_in(q.phone_number, q.phone_code_hash, q.phone_code);
            return out;
        }
        case api::auth_signUp::ID:
        case l144::auth_signUp::ID:
            // Telegram lets only its official apps create accounts.
            fail(400, "PHONE_NUMBER_APP_SIGNUP_FORBIDDEN");

        case api::account_getPassword::ID: {
            std::optional<std::int64_t> uid = key.password_pending_user;
            if (!uid && key.user) uid = key.user->id;
            wire::PasswordInfo info;
            info.new_salt1 = random_bytes(8);
            info.secure_random = random_bytes(32);
            std::optional<UserAccount> acc;
            if (uid) acc = password_of(*uid);
            if (!acc) {
                info.salt2 = random_bytes(16);
                out.body = wire::account_password(call.layer, info, telegram_prime(), kSrpG);
                return out;
            }
            auto vit = verifiers_.find(acc->id);
            if (vit == verifiers_.end()) {
                Verifier v;
                v.salt1 = random_bytes(40);
                v.salt2 = random_bytes(16);
                v.v =
                    crypto::srp_verifier(*acc->password, v.salt1, v.salt2, kSrpG, telegram_prime());
                vit = verifiers_.emplace(acc->id, std::move(v)).first;
            }
            // A fresh srp_id/B per call; older ones for this user become stale.
            std::erase_if(state_.srp_sessions(),
                          [&](const auto& kv) { return kv.second.user_id == acc->id; });
            SrpSession s;
            s.srp_id = random_i64();
            s.user_id = acc->id;
            s.b = random_bytes(256);
            s.B = crypto::srp_server_B(vit->second.v, s.b, kSrpG, telegram_prime());
            info.has_password = true;
            info.salt1 = vit->second.salt1;
            info.salt2 = vit->second.salt2;
            info.srp_B = s.B;
            info.srp_id = s.srp_id;
            info.hint = acc->hint;
            state_.srp_sessions()[s.srp_id] = s;
            out.body = wire::account_password(call.layer, info, telegram_prime(), kSrpG);
            return out;
        }
        case api::auth_checkPassword::ID: {
            const auto q = api::read<api::auth_checkPassword>(r);
            const auto* srp = std::get_if<api::inputCheckPasswordSRP>(&q.password);
            if (!srp) fail(400, "PASSWORD_HASH_INVALID");  // inputCheckPasswordEmpty
            auto it = state_.srp_sessions().find(srp->srp_id);
            if (it == state_.srp_sessions().end() || !key.password_pending_user ||
                it->second.user_id != *key.password_pending_user) {
                fail(400, "SRP_ID_INVALID");
            }
            const SrpSession s = it->second;
            auto acc = password_of(s.user_id);
            auto vit = verifiers_.find(s.user_id);
            if (!acc || vit == verifiers_.end()) fail(400, "SRP_PASSWORD_CHANGED");
            const auto& v = vit->second;
            if (!crypto::srp_server_verify_M1(v.v, v.salt1, v.salt2, kSrpG, telegram_prime(), s.b,
                                              srp->A, srp->M1)) {
                fail(400, "PASSWORD_HASH_INVALID");
            }
            state_.srp_sessions().erase(s.srp_id);
            const auto u = bound(*acc);
            bind(u);
            out.body = wire::authorization(call.layer, u);
            return out;
        }
        case api::auth_importBotAuthorization::ID: {
            const auto q = api::read<api::auth_importBotAuthorization>(r);
            check_api(q.api_id, q.api_hash);
            auto bot = accounts_.find_bot_by_token(q.bot_auth_token);
            if (!bot) fail(400, "ACCESS_TOKEN_INVALID");
            if (bot->dc != ctx.dc_id) fail(303, "USER_MIGRATE_" + std::to_string(bot->dc));
            const auto u = bound(*bot);
            bind(u);
            out.body = wire::authorization(call.layer, u);
            return out;
        }

        case api::auth_exportLoginToken::ID: {
            const auto q = api::read<api::auth_exportLoginToken>(r);
            check_api(q.api_id, q.api_hash);
            auto& tokens = state_.login_tokens();
            for (auto& [bytes, t] : tokens) {
                if (t.auth_key_id != key.id || !t.accepted_user || t.consumed) continue;
                out.body = login_token_answer(t);
                return out;
            }
            std::erase_if(tokens, [&](const auto& kv) {
                return kv.second.auth_key_id == key.id || kv.second.expires <= ctx.now - 3600;
            });
            LoginToken t;
            t.token = random_bytes(32);
            t.auth_key_id = key.id;
            t.dc = ctx.dc_id;
            t.expires = ctx.now + opt.login_token_ttl_seconds;
            out.body = wire::login_token(call.layer, t.expires, t.token);
            tokens[t.token] = t;
            return out;
        }
        case api::auth_importLoginToken::ID: {
            const auto q = api::read<api::auth_importLoginToken>(r);
            auto it = state_.login_tokens().find(q.token);
            if (it == state_.login_tokens().end()) fail(400, "AUTH_TOKEN_INVALID");
            auto& t = it->second;
            if (t.consumed) fail(400, "AUTH_TOKEN_ALREADY_ACCEPTED");
            if (!t.accepted_user) {
                if (t.expires <= ctx.now) fail(400, "AUTH_TOKEN_EXPIRED");
                out.body = wire::login_token(call.layer, t.expires, t.token);
                return out;
            }
            out.body = login_token_answer(t);
            return out;
        }
        case api::auth_acceptLoginToken::ID: {
            const auto q = api::read<api::auth_acceptLoginToken>(r);
            const auto me = call.require_user();
            auto it = state_.login_tokens().find(q.token);
            if (it == state_.login_tokens().end()) fail(400, "AUTH_TOKEN_INVALID");
            auto& t = it->second;
            if (t.accepted_user) fail(400, "AUTH_TOKEN_ALREADY_ACCEPTED");
            if (t.expires <= ctx.now) fail(400, "AUTH_TOKEN_EXPIRED");
            t.accepted_user = me;
            const auto* target = state_.find_auth_key(t.auth_key_id);  // its own layer
            call.reply.pushes.push_back({t.auth_key_id, wire::update_login_token_push(
                                                            target ? target->layer : 0, ctx.now)});
            AuthorizationRecord rec;
            if (auto* other = state_.find_auth_key(t.auth_key_id)) rec = other->authorization;
            out.body = wire::authorization_item(call.layer, rec, false);
            return out;
        }
        case api::auth_exportAuthorization::ID: {
            const auto dc = api::read<api::auth_exportAuthorization>(r).dc_id;
            const auto me = call.require_user();
            if (dc < 1 || dc > state_.dc_count() || dc == ctx.dc_id) fail(400, "DC_ID_INVALID");
            ExportedAuth e;
            e.user = me;
            e.bytes = random_bytes(32);
            e.target_dc = dc;
            out.body = wire::exported_authorization(call.layer, me.id, e.bytes);
            state_.exported()[e.bytes] = e;
            return out;
        }
        case api::auth_importAuthorization::ID: {
            const auto q = api::read<api::auth_importAuthorization>(r);
            auto it = state_.exported().find(q.bytes);
            if (it == state_.exported().end() || it->second.target_dc != ctx.dc_id) {
                fail(400, "AUTH_BYTES_INVALID");
            }
            if (it->second.user.id != q.id) fail(400, "USER_ID_INVALID");
            const BoundUser u = it->second.user;
            state_.exported().erase(it);
            bind(u);
            out.body = wire::authorization(call.layer, u);
            return out;
        }
        case api::auth_logOut::ID: {
            call.require_user();
            key.user.reset();
            key.password_pending_user.reset();
            dirty_ = true;
            out.body = wire::logged_out(call.layer);
            return out;
        }
        case api::auth_resetAuthorizations::ID: {
            const auto me = call.require_user();
            if (ctx.now - key.authorization.date_created < opt.fresh_reset_seconds) {
                fail(406, "FRESH_RESET_AUTHORISATION_FORBIDDEN");
            }
            state_.unbind_user(me.id, key.id);
            dirty_ = true;
            out.body = wire::bool_value(true, call.layer);
            return out;
        }
        case api::account_getAuthorizations::ID: {
            const auto me = call.require_user();
            std::vector<std::pair<AuthorizationRecord, bool>> list;
            list.emplace_back(key.authorization, true);
            for (const auto& [kid, rec] : state_.auth_keys()) {
                if (kid != key.id && rec.user && rec.user->id == me.id) {
                    list.emplace_back(rec.authorization, false);
                }
            }
            out.body = wire::authorizations(call.layer, list);
            return out;
        }
        case api::account_resetAuthorization::ID: {
            const auto hash = api::read<api::account_resetAuthorization>(r).hash;
            const auto me = call.require_user();
            for (auto& [kid, rec] : state_.auth_keys()) {
                if (kid != key.id && rec.user && rec.user->id == me.id && hash != 0 &&
                    rec.authorization.hash == hash) {
                    state_.find_auth_key(kid)->user.reset();
                    dirty_ = true;
                    out.body = wire::bool_value(true, call.layer);
                    return out;
                }
            }
            fail(400, "HASH_INVALID");
        }
        case api::users_getUsers::ID: {
            const auto q = api::read<api::users_getUsers>(r);
            const auto me = call.require_user();
            std::vector<BoundUser> users;
            for (const auto& input : q.id) {
                if (std::holds_alternative<api::inputUserSelf>(input)) {
                    users.push_back(me);
                } else if (const auto* u = std::get_if<api::inputUser>(&input)) {
                    if (u->user_id == me.id) users.push_back(me);
                } else if (!std::holds_alternative<api::inputUserEmpty>(input)) {
                    fail(400, "INPUT_CONSTRUCTOR_INVALID");
                }
            }
            out.body = wire::users_vector(call.layer, users);
            return out;
        }
        case api::updates_getState::ID:
            call.require_user();
            out.body = wire::updates_state(call.layer, ctx.now);
            return out;
        default: {
            const PostLoginCall post{call.layer, ctx.now, ctx.dc_id,
                                     key.user ? &*key.user : nullptr};
            if (auto a = answer_post_login(post, request)) {
                if (a->error_code != 0) fail(a->error_code, a->error);
                out.body = std::move(a->body);
                return out;
            }
            fail(400, "INPUT_METHOD_INVALID");
        }
    }
}

}  // namespace tgs::testdc
