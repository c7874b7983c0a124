// Server salts remembered between runs, so the first request on a stored key needs no
// bad_server_salt round trip (`status` is then one round trip). Session files have no place
// for a salt, so they live in tgsession's own state dir: one 0600 file per auth key id,
// "<salt> <unix time>". A salt is a routing hint, not a secret of the account, and a stale
// one only costs the round trip it was meant to save.
#pragma once

#include <atomic>
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
    /// Writes the file in place (0600 in a 0700 dir, never through a link); failures are
    /// ignored (a cache). Not temp + rename: that made a new directory entry twice per key,
    /// about a quarter of a 10,000-session `status` run's CPU, and a reader that meets a
    /// half-written file treats it as missing, which costs only the round trip.
    void save(const std::string& key_id_hex, std::int64_t salt, std::int64_t now) const;

    /// Telegram salts last about 30 min and stay accepted 30 min more.
    static constexpr std::int64_t kMaxAge = 30 * 60;

  private:
    /// True once dir_ was seen private (and, with `create`, made): checked once per cache, not
    /// per key, as a fleet run would pay stat + geteuid per level for each of thousands.
    bool dir_ready(bool create) const;

    std::filesystem::path dir_;
    mutable std::atomic<bool> checked_{false};
};

/// The cache in the XDG state dir (one per process; safe to use from several threads).
const SaltCache& default_salt_cache();

}  // namespace tgsession
