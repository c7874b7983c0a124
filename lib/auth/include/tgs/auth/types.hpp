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
#include "tgs/crypto/random.hpp"
#include "tgs/session/session_data.hpp"
#include "tgs/version.hpp"

namespace tgs::auth {

/// A DC's "host:port": the session layer's type (a session file stores the same pair), so an
/// address read from a file and one from --dc / --server-config compare and convert freely.
using Endpoint = session::Endpoint;

struct ClientConfig {
    std::int32_t api_id = 0;
    std::string api_hash;                   // secret: never logged
    std::map<int, Endpoint> dcs;            // DC id → address (from --dc / --server-config)
    std::vector<std::string> rsa_keys_pem;  // PKCS#1 public keys the server may use
    bool test_servers = false;              // Telegram's test DCs (dc id + 10000 in the handshake)
    bool prefer_ipv6 = false;               // Telegram's IPv6 addresses for DCs not in `dcs`
    std::chrono::milliseconds timeout{15000};
    std::string transport = "intermediate";  // abridged | intermediate | padded | full | obfuscated
    /// Proxy URL for every connection (socks5://, socks5h://, http://, tg://proxy?...,
    /// https://t.me/proxy?...); empty = direct. Secret: may hold a password or MTProxy secret.
    std::string proxy;
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
    /// Facts the user should read (e.g. that a session file's address was not used).
    std::function<void(const std::string&)> on_note;
    /// Where every random value comes from: the SRP secret, a new password's salt, the
    /// handshake's nonces and DH exponent, session ids. Empty = the system CSPRNG; a test passes
    /// a fixed source to replay a login.
    crypto::RandomSource random;
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
    App,
    Sms,
    Call,
    FlashCall,
    MissedCall,
    Email,
    FragmentSms,
    FirebaseSms,  // needs Google Play integrity: a tool falls back with auth.resendCode
    SmsWord,      // the SMS carries a word (type the word)
    SmsPhrase,    // the SMS carries a phrase (type the phrase)
    Other
};

/// Returned by request_login_code; holds what sign_in needs (the phone_code_hash is not secret
/// on its own but is kept opaque).
struct LoginToken {
    std::string phone;
    std::string phone_code_hash;
    CodeDelivery type = CodeDelivery::Other;
    int code_length = 0;
    std::optional<CodeDelivery> next_type;
    std::optional<int> timeout_seconds;
    int dc_id = 0;
    // What the delivery needs the user to know (empty when it does not apply):
    std::string email_pattern;       // email: the masked address the code went to
    std::string missed_call_prefix;  // missed_call: the caller's number starts so; type the
                                     // last code_length digits of it
    std::string flash_call_pattern;  // flash_call: the caller's number matches this pattern
    std::string fragment_url;        // fragment_sms: where to read the code
    std::string word_beginning;      // sms_word / sms_phrase: what the word or phrase starts with
    /// auth.sentCodeTypeSetUpEmailRequired: no code was sent; a login email must be set up
    /// (send_login_email_code, verify_login_email) and the code comes after that.
    bool email_setup_required = false;
    /// email: seconds before auth.resetLoginEmail may be asked (the user lost the mailbox),
    /// or the unix time a requested reset happens.
    std::optional<int> email_reset_available_period;
    std::optional<std::int64_t> email_reset_pending_date;
};

/// Telegram's terms of service, shown before creating an account (auth.signUp).
struct TermsOfService {
    std::string id;  // DataJSON to accept with help.acceptTermsOfService
    std::string text;
    int min_age = 0;
    bool popup = false;  // must be shown and accepted
};

/// account.sendVerifyEmailCode's answer: where the email code went.
struct EmailCodeSent {
    std::string email_pattern;
    int length = 0;
};

/// account.resetPassword: 2FA without a recovery email is removed only after a waiting period.
struct PasswordResetState {
    enum class Kind { Done, Waiting, RetryLater };
    Kind kind = Kind::Waiting;
    std::int64_t date = 0;  // waiting: when it happens; retry_later: when to ask again
};

/// Returned by sign_in when the account has two-step verification. Besides the hint it keeps
/// the SRP parameters of the account.getPassword answer, so check_password can use them while
/// they are fresh (and fetch new ones when not).
struct PasswordToken {
    std::string hint;
    bool has_recovery = false;  // a recovery email is set: request_password_recovery works
    std::optional<std::int64_t> pending_reset_date;  // an account.resetPassword is under way
    // The algorithm a new password must use (account.password.new_algo): salt1 is a prefix the
    // client extends with 32 random bytes.
    Bytes new_salt1, new_salt2, new_p;
    std::int32_t new_g = 0;
    // SRP parameters (passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow).
    Bytes salt1, salt2, p, srp_B;
    std::int32_t g = 0;
    std::int64_t srp_id = 0;
    std::chrono::steady_clock::time_point fetched_at{};
};

/// The answer of an online status check.
enum class AuthState {
    Authorized,
    NoKey,         // the session holds no auth key at all
    Unregistered,  // AUTH_KEY_UNREGISTERED: key known, no account bound (logged out / never)
    Revoked,       // SESSION_REVOKED / SESSION_EXPIRED / USER_DEACTIVATED*
    Duplicated,    // AUTH_KEY_DUPLICATED: the key was used from two places; it is dead
    KeyUnknown,    // the DC does not know the key (transport error -404)
};

struct AuthStatus {
    AuthState state = AuthState::NoKey;
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
        case CodeDelivery::App:
            return "app";
        case CodeDelivery::Sms:
            return "sms";
        case CodeDelivery::Call:
            return "call";
        case CodeDelivery::FlashCall:
            return "flash_call";
        case CodeDelivery::MissedCall:
            return "missed_call";
        case CodeDelivery::Email:
            return "email";
        case CodeDelivery::FragmentSms:
            return "fragment_sms";
        case CodeDelivery::FirebaseSms:
            return "firebase_sms";
        case CodeDelivery::SmsWord:
            return "sms_word";
        case CodeDelivery::SmsPhrase:
            return "sms_phrase";
        case CodeDelivery::Other:
            break;
    }
    return "other";
}

inline std::string to_string(AuthState s) {
    switch (s) {
        case AuthState::Authorized:
            return "authorized";
        case AuthState::NoKey:
            return "no_key";
        case AuthState::Unregistered:
            return "unregistered";
        case AuthState::Revoked:
            return "revoked";
        case AuthState::Duplicated:
            return "duplicated";
        case AuthState::KeyUnknown:
            return "key_unknown";
    }
    return "unknown";
}

}  // namespace tgs::auth
