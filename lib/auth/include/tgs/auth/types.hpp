// Values exchanged through the login API. Secrets (api hash, codes, passwords, tokens) are
// passed by the caller and never stored here beyond the call that needs them.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tgs/bytes.hpp"
#include "tgs/version.hpp"

namespace tgs::session {
struct SessionData;
}

namespace tgs::auth {

struct Endpoint {
    std::string host;
    int port = 443;
};

struct ClientConfig {
    std::int32_t api_id = 0;
    std::string api_hash;                   // secret: never logged
    std::map<int, Endpoint> dcs;            // DC id → address (from --dc / --server-config)
    std::vector<std::string> rsa_keys_pem;  // PKCS#1 public keys the server may use
    bool test_servers = false;              // Telegram's test DCs (dc id + 10000 in the handshake)
    bool prefer_ipv6 = false;               // Telegram's IPv6 addresses for DCs not in `dcs`
    std::chrono::milliseconds timeout{15000};
    std::string transport = "intermediate";  // abridged | intermediate | padded | full | obfuscated
    // initConnection fields
    std::string device_model = "tgsession";
    std::string system_version = "Linux";
    std::string app_version = TGS_VERSION;
    std::string lang_code = "en";
    /// A server salt known to be valid for the session's stored key (e.g. cached from an earlier
    /// run). Session files don't keep salts; without one, the first request on a stored key
    /// costs an extra round trip (bad_server_salt, then the resend).
    std::optional<std::int64_t> server_salt;
    /// Called with short status lines ("connecting to DC 2", "creating auth key") for a spinner.
    std::function<void(const std::string&)> on_progress;
};

struct User {
    std::int64_t id = 0;
    std::int64_t access_hash = 0;
    std::string first_name;
    std::string last_name;
    std::string username;
    std::string phone;
    bool bot = false;
    int dc_id = 0;  // home DC, as far as the client knows
};

enum class CodeDelivery {
    app,
    sms,
    call,
    flash_call,
    missed_call,
    email,
    fragment_sms,
    firebase_sms,
    other
};

/// Returned by request_login_code; holds what sign_in needs (the phone_code_hash is not secret
/// on its own but is kept opaque).
struct LoginToken {
    std::string phone;
    std::string phone_code_hash;
    CodeDelivery type = CodeDelivery::other;
    int code_length = 0;
    std::optional<CodeDelivery> next_type;
    std::optional<int> timeout_seconds;
    int dc_id = 0;
};

/// Returned by sign_in when the account has two-step verification. Besides the hint it keeps
/// the SRP parameters of the account.getPassword answer, so check_password can use them while
/// they are fresh (and fetch new ones when not).
struct PasswordToken {
    std::string hint;
    bool has_recovery = false;
    // SRP parameters (passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow).
    Bytes salt1, salt2, p, srp_B;
    std::int32_t g = 0;
    std::int64_t srp_id = 0;
    std::chrono::steady_clock::time_point fetched_at{};
};

/// The answer of an online status check.
enum class AuthState {
    authorized,
    no_key,        // the session holds no auth key at all
    unregistered,  // AUTH_KEY_UNREGISTERED: key known, no account bound (logged out / never)
    revoked,       // SESSION_REVOKED / SESSION_EXPIRED / USER_DEACTIVATED*
    duplicated,    // AUTH_KEY_DUPLICATED: the key was used from two places; it is dead
    key_unknown,   // the DC does not know the key (transport error -404)
};

struct AuthStatus {
    AuthState state = AuthState::no_key;
    std::optional<User> user;  // when authorized
    std::string server_error;  // the RPC error name behind a negative answer, if any
};

struct AuthorizationInfo {
    std::int64_t hash = 0;
    bool current = false;
    std::string device_model, platform, system_version, app_name, app_version, ip, country;
    std::int32_t api_id = 0;
    std::int64_t date_created = 0, date_active = 0;
};

// Inline so header-only users (the CLI core) need not link tgs_auth.
inline std::string to_string(CodeDelivery d) {
    switch (d) {
        case CodeDelivery::app:
            return "app";
        case CodeDelivery::sms:
            return "sms";
        case CodeDelivery::call:
            return "call";
        case CodeDelivery::flash_call:
            return "flash_call";
        case CodeDelivery::missed_call:
            return "missed_call";
        case CodeDelivery::email:
            return "email";
        case CodeDelivery::fragment_sms:
            return "fragment_sms";
        case CodeDelivery::firebase_sms:
            return "firebase_sms";
        case CodeDelivery::other:
            break;
    }
    return "other";
}

inline std::string to_string(AuthState s) {
    switch (s) {
        case AuthState::authorized:
            return "authorized";
        case AuthState::no_key:
            return "no_key";
        case AuthState::unregistered:
            return "unregistered";
        case AuthState::revoked:
            return "revoked";
        case AuthState::duplicated:
            return "duplicated";
        case AuthState::key_unknown:
            return "key_unknown";
    }
    return "unknown";
}

}  // namespace tgs::auth
