#include "wire.hpp"

namespace tgs::testdc::wire {

namespace {
Bytes done(tl::Writer& w) {
    return w.take();
}
}  // namespace

Bytes rpc_error(std::int32_t code, const std::string& message) {
    tl::Writer w;
    w.write_uint32(kRpcError);
    w.write_int32(code);
    w.write_string(message);
    return done(w);
}

void write_user(tl::Writer& w, LayerFamily layer, const BoundUser& u, bool self) {
    std::uint32_t flags = 1u << 0 | 1u << 1;  // access_hash, first_name
    if (!u.last_name.empty()) flags |= 1u << 2;
    if (!u.username.empty()) flags |= 1u << 3;
    if (!u.phone.empty()) flags |= 1u << 4;
    if (self) flags |= 1u << 10;
    if (u.bot) flags |= 1u << 14;  // bot + bot_info_version share bit 14
    switch (layer) {
        case LayerFamily::L144:
            w.write_uint32(kUser144);
            w.write_uint32(flags);
            break;
        case LayerFamily::L198:
            w.write_uint32(kUser198);
            w.write_uint32(flags);
            w.write_uint32(0);  // flags2
            break;
        case LayerFamily::L228:
            w.write_uint32(kUser228);
            w.write_uint32(flags);
            w.write_uint32(0);  // flags2
            break;
    }
    w.write_int64(u.id);
    w.write_int64(u.access_hash);
    w.write_string(u.first_name);
    if (!u.last_name.empty()) w.write_string(u.last_name);
    if (!u.username.empty()) w.write_string(u.username);
    if (!u.phone.empty()) w.write_string(u.phone);
    if (u.bot) w.write_int32(1);  // bot_info_version
}

void write_authorization(tl::Writer& w, LayerFamily layer, const BoundUser& u) {
    w.write_uint32(layer == LayerFamily::L144 ? kAuthorization144 : kAuthorization);
    w.write_uint32(0);  // flags: no tmp_sessions, no future_auth_token
    write_user(w, layer, u, true);
}

Bytes sign_up_required() {
    tl::Writer w;
    w.write_uint32(kAuthorizationSignUpRequired);
    w.write_uint32(0);
    return done(w);
}

Bytes sent_code(std::uint32_t type_id, std::size_t code_length, const std::string& phone_code_hash,
                std::optional<std::uint32_t> next_type, std::optional<std::int32_t> timeout) {
    tl::Writer w;
    w.write_uint32(kSentCode);
    std::uint32_t flags = 0;
    if (next_type) flags |= 1u << 1;
    if (timeout) flags |= 1u << 2;
    w.write_uint32(flags);
    w.write_uint32(type_id);
    w.write_int32(static_cast<std::int32_t>(code_length));
    w.write_string(phone_code_hash);
    if (next_type) w.write_uint32(*next_type);
    if (timeout) w.write_int32(*timeout);
    return done(w);
}

Bytes config(LayerFamily layer, const std::vector<DcAddress>& dcs, int this_dc, std::int64_t now) {
    tl::Writer w;
    const bool old = layer == LayerFamily::L144;
    w.write_uint32(old ? kConfig144 : kConfig);
    w.write_uint32(0);  // flags: no optional fields
    w.write_int32(static_cast<std::int32_t>(now));
    w.write_int32(static_cast<std::int32_t>(now + 3600));  // expires
    w.write_bool(true);                                    // test_mode
    w.write_int32(this_dc);
    w.write_vector_header(dcs.size());
    for (const auto& dc : dcs) {
        w.write_uint32(kDcOption);
        w.write_uint32(dc.host.find(':') != std::string::npos ? 1u : 0u);  // ipv6 flag
        w.write_int32(dc.id);
        w.write_string(dc.host);
        w.write_int32(dc.port);
    }
    w.write_string("");           // dc_txt_domain_name
    w.write_int32(200);           // chat_size_max
    w.write_int32(200000);        // megagroup_size_max
    w.write_int32(100);           // forwarded_count_max
    w.write_int32(210000);        // online_update_period_ms
    w.write_int32(5000);          // offline_blur_timeout_ms
    w.write_int32(30000);         // offline_idle_timeout_ms
    w.write_int32(300000);        // online_cloud_timeout_ms
    w.write_int32(30000);         // notify_cloud_delay_ms
    w.write_int32(1500);          // notify_default_delay_ms
    w.write_int32(60000);         // push_chat_period_ms
    w.write_int32(2);             // push_chat_limit
    if (old) w.write_int32(200);  // saved_gifs_limit (144 only)
    w.write_int32(172800);        // edit_time_limit
    w.write_int32(2147483647);    // revoke_time_limit
    w.write_int32(2147483647);    // revoke_pm_time_limit
    w.write_int32(2419200);       // rating_e_decay
    w.write_int32(200);           // stickers_recent_limit
    if (old) w.write_int32(5);    // stickers_faved_limit (144 only)
    w.write_int32(86400);         // channels_read_media_period
    if (old) {
        w.write_int32(5);    // pinned_dialogs_count_max
        w.write_int32(100);  // pinned_infolder_count_max
    }
    w.write_int32(20000);             // call_receive_timeout_ms
    w.write_int32(90000);             // call_ring_timeout_ms
    w.write_int32(30000);             // call_connect_timeout_ms
    w.write_int32(10000);             // call_packet_timeout_ms
    w.write_string("https://t.me/");  // me_url_prefix
    w.write_int32(4096);              // caption_length_max
    w.write_int32(4096);              // message_length_max
    w.write_int32(this_dc);           // webfile_dc_id
    return done(w);
}

Bytes nearest_dc(int this_dc) {
    tl::Writer w;
    w.write_uint32(kNearestDc);
    w.write_string("ZZ");
    w.write_int32(this_dc);
    w.write_int32(this_dc);
    return done(w);
}

Bytes account_password(LayerFamily layer, const PasswordInfo& p, const Bytes& prime, int g) {
    tl::Writer w;
    w.write_uint32(layer == LayerFamily::L144 ? kPassword144 : kPassword);
    std::uint32_t flags = 0;
    if (p.has_password) flags |= 1u << 2;
    if (p.has_password && !p.hint.empty()) flags |= 1u << 3;
    w.write_uint32(flags);
    if (p.has_password) {
        w.write_uint32(kPasswordKdfAlgoModPow);
        w.write_bytes(p.salt1);
        w.write_bytes(p.salt2);
        w.write_int32(g);
        w.write_bytes(prime);
        w.write_bytes(p.srp_B);
        w.write_int64(p.srp_id);
        if (!p.hint.empty()) w.write_string(p.hint);
    }
    // new_algo: what a client would use to set a password (salt1 is extended client-side).
    w.write_uint32(kPasswordKdfAlgoModPow);
    w.write_bytes(p.new_salt1);
    w.write_bytes(p.salt2);
    w.write_int32(g);
    w.write_bytes(prime);
    w.write_uint32(kSecurePasswordKdfAlgoUnknown);
    w.write_bytes(p.secure_random);
    return done(w);
}

Bytes updates_state(std::int64_t now) {
    tl::Writer w;
    w.write_uint32(kUpdatesState);
    w.write_int32(1);  // pts
    w.write_int32(0);  // qts
    w.write_int32(static_cast<std::int32_t>(now));
    w.write_int32(1);  // seq
    w.write_int32(0);  // unread_count
    return done(w);
}

Bytes logged_out() {
    tl::Writer w;
    w.write_uint32(kLoggedOut);
    w.write_uint32(0);
    return done(w);
}

Bytes login_token(std::int64_t expires, const Bytes& token) {
    tl::Writer w;
    w.write_uint32(kLoginToken);
    w.write_int32(static_cast<std::int32_t>(expires));
    w.write_bytes(token);
    return done(w);
}

Bytes login_token_migrate(int dc, const Bytes& token) {
    tl::Writer w;
    w.write_uint32(kLoginTokenMigrateTo);
    w.write_int32(dc);
    w.write_bytes(token);
    return done(w);
}

Bytes login_token_success(LayerFamily layer, const BoundUser& u) {
    tl::Writer w;
    w.write_uint32(kLoginTokenSuccess);
    write_authorization(w, layer, u);
    return done(w);
}

Bytes update_login_token_push(std::int64_t now) {
    tl::Writer w;
    w.write_uint32(kUpdateShort);
    w.write_uint32(kUpdateLoginToken);
    w.write_int32(static_cast<std::int32_t>(now));
    return done(w);
}

namespace {
void write_authorization_item(tl::Writer& w, const AuthorizationRecord& a, bool current) {
    w.write_uint32(kAuthorizationItem);
    w.write_uint32(current ? 1u : 0u);
    w.write_int64(current ? 0 : a.hash);  // Telegram reports hash 0 for the current session
    w.write_string(a.device_model);
    w.write_string(a.platform);
    w.write_string(a.system_version);
    w.write_int32(a.api_id);
    w.write_string(a.app_name);
    w.write_string(a.app_version);
    w.write_int32(static_cast<std::int32_t>(a.date_created));
    w.write_int32(static_cast<std::int32_t>(a.date_active));
    w.write_string(a.ip);
    w.write_string("ZZ");  // country
    w.write_string("");    // region
}
}  // namespace

Bytes authorization_item(const AuthorizationRecord& a, bool current) {
    tl::Writer w;
    write_authorization_item(w, a, current);
    return done(w);
}

Bytes authorizations(const std::vector<std::pair<AuthorizationRecord, bool>>& list) {
    tl::Writer w;
    w.write_uint32(kAccountAuthorizations);
    w.write_int32(180);  // authorization_ttl_days
    w.write_vector_header(list.size());
    for (const auto& [a, current] : list) write_authorization_item(w, a, current);
    return done(w);
}

Bytes exported_authorization(std::int64_t id, const Bytes& bytes) {
    tl::Writer w;
    w.write_uint32(kExportedAuthorization);
    w.write_int64(id);
    w.write_bytes(bytes);
    return done(w);
}

Bytes bool_value(bool v) {
    tl::Writer w;
    w.write_bool(v);
    return done(w);
}

Bytes users_vector(LayerFamily layer, const std::vector<BoundUser>& users) {
    tl::Writer w;
    w.write_vector_header(users.size());
    for (const auto& u : users) write_user(w, layer, u, true);
    return done(w);
}

Bytes pong(std::int64_t msg_id, std::int64_t ping_id) {
    tl::Writer w;
    w.write_uint32(kPong);
    w.write_int64(msg_id);
    w.write_int64(ping_id);
    return done(w);
}

}  // namespace tgs::testdc::wire
