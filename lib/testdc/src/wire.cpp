#include "wire.hpp"

#include <limits>

#include "tgs/tl/api.hpp"
#include "tgs/tl/l144.hpp"
#include "tgs/tl/l198.hpp"
#include "tgs/tl/mt.hpp"

namespace tgs::testdc::wire {

namespace {

namespace api = tl::api;
namespace l144 = tl::l144;
namespace l198 = tl::l198;

// The constructors that differ between layers, per schema namespace. The field names agree
// across the three schemas, so one template builds each of them.
struct Layer144 {
    using user = l144::user;
    using User = l144::User;
    using auth_authorization = l144::auth_authorization;
    using auth_loginTokenSuccess = l144::auth_loginTokenSuccess;
    using config = l144::config;
    using dcOption = l144::dcOption;
    using account_password = l144::account_password;
    using mod_pow = l144::passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow;
    using secure_unknown = l144::securePasswordKdfAlgoUnknown;
    template <class X>
    static Bytes serialize(const X& x) {
        return l144::serialize(x);
    }
    static Bytes users(const std::vector<User>& v) {
        tl::Writer w;
        l144::write_result<l144::users_getUsers>(w, v);
        return w.take();
    }
};

struct Layer198 {
    using user = l198::user;
    using User = l198::User;
    using auth_authorization = l198::auth_authorization;
    using auth_loginTokenSuccess = l198::auth_loginTokenSuccess;
    using config = l198::config;
    using dcOption = l198::dcOption;
    using account_password = l198::account_password;
    using mod_pow = l198::passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow;
    using secure_unknown = l198::securePasswordKdfAlgoUnknown;
    template <class X>
    static Bytes serialize(const X& x) {
        return l198::serialize(x);
    }
    static Bytes users(const std::vector<User>& v) {
        tl::Writer w;
        l198::write_result<l198::users_getUsers>(w, v);
        return w.take();
    }
};

struct Layer228 {
    using user = api::user;
    using User = api::User;
    using auth_authorization = api::auth_authorization;
    using auth_loginTokenSuccess = api::auth_loginTokenSuccess;
    using config = api::config;
    using dcOption = api::dcOption;
    using account_password = api::account_password;
    using mod_pow = api::passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow;
    using secure_unknown = api::securePasswordKdfAlgoUnknown;
    template <class X>
    static Bytes serialize(const X& x) {
        return api::serialize(x);
    }
    static Bytes users(const std::vector<User>& v) {
        tl::Writer w;
        api::write_result<api::users_getUsers>(w, v);
        return w.take();
    }
};

/// Calls `f(LayerNNN{})` for the layer family's schema.
template <class F>
Bytes in_layer(LayerFamily layer, F&& f) {
    switch (layer) {
        case LayerFamily::L144:
            return f(Layer144{});
        case LayerFamily::L198:
            return f(Layer198{});
        case LayerFamily::L228:
            break;
    }
    return f(Layer228{});
}

template <class L>
typename L::user make_user(const BoundUser& u, bool self) {
    typename L::user x;
    x.self = self;
    x.bot = u.bot;
    x.id = u.id;
    x.access_hash = u.access_hash;  // Telethon needs it on the logged-in user
    x.first_name = u.first_name;
    if (!u.last_name.empty()) x.last_name = u.last_name;
    if (!u.username.empty()) x.username = u.username;
    if (!u.phone.empty()) x.phone = u.phone;
    if (u.bot) x.bot_info_version = 1;
    return x;
}

template <class L>
typename L::auth_authorization make_authorization(const BoundUser& u) {
    typename L::auth_authorization a;  // no tmp_sessions, no future_auth_token
    a.user = make_user<L>(u, true);
    return a;
}

api::authorization make_authorization_item(const AuthorizationRecord& a, bool current) {
    api::authorization x;
    x.current = current;
    x.hash = current ? 0 : a.hash;  // Telegram reports hash 0 for the current session
    x.device_model = a.device_model;
    x.platform = a.platform;
    x.system_version = a.system_version;
    x.api_id = a.api_id;
    x.app_name = a.app_name;
    x.app_version = a.app_version;
    x.date_created = static_cast<std::int32_t>(a.date_created);
    x.date_active = static_cast<std::int32_t>(a.date_active);
    x.ip = a.ip;
    x.country = "ZZ";
    x.region = "";
    return x;
}

}  // namespace

Bytes rpc_error(std::int32_t code, const std::string& message) {
    return tl::mt::serialize(tl::mt::rpc_error{code, message});
}

Bytes pong(std::int64_t msg_id, std::int64_t ping_id) {
    return tl::mt::serialize(tl::mt::pong{msg_id, ping_id});
}

Bytes bool_value(bool v) {
    tl::Writer w;
    api::write_result<api::auth_cancelCode>(w, v);  // any function returning Bool
    return w.take();
}

Bytes authorization(LayerFamily layer, const BoundUser& u) {
    return in_layer(layer, [&]<class L>(L) { return L::serialize(make_authorization<L>(u)); });
}

Bytes sign_up_required() {
    return api::serialize(api::auth_authorizationSignUpRequired{});
}

Bytes sent_code(SentVia via, std::size_t code_length, const std::string& phone_code_hash,
                std::optional<NextVia> next, std::optional<std::int32_t> timeout) {
    const auto length = static_cast<std::int32_t>(code_length);
    api::auth_sentCode x;
    switch (via) {
        case SentVia::App:
            x.type = api::auth_sentCodeTypeApp{length};
            break;
        case SentVia::Sms:
            x.type = api::auth_sentCodeTypeSms{length};
            break;
        case SentVia::Call:
            x.type = api::auth_sentCodeTypeCall{length};
            break;
    }
    x.phone_code_hash = phone_code_hash;
    if (next == NextVia::Sms) x.next_type = api::auth_codeTypeSms{};
    if (next == NextVia::Call) x.next_type = api::auth_codeTypeCall{};
    x.timeout = timeout;
    return api::serialize(x);
}

Bytes config(LayerFamily layer, const std::vector<DcAddress>& dcs, int this_dc, std::int64_t now) {
    return in_layer(layer, [&]<class L>(L) {
        typename L::config c;
        c.date = static_cast<std::int32_t>(now);
        c.expires = static_cast<std::int32_t>(now + 3600);
        c.test_mode = true;
        c.this_dc = this_dc;
        for (const auto& dc : dcs) {
            typename L::dcOption o;
            o.ipv6 = dc.host.find(':') != std::string::npos;
            o.id = dc.id;
            o.ip_address = dc.host;
            o.port = dc.port;
            c.dc_options.push_back(o);
        }
        c.dc_txt_domain_name = "";
        c.chat_size_max = 200;
        c.megagroup_size_max = 200000;
        c.forwarded_count_max = 100;
        c.online_update_period_ms = 210000;
        c.offline_blur_timeout_ms = 5000;
        c.offline_idle_timeout_ms = 30000;
        c.online_cloud_timeout_ms = 300000;
        c.notify_cloud_delay_ms = 30000;
        c.notify_default_delay_ms = 1500;
        c.push_chat_period_ms = 60000;
        c.push_chat_limit = 2;
        c.edit_time_limit = 172800;
        c.revoke_time_limit = std::numeric_limits<std::int32_t>::max();
        c.revoke_pm_time_limit = std::numeric_limits<std::int32_t>::max();
        c.rating_e_decay = 2419200;
        c.stickers_recent_limit = 200;
        c.channels_read_media_period = 86400;
        // Fields layer 144 still had (dropped before 198).
        if constexpr (requires { c.saved_gifs_limit; }) {
            c.saved_gifs_limit = 200;
            c.stickers_faved_limit = 5;
            c.pinned_dialogs_count_max = 5;
            c.pinned_infolder_count_max = 100;
        }
        c.call_receive_timeout_ms = 20000;
        c.call_ring_timeout_ms = 90000;
        c.call_connect_timeout_ms = 30000;
        c.call_packet_timeout_ms = 10000;
        c.me_url_prefix = "https://t.me/";
        c.caption_length_max = 4096;
        c.message_length_max = 4096;
        c.webfile_dc_id = this_dc;
        return L::serialize(c);
    });
}

Bytes nearest_dc(int this_dc) {
    return api::serialize(api::nearestDc{"ZZ", this_dc, this_dc});
}

Bytes account_password(LayerFamily layer, const PasswordInfo& p, const Bytes& prime, int g) {
    return in_layer(layer, [&]<class L>(L) {
        typename L::account_password x;
        if (p.has_password) {
            x.has_password = true;
            x.current_algo = typename L::mod_pow{p.salt1, p.salt2, g, prime};
            x.srp_B = p.srp_B;
            x.srp_id = p.srp_id;
            if (!p.hint.empty()) x.hint = p.hint;
        }
        // new_algo: what a client would use to set a password (salt1 is extended client-side).
        x.new_algo = typename L::mod_pow{p.new_salt1, p.salt2, g, prime};
        x.new_secure_algo = typename L::secure_unknown{};
        x.secure_random = p.secure_random;
        return L::serialize(x);
    });
}

Bytes updates_state(std::int64_t now) {
    api::updates_state s;
    s.pts = 1;
    s.qts = 0;
    s.date = static_cast<std::int32_t>(now);
    s.seq = 1;
    s.unread_count = 0;
    return api::serialize(s);
}

Bytes logged_out() {
    return api::serialize(api::auth_loggedOut{});
}

Bytes login_token(std::int64_t expires, const Bytes& token) {
    return api::serialize(api::auth_loginToken{static_cast<std::int32_t>(expires), token});
}

Bytes login_token_migrate(int dc, const Bytes& token) {
    return api::serialize(api::auth_loginTokenMigrateTo{dc, token});
}

Bytes login_token_success(LayerFamily layer, const BoundUser& u) {
    return in_layer(layer, [&]<class L>(L) {
        typename L::auth_loginTokenSuccess x;
        x.authorization = make_authorization<L>(u);
        return L::serialize(x);
    });
}

Bytes update_login_token_push(std::int64_t now) {
    api::updateShort x;
    x.update = api::updateLoginToken{};
    x.date = static_cast<std::int32_t>(now);
    return api::serialize(x);
}

Bytes authorization_item(const AuthorizationRecord& a, bool current) {
    return api::serialize(make_authorization_item(a, current));
}

Bytes authorizations(const std::vector<std::pair<AuthorizationRecord, bool>>& list) {
    api::account_authorizations x;
    x.authorization_ttl_days = 180;
    for (const auto& [a, current] : list) {
        x.authorizations.push_back(make_authorization_item(a, current));
    }
    return api::serialize(x);
}

Bytes exported_authorization(std::int64_t id, const Bytes& bytes) {
    return api::serialize(api::auth_exportedAuthorization{id, bytes});
}

Bytes users_vector(LayerFamily layer, const std::vector<BoundUser>& users) {
    return in_layer(layer, [&]<class L>(L) {
        std::vector<typename L::User> v;
        v.reserve(users.size());
        for (const auto& u : users) {
            v.emplace_back(std::in_place_type<typename L::user>, make_user<L>(u, true));
        }
        return L::users(v);
    });
}

}  // namespace tgs::testdc::wire
