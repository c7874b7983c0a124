// A tdata account as the format-independent session, and back.
#include <string>

#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"
#include "tgs/session/tdata.hpp"

namespace tgs::session::tdata {
namespace {

/// The address the app would use for `dc`: a plain (not media, CDN or TCPO-only) option.
std::optional<Endpoint> config_endpoint(const std::optional<MtpConfig>& config, int dc, bool v6) {
    if (!config) return std::nullopt;
    constexpr auto kSpecial = kFlagMediaOnly | kFlagCdn | kFlagTcpoOnly;
    for (const auto& o : config->dc_options) {
        if (o.dc_id == dc && (o.flags & kSpecial) == 0 && ((o.flags & kFlagIpv6) != 0) == v6) {
            return Endpoint{o.ip, o.port};
        }
    }
    return std::nullopt;
}

}  // namespace

SessionData to_session(const Account& a) {
    SessionData d;
    d.dc_id = a.main_dc;
    d.test_mode = a.config && a.config->test_environment;
    for (const auto& k : a.keys) {
        if (k.dc_id == a.main_dc) {
            d.auth_key = k.key;
        } else {
            DcEntry e;
            e.dc_id = k.dc_id;
            e.ipv4 = config_endpoint(a.config, k.dc_id, false);
            e.ipv6 = config_endpoint(a.config, k.dc_id, true);
            e.auth_key = k.key;
            d.other_dcs.push_back(std::move(e));
        }
    }
    if (!d.auth_key) {
        throw tgs::Error(std::string(errc::no_auth_key),
                         "tdata account " + std::to_string(a.index) +
                             " has no auth key for its "
                             "main DC " +
                             std::to_string(a.main_dc) + " (logged out?)");
    }
    const auto ep = config_endpoint(a.config, a.main_dc, false);
    const auto addr = ep ? *ep : default_endpoint(a.main_dc, d.test_mode);
    d.server_address = addr.host;
    d.port = addr.port;
    if (a.user_id != 0) {
        SelfUser u;
        u.id = static_cast<std::int64_t>(a.user_id);
        d.user = u;
    }
    return d;
}

Account from_session(const SessionData& d, int index, std::optional<MtpConfig> config) {
    if (!d.auth_key) {
        throw tgs::Error(std::string(errc::no_auth_key), "the session has no auth key");
    }
    if (!d.user || d.user->id <= 0) {
        throw tgs::Error(std::string(errc::tdata_no_user),
                         "Telegram Desktop needs the account's user id, which this session "
                         "does not record (session strings don't); convert a .session file "
                         "written by `tgsession login` instead");
    }
    Account a;
    a.index = index;
    a.user_id = static_cast<std::uint64_t>(d.user->id);
    a.main_dc = d.dc_id;
    a.keys.push_back({d.dc_id, *d.auth_key});
    for (const auto& e : d.other_dcs) {
        if (e.auth_key) a.keys.push_back({e.dc_id, *e.auth_key});
    }
    a.config = std::move(config);
    return a;
}

}  // namespace tgs::session::tdata
