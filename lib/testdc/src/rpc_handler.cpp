#include "tgs/testdc/rpc_handler.hpp"

#include <cstring>
#include <utility>

#include "tgs/crypto/srp.hpp"
#include "tgs/error.hpp"
#include "tgs/tl/reader.hpp"
#include "wire.hpp"

namespace tgs::testdc {

namespace {

// Request constructor ids (older layers use different ids for a few login calls).
constexpr std::uint32_t kInvokeWithLayer = 0xda9b0d0d;
constexpr std::uint32_t kInitConnection = 0xc1cd5ea9;
constexpr std::uint32_t kInvokeWithoutUpdates = 0xbf9459b7;
constexpr std::uint32_t kInvokeAfterMsg = 0xcb9f372d;
constexpr std::uint32_t kPing = 0x7abe77ec;
constexpr std::uint32_t kPingDelayDisconnect = 0xf3427b8c;
constexpr std::uint32_t kHelpGetConfig = 0xc4f9186b;
constexpr std::uint32_t kHelpGetNearestDc = 0x1fb33026;
constexpr std::uint32_t kHelpAcceptTos = 0xee72f79a;
constexpr std::uint32_t kSendCode = 0xa677244f;
constexpr std::uint32_t kResendCode = 0xcae47523;
constexpr std::uint32_t kResendCode144 = 0x3ef1a9bf;
constexpr std::uint32_t kCancelCode = 0x1f040578;
constexpr std::uint32_t kSignIn = 0x8d52a951;
constexpr std::uint32_t kSignIn144 = 0xbcd51581;
constexpr std::uint32_t kSignUp = 0xaac7b717;
constexpr std::uint32_t kSignUp144 = 0x80eee427;
constexpr std::uint32_t kGetPassword = 0x548a30f5;
constexpr std::uint32_t kCheckPassword = 0xd18b4d16;
constexpr std::uint32_t kInputCheckPasswordSrp = 0xd27ff082;
constexpr std::uint32_t kInputCheckPasswordEmpty = 0x9880f658;
constexpr std::uint32_t kImportBotAuthorization = 0x67a3ff2c;
constexpr std::uint32_t kExportLoginToken = 0xb7e085fe;
constexpr std::uint32_t kImportLoginToken = 0x95ac5ce4;
constexpr std::uint32_t kAcceptLoginToken = 0xe894ad4d;
constexpr std::uint32_t kExportAuthorization = 0xe5bfffcd;
constexpr std::uint32_t kImportAuthorization = 0xa57a7dad;
constexpr std::uint32_t kLogOut = 0x3e72ba19;
constexpr std::uint32_t kResetAuthorizations = 0x9fab0d1a;
constexpr std::uint32_t kGetAuthorizations = 0xe320c158;
constexpr std::uint32_t kResetAuthorization = 0xdf77f3bc;
constexpr std::uint32_t kGetUsers = 0x0d91a548;
constexpr std::uint32_t kGetState = 0xedd4882a;
constexpr std::uint32_t kInputUserSelf = 0xf7c1b13f;
constexpr std::uint32_t kInputUser = 0xf21158c6;
constexpr std::uint32_t kInputUserEmpty = 0xb98886cf;
constexpr std::uint32_t kInputClientProxy = 0x75588b3f;

// An RPC error answer, thrown inside the handler and turned into rpc_error.
struct RpcFail {
    std::int32_t code;
    std::string message;
};

[[noreturn]] void fail(std::int32_t code, std::string message) {
    throw RpcFail{code, std::move(message)};
}

// Skips one JSONValue (initConnection.params); we only need to get past it.
void skip_json_value(tl::Reader& r, int depth = 0) {
    if (depth > 32) fail(400, "INPUT_REQUEST_INVALID");
    switch (r.read_uint32()) {
        case 0x3f6d7b68:
            return;  // jsonNull
        case 0xc7345e6a:
            r.read_bool();
            return;  // jsonBool
        case 0x2be0dfa4:
            r.read_double();
            return;  // jsonNumber
        case 0xb71e767a:
            r.read_string();
            return;         // jsonString
        case 0xf7444763: {  // jsonArray
            auto n = r.read_vector_header();
            for (std::size_t i = 0; i < n; ++i) skip_json_value(r, depth + 1);
            return;
        }
        case 0x99c1d49d: {  // jsonObject
            auto n = r.read_vector_header();
            for (std::size_t i = 0; i < n; ++i) {
                if (r.read_uint32() != 0xc0de1bd9) fail(400, "INPUT_REQUEST_INVALID");
                r.read_string();
                skip_json_value(r, depth + 1);
            }
            return;
        }
        default:
            fail(400, "INPUT_REQUEST_INVALID");
    }
}

BoundUser bound(const UserAccount& u) {
    return {u.id, false, u.phone, u.first_name, u.last_name, u.username, u.access_hash, u.dc};
}
BoundUser bound(const BotAccount& b) {
    return {b.id, true, "", b.first_name, "", b.username, b.access_hash, b.dc};
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
    LayerFamily layer;
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
    Call call{ctx, *key, layer_family(key->layer), {}};
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
    auto authorization = [&](const BoundUser& u) {
        tl::Writer w;
        wire::write_authorization(w, call.layer, u);
        return w.take();
    };
    auto password_of = [&](std::int64_t user_id) -> std::optional<UserAccount> {
        auto acc = accounts_.find_user_by_id(user_id);
        if (acc && acc->password) return acc;
        return std::nullopt;
    };
    // A user who passed the code/QR step: 2FA next, or logged in.
    auto finish_login = [&](const BoundUser& u) -> Bytes {
        if (!u.bot && password_of(u.id)) {
            key.password_pending_user = u.id;
            fail(401, "SESSION_PASSWORD_NEEDED");
        }
        bind(u);
        return authorization(u);
    };
    auto check_api = [&](std::int32_t api_id, const std::string& api_hash) {
        if (api_id <= 0 || api_hash.empty()) fail(400, "API_ID_INVALID");
    };

    const std::uint32_t id = r.read_uint32();
    switch (id) {
        case kInvokeWithLayer: {
            const auto layer = r.read_int32();
            if (key.layer != layer) {
                key.layer = layer;
                dirty_ = true;
            }
            call.layer = layer_family(layer);
            return dispatch(call, r.read_rest());
        }
        case kInitConnection: {
            const auto flags = r.read_uint32();
            auto& a = key.authorization;
            a.api_id = r.read_int32();
            a.device_model = r.read_string();
            a.system_version = r.read_string();
            a.app_version = r.read_string();
            r.read_string();  // system_lang_code
            r.read_string();  // lang_pack
            r.read_string();  // lang_code
            if (flags & 1u) {
                if (r.read_uint32() != kInputClientProxy) fail(400, "INPUT_REQUEST_INVALID");
                r.read_string();
                r.read_int32();
            }
            if (flags & 2u) skip_json_value(r);
            a.app_name = "api_id " + std::to_string(a.api_id);
            a.platform = a.system_version.substr(0, a.system_version.find(' '));
            a.ip = ctx.client_ip;
            a.date_active = ctx.now;
            dirty_ = true;
            return dispatch(call, r.read_rest());
        }
        case kInvokeWithoutUpdates:
            return dispatch(call, r.read_rest());
        case kInvokeAfterMsg:
            r.read_int64();
            return dispatch(call, r.read_rest());
        case kPing:
        case kPingDelayDisconnect: {
            call.reply.plain = true;
            out.body = wire::pong(ctx.msg_id, r.read_int64());
            return out;
        }
        case kHelpGetConfig:
            out.body = wire::config(call.layer, opt.dcs, ctx.dc_id, ctx.now);
            return out;
        case kHelpGetNearestDc:
            out.body = wire::nearest_dc(ctx.dc_id);
            return out;
        case kHelpAcceptTos:
            out.body = wire::bool_value(true);
            return out;

        case kSendCode: {
            const auto phone = Accounts::normalize_phone(r.read_string());
            const auto api_id = r.read_int32();
            const auto api_hash = r.read_string();
            // settings:CodeSettings (last field; layout differs by layer and is not needed)
            if (phone.empty()) fail(400, "PHONE_NUMBER_INVALID");
            check_api(api_id, api_hash);
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
            out.body = wire::sent_code(elsewhere ? wire::kSentCodeTypeApp : wire::kSentCodeTypeSms,
                                       pc.code.size(), pc.phone_code_hash,
                                       elsewhere ? wire::kCodeTypeSms : wire::kCodeTypeCall,
                                       static_cast<std::int32_t>(opt.resend_timeout_seconds));
            state_.pending_codes()[pc.phone_code_hash] = std::move(pc);
            return out;
        }
        case kResendCode:
        case kResendCode144: {
            const auto flags = id == kResendCode ? r.read_uint32() : 0u;
            const auto phone = Accounts::normalize_phone(r.read_string());
            const auto hash = r.read_string();
            if (flags & 1u) r.read_string();  // reason
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
                out.body = wire::sent_code(wire::kSentCodeTypeSms, pc.code.size(), hash,
                                           wire::kCodeTypeCall,
                                           static_cast<std::int32_t>(opt.resend_timeout_seconds));
            } else {
                out.body = wire::sent_code(wire::kSentCodeTypeCall, pc.code.size(), hash,
                                           std::nullopt, std::nullopt);
            }
            return out;
        }
        case kCancelCode: {
            const auto phone = Accounts::normalize_phone(r.read_string());
            const auto hash = r.read_string();
            if (phone.empty()) fail(400, "PHONE_NUMBER_INVALID");
            auto it = state_.pending_codes().find(hash);
            const bool found = it != state_.pending_codes().end() && it->second.phone == phone;
            if (found) state_.pending_codes().erase(it);
            out.body = wire::bool_value(found);
            return out;
        }
        case kSignIn:
        case kSignIn144: {
            std::uint32_t flags = 1;
            if (id == kSignIn) flags = r.read_uint32();
            const auto phone = Accounts::normalize_phone(r.read_string());
            const auto hash = r.read_string();
            std::string code;
            if (flags & 1u) code = r.read_string();
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
            if (!user) {
                out.body = wire::sign_up_required();  // the code stays valid for signUp
                return out;
            }
            if (user->dc != ctx.dc_id) fail(303, "PHONE_MIGRATE_" + std::to_string(user->dc));
            state_.pending_codes().erase(it);
            out.body = finish_login(bound(*user));
            return out;
        }
        case kSignUp:
        case kSignUp144:
            // Telegram lets only its official apps create accounts.
            fail(400, "PHONE_NUMBER_APP_SIGNUP_FORBIDDEN");

        case kGetPassword: {
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
        case kCheckPassword: {
            const auto ctor = r.read_uint32();
            if (ctor == kInputCheckPasswordEmpty) fail(400, "PASSWORD_HASH_INVALID");
            if (ctor != kInputCheckPasswordSrp) fail(400, "INPUT_REQUEST_INVALID");
            const auto srp_id = r.read_int64();
            const auto A = r.read_bytes();
            const auto M1 = r.read_bytes();
            auto it = state_.srp_sessions().find(srp_id);
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
                                              A, M1)) {
                fail(400, "PASSWORD_HASH_INVALID");
            }
            state_.srp_sessions().erase(srp_id);
            const auto u = bound(*acc);
            bind(u);
            out.body = authorization(u);
            return out;
        }
        case kImportBotAuthorization: {
            r.read_int32();  // flags (plain int)
            const auto api_id = r.read_int32();
            const auto api_hash = r.read_string();
            const auto token = r.read_string();
            check_api(api_id, api_hash);
            auto bot = accounts_.find_bot_by_token(token);
            if (!bot) fail(400, "ACCESS_TOKEN_INVALID");
            if (bot->dc != ctx.dc_id) fail(303, "USER_MIGRATE_" + std::to_string(bot->dc));
            const auto u = bound(*bot);
            bind(u);
            out.body = authorization(u);
            return out;
        }

