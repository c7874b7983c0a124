#include "wire.hpp"

#include <limits>

#include "tgs/tl/layered.hpp"
#include "tgs/tl/mt.hpp"

namespace tgs::testdc::wire {

namespace {

using tl::layered::encode;
using tl::layered::list;
using tl::layered::obj;
using tl::layered::ObjPtr;
using tl::layered::Value;

std::int64_t i64(std::int64_t v) {
    return v;
}

std::shared_ptr<tl::layered::Obj> make_user(const BoundUser& u, bool self) {
    auto x = obj("user", {{"self", self},
                          {"bot", u.bot},
                          {"id", u.id},
                          {"access_hash", u.access_hash},  // Telethon needs it on the self user
                          {"first_name", u.first_name}});
    auto& f = x->fields;
    if (!u.last_name.empty()) f["last_name"] = u.last_name;
    if (!u.username.empty()) f["username"] = u.username;
    if (!u.phone.empty()) f["phone"] = u.phone;
    if (u.bot) f["bot_info_version"] = i64(1);
    return x;
}

ObjPtr make_authorization_item(const AuthorizationRecord& a, bool current) {
    return obj("authorization",
               {{"current", current},
                {"hash", current ? 0 : a.hash},  // Telegram reports hash 0 for this session
                {"device_model", a.device_model},
                {"platform", a.platform},
                {"system_version", a.system_version},
                {"api_id", i64(a.api_id)},
                {"app_name", a.app_name},
                {"app_version", a.app_version},
                {"date_created", i64(a.date_created)},
                {"date_active", i64(a.date_active)},
                {"ip", a.ip},
                {"country", "ZZ"},
                {"region", ""}});
}

ObjPtr code_type(SentVia via, std::int64_t length) {
    switch (via) {
        case SentVia::App:
            return obj("auth.sentCodeTypeApp", {{"length", length}});
        case SentVia::Sms:
            return obj("auth.sentCodeTypeSms", {{"length", length}});
        case SentVia::Call:
            break;
    }
    return obj("auth.sentCodeTypeCall", {{"length", length}});
}

ObjPtr modpow_algo(const Bytes& salt1, const Bytes& salt2, int g, const Bytes& prime) {
    return obj("passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow",
               {{"salt1", Value(salt1)}, {"salt2", Value(salt2)}, {"g", g}, {"p", Value(prime)}});
}

}  // namespace

tl::layered::ObjPtr user_object(const BoundUser& u, bool self) {
    return make_user(u, self);
}

Bytes rpc_error(std::int32_t code, const std::string& message) {
    return tl::mt::serialize(tl::mt::rpc_error{code, message});
}

Bytes pong(std::int64_t msg_id, std::int64_t ping_id) {
    return tl::mt::serialize(tl::mt::pong{msg_id, ping_id});
}

Bytes bool_value(bool v, int layer) {
    return encode(*obj(v ? "boolTrue" : "boolFalse"), layer);
}

Bytes authorization(int layer, const BoundUser& u) {
    // No tmp_sessions, no future_auth_token.
    return encode(*obj("auth.authorization", {{"user", make_user(u, true)}}), layer);
}

ObjPtr authorization_object(const BoundUser& u, const Bytes& future_auth_token) {
    return obj("auth.authorization",
               {{"user", make_user(u, true)}, {"future_auth_token", Value(future_auth_token)}});
}

Bytes authorization(int layer, const BoundUser& u, const Bytes& future_auth_token) {
    return encode(*authorization_object(u, future_auth_token), layer);
}

Bytes sign_up_required(int layer) {
    return encode(*obj("auth.authorizationSignUpRequired"), layer);
}

Bytes sent_code(int layer, SentVia via, std::size_t code_length, const std::string& phone_code_hash,
                std::optional<NextVia> next, std::optional<std::int32_t> timeout) {
    auto x = obj("auth.sentCode", {{"type", code_type(via, static_cast<std::int64_t>(code_length))},
                                   {"phone_code_hash", phone_code_hash}});
    auto& f = x->fields;
    if (next == NextVia::Sms) f["next_type"] = obj("auth.codeTypeSms");
    if (next == NextVia::Call) f["next_type"] = obj("auth.codeTypeCall");
    if (timeout) f["timeout"] = i64(*timeout);
    return encode(*x, layer);
}

Bytes config(int layer, const std::vector<DcAddress>& dcs, int this_dc, std::int64_t now) {
    std::vector<Value> options;
    for (const auto& dc : dcs) {
        options.emplace_back(obj("dcOption", {{"ipv6", dc.host.find(':') != std::string::npos},
                                              {"id", static_cast<int>(dc.id)},
                                              {"ip_address", dc.host},
                                              {"port", static_cast<int>(dc.port)}}));
    }
    const std::int64_t forever = std::numeric_limits<std::int32_t>::max();
    // Every field some layer requires; each layer takes the ones it has.
    return encode(*obj("config", {{"date", now},
                                  {"expires", now + 3600},
                                  {"test_mode", true},
                                  {"this_dc", this_dc},
                                  {"dc_options", list(std::move(options))},
                                  {"dc_txt_domain_name", ""},
                                  {"chat_size_max", 200},
                                  {"megagroup_size_max", 200000},
                                  {"forwarded_count_max", 100},
                                  {"online_update_period_ms", 210000},
                                  {"offline_blur_timeout_ms", 5000},
                                  {"offline_idle_timeout_ms", 30000},
                                  {"online_cloud_timeout_ms", 300000},
                                  {"notify_cloud_delay_ms", 30000},
                                  {"notify_default_delay_ms", 1500},
                                  {"push_chat_period_ms", 60000},
                                  {"push_chat_limit", 2},
                                  {"saved_gifs_limit", 200},
                                  {"edit_time_limit", 172800},
                                  {"revoke_time_limit", forever},
                                  {"revoke_pm_time_limit", forever},
                                  {"rating_e_decay", 2419200},
                                  {"stickers_recent_limit", 200},
                                  {"stickers_faved_limit", 5},
                                  {"channels_read_media_period", 86400},
                                  {"pinned_dialogs_count_max", 5},
                                  {"pinned_infolder_count_max", 100},
                                  {"call_receive_timeout_ms", 20000},
                                  {"call_ring_timeout_ms", 90000},
                                  {"call_connect_timeout_ms", 30000},
                                  {"call_packet_timeout_ms", 10000},
                                  {"me_url_prefix", "https://t.me/"},
                                  {"caption_length_max", 4096},
                                  {"message_length_max", 4096},
                                  {"webfile_dc_id", this_dc}}),
                  layer);
}

Bytes nearest_dc(int layer, int this_dc) {
    return encode(
        *obj("nearestDc", {{"country", "ZZ"}, {"this_dc", this_dc}, {"nearest_dc", this_dc}}),
        layer);
}

Bytes account_password(int layer, const PasswordInfo& p, const Bytes& prime, int g) {
    auto x = obj("account.password",
                 {// new_algo: what a client would use to set a password (salt1 is extended
                  // client-side).
                  {"new_algo", modpow_algo(p.new_salt1, p.salt2, g, prime)},
                  {"new_secure_algo", obj("securePasswordKdfAlgoUnknown")},
                  {"secure_random", Value(p.secure_random)}});
    if (p.has_password) {
        auto& f = x->fields;
        f["has_password"] = true;
        f["current_algo"] = modpow_algo(p.salt1, p.salt2, g, prime);
        f["srp_B"] = p.srp_B;
        f["srp_id"] = p.srp_id;
        if (!p.hint.empty()) f["hint"] = p.hint;
    }
    return encode(*x, layer);
}

Bytes updates_state(int layer, std::int64_t now) {
    return encode(*obj("updates.state",
                       {{"pts", 1}, {"qts", 0}, {"date", now}, {"seq", 1}, {"unread_count", 0}}),
                  layer);
}

Bytes logged_out(int layer) {
    if (!tl::layered::version_at("auth.loggedOut", layer)) return bool_value(true, layer);
    return encode(*obj("auth.loggedOut"), layer);
}

Bytes logged_out(int layer, const Bytes& future_auth_token) {
    if (!tl::layered::version_at("auth.loggedOut", layer)) return bool_value(true, layer);
    return encode(*obj("auth.loggedOut", {{"future_auth_token", Value(future_auth_token)}}), layer);
}

Bytes login_token(int layer, std::int64_t expires, const Bytes& token) {
    return encode(*obj("auth.loginToken", {{"expires", expires}, {"token", Value(token)}}), layer);
}

Bytes login_token_migrate(int layer, int dc, const Bytes& token) {
    return encode(*obj("auth.loginTokenMigrateTo", {{"dc_id", dc}, {"token", Value(token)}}),
                  layer);
}

Bytes login_token_success(int layer, const BoundUser& u) {
    auto auth = obj("auth.authorization", {{"user", make_user(u, true)}});
    return encode(*obj("auth.loginTokenSuccess", {{"authorization", auth}}), layer);
}

Bytes update_login_token_push(int layer, std::int64_t now) {
    return encode(*obj("updateShort", {{"update", obj("updateLoginToken")}, {"date", now}}), layer);
}

Bytes authorization_item(int layer, const AuthorizationRecord& a, bool current) {
    return encode(*make_authorization_item(a, current), layer);
}

Bytes authorizations(int layer, const std::vector<std::pair<AuthorizationRecord, bool>>& list_) {
    std::vector<Value> items;
    for (const auto& [a, current] : list_) items.emplace_back(make_authorization_item(a, current));
    return encode(*obj("account.authorizations", {{"authorization_ttl_days", 180},
                                                  {"authorizations", list(std::move(items))}}),
                  layer);
}

Bytes exported_authorization(int layer, std::int64_t id, const Bytes& bytes) {
    return encode(*obj("auth.exportedAuthorization", {{"id", id}, {"bytes", Value(bytes)}}), layer);
}

Bytes users_vector(int layer, const std::vector<BoundUser>& users) {
    std::vector<ObjPtr> v;
    v.reserve(users.size());
    for (const auto& u : users) v.push_back(make_user(u, true));
    return tl::layered::encode_vector(v, layer);
}

}  // namespace tgs::testdc::wire
