// Everything the cluster remembers: auth keys (and who they are logged in as), pending login
// codes, flood counters, QR login tokens and exported authorizations. Keys and authorizations
// can be persisted (--state FILE, JSON, mode 0600) so sessions survive restarts; codes and
// tokens are short-lived and kept in memory only. Not thread-safe: the RpcHandler serialises.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tgs/bytes.hpp"

namespace tgs::testdc {

struct DcAddress {
    int id = 1;
    std::string host;  // "127.0.0.1" or "::1"
    int port = 0;
};

struct ClusterOptions {
    std::vector<DcAddress> dcs;           // id 1..N
    std::int64_t code_ttl_seconds = 300;  // PHONE_CODE_EXPIRED after this
    int flood_after = 0;                  // FLOOD_WAIT after this many sendCode per phone; 0 = off
    int flood_wait_seconds = 60;          // the X in FLOOD_WAIT_X
    std::int64_t flood_window_seconds = 3600;
    std::int64_t fresh_reset_seconds = 0;  // FRESH_RESET_AUTHORISATION_FORBIDDEN below this age
    std::int64_t login_token_ttl_seconds = 30;
    std::int64_t resend_timeout_seconds = 60;  // sentCode.timeout
    /// The server's RSA public key (PKCS#1 PEM), for help.getCdnConfig: Telegram Desktop keeps
    /// the keys that answer lists, so it must list the key the app already trusts.
    std::string rsa_public_key_pem;
};

/// Who an auth key is logged in as: a snapshot of the account, so keys of convention-mode
/// accounts survive restarts without the accounts file.
struct BoundUser {
    std::int64_t id = 0;
    bool bot = false;
    std::string phone;
    std::string first_name;
    std::string last_name;
    std::string username;
    std::int64_t access_hash = 0;
    int dc = 1;
};

/// One entry of account.getAuthorizations.
struct AuthorizationRecord {
    std::int64_t hash = 0;
    std::string device_model;
    std::string platform;
    std::string system_version;
    std::int32_t api_id = 0;
    std::string app_name;
    std::string app_version;
    std::int64_t date_created = 0;
    std::int64_t date_active = 0;
    std::string ip;
};

struct AuthKeyRecord {
    std::uint64_t id = 0;
    Bytes key;  // 256 bytes
    int dc = 1;
    std::int64_t created = 0;
    std::int32_t layer = 0;
    std::optional<BoundUser> user;
    /// Passed the code (or QR) but 2FA is still due: the user waiting for checkPassword.
    std::optional<std::int64_t> password_pending_user;
    AuthorizationRecord authorization;
    /// A temporary key (p_q_inner_data_temp*): when it expires (0: a permanent key), and, once
    /// auth.bindTempAuthKey succeeded, the permanent key every call on it acts as.
    std::int64_t expires_at = 0;
    std::uint64_t bound_to = 0;
};

struct PendingCode {
    std::string phone;
    std::string phone_code_hash;
    std::string code;
    std::int64_t expires = 0;
    int resends = 0;
    bool by_email = false;  // the code went to the login email (signIn carries emailVerification)
    // Login-email setup (auth.sentCodeTypeSetUpEmailRequired): no code is sent until the
    // address given to account.sendVerifyEmailCode is verified with this code.
    bool email_setup = false;
    std::string setup_email;
    std::string setup_email_code;
};

struct LoginToken {
    Bytes token;
    std::uint64_t auth_key_id = 0;  // the key that exported it (gets updateLoginToken)
    int dc = 1;
    std::int64_t expires = 0;
    std::optional<BoundUser> accepted_user;  // set by acceptLoginToken
    bool consumed = false;
};

struct ExportedAuth {
    BoundUser user;
    Bytes bytes;
    int target_dc = 1;
};

struct SrpSession {
    std::int64_t srp_id = 0;
    std::int64_t user_id = 0;
    Bytes b;  // server secret exponent
    Bytes B;
};

class ClusterState {
  public:
    explicit ClusterState(ClusterOptions options) : options_(std::move(options)) {}

    const ClusterOptions& options() const { return options_; }
    int dc_count() const { return static_cast<int>(options_.dcs.size()); }

    // Auth keys. add_auth_key is called by the handshake; the record's id is the key's.
    AuthKeyRecord& add_auth_key(std::uint64_t id, Bytes key, int dc, std::int64_t now);
    AuthKeyRecord* find_auth_key(std::uint64_t id);
    const std::map<std::uint64_t, AuthKeyRecord>& auth_keys() const { return keys_; }
    /// Forgets every temporary key whose expires_at has come (its binding goes with it), as
    /// Telegram does; returns how many. One pass over all keys: called where the whole state is
    /// walked anyway (before each batched save, after loading), never per request.
    std::size_t drop_expired_keys(std::int64_t now);
    /// Drops the user binding of every key logged in as `user_id` except `keep`.
    std::vector<std::uint64_t> unbind_user(std::int64_t user_id, std::optional<std::uint64_t> keep);

    std::map<std::string, PendingCode>& pending_codes() { return codes_; }  // by phone_code_hash
    std::map<std::string, std::vector<std::int64_t>>& send_code_log() { return send_log_; }
    std::map<Bytes, LoginToken>& login_tokens() { return login_tokens_; }
    std::map<Bytes, ExportedAuth>& exported() { return exported_; }      // by the bytes
    std::map<std::int64_t, SrpSession>& srp_sessions() { return srp_; }  // by srp_id
    /// Future auth tokens handed out at login/logout → the user they log in again (memory only).
    std::map<Bytes, std::int64_t>& future_tokens() { return future_tokens_; }
    /// Users who asked for a 2FA recovery code (auth.requestPasswordRecovery).
    std::map<std::int64_t, bool>& recovery_requested() { return recovery_; }

    /// Persistence (auth keys + bindings + authorization records only; a temporary key with its
    /// expires_at and the permanent key it is bound to).
    void save(const std::filesystem::path& path) const;
    void load(const std::filesystem::path& path);

  private:
    ClusterOptions options_;
    std::map<std::uint64_t, AuthKeyRecord> keys_;
    std::map<std::string, PendingCode> codes_;
    std::map<std::string, std::vector<std::int64_t>> send_log_;
    std::map<Bytes, LoginToken> login_tokens_;
    std::map<Bytes, ExportedAuth> exported_;
    std::map<std::int64_t, SrpSession> srp_;
    std::map<Bytes, std::int64_t> future_tokens_;
    std::map<std::int64_t, bool> recovery_;
};

}  // namespace tgs::testdc