        case kExportLoginToken: {
            const auto api_id = r.read_int32();
            const auto api_hash = r.read_string();
            const auto n = r.read_vector_header();
            for (std::size_t i = 0; i < n; ++i) r.read_int64();  // except_ids
            check_api(api_id, api_hash);
            auto& tokens = state_.login_tokens();
            for (auto it = tokens.begin(); it != tokens.end(); ++it) {
                auto& t = it->second;
                if (t.auth_key_id != key.id || !t.accepted_user || t.consumed) continue;
                const BoundUser u = *t.accepted_user;
                if (u.dc != ctx.dc_id) {
                    out.body = wire::login_token_migrate(u.dc, t.token);
                    return out;
                }
                t.consumed = true;
                tl::Writer w;
                w.write_uint32(wire::kLoginTokenSuccess);
                const Bytes auth = finish_login(u);
                w.write_raw(auth);
                out.body = w.take();
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
            out.body = wire::login_token(t.expires, t.token);
            tokens[t.token] = t;
            return out;
        }
        case kImportLoginToken: {
            const auto token = r.read_bytes();
            auto it = state_.login_tokens().find(token);
            if (it == state_.login_tokens().end()) fail(400, "AUTH_TOKEN_INVALID");
            auto& t = it->second;
            if (t.consumed) fail(400, "AUTH_TOKEN_ALREADY_ACCEPTED");
            if (!t.accepted_user) {
                if (t.expires <= ctx.now) fail(400, "AUTH_TOKEN_EXPIRED");
                out.body = wire::login_token(t.expires, t.token);
                return out;
            }
            const BoundUser u = *t.accepted_user;
            if (u.dc != ctx.dc_id) {
                out.body = wire::login_token_migrate(u.dc, t.token);
                return out;
            }
            t.consumed = true;
            tl::Writer w;
            w.write_uint32(wire::kLoginTokenSuccess);
            const Bytes auth = finish_login(u);
            w.write_raw(auth);
            out.body = w.take();
            return out;
        }
        case kAcceptLoginToken: {
            const auto token = r.read_bytes();
            const auto me = call.require_user();
            auto it = state_.login_tokens().find(token);
            if (it == state_.login_tokens().end()) fail(400, "AUTH_TOKEN_INVALID");
            auto& t = it->second;
            if (t.accepted_user) fail(400, "AUTH_TOKEN_ALREADY_ACCEPTED");
            if (t.expires <= ctx.now) fail(400, "AUTH_TOKEN_EXPIRED");
            t.accepted_user = me;
            call.reply.pushes.push_back({t.auth_key_id, wire::update_login_token_push(ctx.now)});
            AuthorizationRecord rec;
            if (auto* other = state_.find_auth_key(t.auth_key_id)) rec = other->authorization;
            out.body = wire::authorization_item(rec, false);
            return out;
        }
        case kExportAuthorization: {
            const auto dc = r.read_int32();
            const auto me = call.require_user();
            if (dc < 1 || dc > state_.dc_count() || dc == ctx.dc_id) fail(400, "DC_ID_INVALID");
            ExportedAuth e;
            e.user = me;
            e.bytes = random_bytes(32);
            e.target_dc = dc;
            out.body = wire::exported_authorization(me.id, e.bytes);
            state_.exported()[e.bytes] = e;
            return out;
        }
        case kImportAuthorization: {
            const auto uid = r.read_int64();
            const auto bytes = r.read_bytes();
            auto it = state_.exported().find(bytes);
            if (it == state_.exported().end() || it->second.target_dc != ctx.dc_id) {
                fail(400, "AUTH_BYTES_INVALID");
            }
            if (it->second.user.id != uid) fail(400, "USER_ID_INVALID");
            const BoundUser u = it->second.user;
            state_.exported().erase(it);
            bind(u);
            out.body = authorization(u);
            return out;
        }
        case kLogOut: {
            call.require_user();
            key.user.reset();
            key.password_pending_user.reset();
            dirty_ = true;
            out.body = wire::logged_out();
            return out;
        }
        case kResetAuthorizations: {
            const auto me = call.require_user();
            if (ctx.now - key.authorization.date_created < opt.fresh_reset_seconds) {
                fail(406, "FRESH_RESET_AUTHORISATION_FORBIDDEN");
            }
            state_.unbind_user(me.id, key.id);
            dirty_ = true;
            out.body = wire::bool_value(true);
            return out;
        }
        case kGetAuthorizations: {
            const auto me = call.require_user();
            std::vector<std::pair<AuthorizationRecord, bool>> list;
            list.emplace_back(key.authorization, true);
            for (const auto& [kid, rec] : state_.auth_keys()) {
                if (kid != key.id && rec.user && rec.user->id == me.id) {
                    list.emplace_back(rec.authorization, false);
                }
            }
            out.body = wire::authorizations(list);
            return out;
        }
        case kResetAuthorization: {
            const auto hash = r.read_int64();
            const auto me = call.require_user();
            for (auto& [kid, rec] : state_.auth_keys()) {
                if (kid != key.id && rec.user && rec.user->id == me.id && hash != 0 &&
                    rec.authorization.hash == hash) {
                    state_.find_auth_key(kid)->user.reset();
                    dirty_ = true;
                    out.body = wire::bool_value(true);
                    return out;
                }
            }
            fail(400, "HASH_INVALID");
        }
        case kGetUsers: {
            const auto n = r.read_vector_header();
            const auto me = call.require_user();
            std::vector<BoundUser> users;
            for (std::size_t i = 0; i < n; ++i) {
                const auto ctor = r.read_uint32();
                if (ctor == kInputUserSelf) {
                    users.push_back(me);
                } else if (ctor == kInputUser) {
                    const auto uid = r.read_int64();
                    r.read_int64();
                    if (uid == me.id) users.push_back(me);
                } else if (ctor != kInputUserEmpty) {
                    fail(400, "INPUT_CONSTRUCTOR_INVALID");
                }
            }
            out.body = wire::users_vector(call.layer, users);
            return out;
        }
        case kGetState:
            call.require_user();
            out.body = wire::updates_state(ctx.now);
            return out;
        default:
            fail(400, "INPUT_METHOD_INVALID");
    }
}

}  // namespace tgs::testdc
