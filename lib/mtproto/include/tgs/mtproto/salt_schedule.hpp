// The server's salts over time (core.telegram.org/mtproto/service_messages, "Request for
// several future salts"): one salt per 30-minute window, each valid for an hour so that
// consecutive salts overlap. Future salts are derived from the current one and the window
// number, so every connection of one auth key hands out (and accepts) the same salts without
// sharing state.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace tgs::mtproto {

struct ScheduledSalt {
    std::int32_t valid_since = 0;  // unix seconds
    std::int32_t valid_until = 0;
    std::int64_t salt = 0;
};

class SaltSchedule {
  public:
    static constexpr std::int32_t kWindowSeconds = 1800;
    static constexpr std::int32_t kValiditySeconds = 3600;
    static constexpr std::int32_t kMaxFutureSalts = 64;  // get_future_salts caps num here

    explicit SaltSchedule(std::int64_t current) : current_(current) {}

    /// Changes the current salt; the previous one stays accepted (salts overlap in MTProto).
    void set_current(std::int64_t salt);
    std::int64_t current() const { return current_; }

    /// `num` salts (clamped to 1..64) starting with the one for the window holding `now`.
    std::vector<ScheduledSalt> future(std::int64_t now_seconds, std::int32_t num) const;
    /// The current or previous salt, or a scheduled salt whose validity covers `now`.
    bool accepts(std::int64_t salt, std::int64_t now_seconds) const;

  private:
    std::int64_t derived(std::int64_t window) const;

    std::int64_t current_;
    std::optional<std::int64_t> previous_;
};

}  // namespace tgs::mtproto
