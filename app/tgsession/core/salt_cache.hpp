// Server salts remembered between runs, so the first request on a stored key needs no
// bad_server_salt round trip (`status` is then one round trip). Session files have no place
// for a salt, so they live in tgsession's own state dir: one 0600 file per auth key id,
// "<salt> <unix time>". A salt is a routing hint, not a secret of the account, and a stale
// one only costs the round trip it was meant to save.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace tgsession {

class SaltCache {
  public:
    /// `dir` is normally xdg_state_home()/"tgsession"/"salts".
    explicit SaltCache(std::filesystem::path dir);

    /// The salt saved for `key_id_hex` within the last `max_age_seconds`, if any.
    std::optional<std::int64_t> load(const std::string& key_id_hex, std::int64_t now,
                                     std::int64_t max_age_seconds = kMaxAge) const;
    /// Saves atomically (temp + rename), 0600 in a 0700 dir; failures are ignored (a cache).
    void save(const std::string& key_id_hex, std::int64_t salt, std::int64_t now) const;

    /// Telegram salts last about 30 min and stay accepted 30 min more.
    static constexpr std::int64_t kMaxAge = 30 * 60;

  private:
    std::filesystem::path dir_;
};

/// The cache in the XDG state dir.
SaltCache default_salt_cache();

}  // namespace tgsession
