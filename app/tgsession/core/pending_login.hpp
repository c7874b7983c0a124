// The state of a two-phase login (`login --send-code`, later `login --code C`). The auth key
// the code was requested with must be kept, so this is a secret file: 0600 in
// $XDG_STATE_HOME/tgsession/pending/, keyed by the session's absolute path, written atomically.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "tgs/bytes.hpp"

namespace tgsession {

struct PendingLogin {
    std::string session_path;  // absolute path of the session this login is for
    std::string phone;
    std::string phone_code_hash;
    int dc_id = 0;
    std::string server_address;
    int port = 0;
    tgs::Bytes auth_key;  // 256 bytes; the key the code was sent under
    std::string code_type;
    int code_length = 0;
    std::int64_t created_at = 0;  // unix seconds

    /// The key is wiped with every copy (it lives in ordinary memory while JSON holds it).
    ~PendingLogin();
    PendingLogin() = default;
    PendingLogin(const PendingLogin&) = default;
    PendingLogin& operator=(const PendingLogin&) = default;
};

/// A pending login older than this is removed unread: no code Telegram sends lives that long,
/// and its key (never authorized) should not sit on disk.
inline constexpr std::int64_t kPendingLifetimeSeconds = 24 * 3600;

class PendingLoginStore {
  public:
    /// `state_dir` is normally xdg_state_home()/"tgsession".
    explicit PendingLoginStore(std::filesystem::path state_dir);

    /// The file that holds the pending login for `session` (absolute, lexically normalised).
    std::filesystem::path path_for(const std::filesystem::path& session) const;

    /// Writes 0600 atomically (temp file + fsync + rename), directories 0700.
    /// Throws tgs::Error(errc::pending_login_write).
    void save(const PendingLogin& p) const;
    /// nullopt when none or expired (kPendingLifetimeSeconds after created_at; the file is then
    /// removed); throws tgs::Error(errc::pending_login_corrupt) for an unreadable file or a link.
    std::optional<PendingLogin> load(const std::filesystem::path& session) const;
    std::optional<PendingLogin> load(const std::filesystem::path& session, std::int64_t now) const;
    void remove(const std::filesystem::path& session) const;

  private:
    std::filesystem::path dir_;
};

/// Absolute, lexically normal form used as the key.
std::filesystem::path absolute_session_key(const std::filesystem::path& session);

}  // namespace tgsession
