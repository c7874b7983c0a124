// The format-independent session model every store reads into and writes from. The auth layer
// fills it in after a login and hands it to a store; a store never invents values it lacks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tgs/session/secure_key.hpp"

namespace tgs::session {

/// The logged-in account, as far as the source format knew it.
struct SelfUser {
    std::int64_t id = 0;
    std::optional<std::int64_t> access_hash;  // Telethon v2 and strings don't carry it
    std::string username;                     // without '@'; stores lowercase it like Telethon
    std::string phone;                        // digits only, no '+'
    std::string first_name;
    std::string last_name;
    std::optional<bool> bot;  // Telethon v1 doesn't know
    friend bool operator==(const SelfUser&, const SelfUser&) = default;
};

struct ChannelPts {
    std::int64_t channel_id = 0;  // bare channel id (Telethon stores it unmarked in update_state)
    std::int32_t pts = 0;
    friend bool operator==(const ChannelPts&, const ChannelPts&) = default;
};

/// updates.State of the account plus per-channel pts.
struct UpdateState {
    std::int32_t pts = 0;
    std::int32_t qts = 0;
    std::int64_t date = 0;  // unix seconds
    std::int32_t seq = 0;
    std::vector<ChannelPts> channels;
    friend bool operator==(const UpdateState&, const UpdateState&) = default;
};

/// An "ip:port" endpoint. IPv6 hosts are kept without brackets, as Telethon v2 writes them.
struct Endpoint {
    std::string host;
    int port = 443;
    friend bool operator==(const Endpoint&, const Endpoint&) = default;
};

/// Another DC the session knows (Telethon v2 `datacenter` rows besides the home DC).
struct DcEntry {
    int dc_id = 0;
    std::optional<Endpoint> ipv4;
    std::optional<Endpoint> ipv6;
    std::optional<AuthKeyBytes> auth_key;
    friend bool operator==(const DcEntry&, const DcEntry&) = default;
};

struct SessionData {
    int dc_id = 0;               // home DC; 0 = not chosen yet (fresh Telethon v1 file)
    std::string server_address;  // IPv4 or IPv6 text, never a port
    int port = 0;
    std::optional<AuthKeyBytes> auth_key;  // the home DC's key
    std::optional<std::int64_t> takeout_id;
    std::optional<SelfUser> user;
    std::optional<UpdateState> state;
    std::optional<std::int32_t> api_id;  // Pyrogram records it
    bool test_mode = false;              // Telegram's test DCs (Pyrogram records it)
    std::vector<DcEntry> other_dcs;      // never contains dc_id itself

    bool has_key() const { return auth_key.has_value(); }
    friend bool operator==(const SessionData&, const SessionData&) = default;
};

/// Telegram's published address of a DC (port 443), for formats that store only the DC id and
/// for connecting when nothing else names the DC. Throws SESSION_UNKNOWN_DC for unknown ids.
Endpoint default_endpoint(int dc_id, bool test_mode, bool ipv6 = false);

/// True when `host` is one of Telegram's own DC addresses (any DC, production or test). An
/// address read from a session file is connected to only when this holds (or the user named it).
bool is_known_dc_host(std::string_view host);

}  // namespace tgs::session
