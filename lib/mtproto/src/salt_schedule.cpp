#include "tgs/mtproto/salt_schedule.hpp"

#include <algorithm>
#include <cstring>

#include "tgs/crypto/hash.hpp"

namespace tgs::mtproto {

namespace {

std::int64_t window_of(std::int64_t now_seconds) {
    return now_seconds / SaltSchedule::kWindowSeconds;
}

}  // namespace

void SaltSchedule::set_current(std::int64_t salt) {
    if (salt == current_) return;
    previous_ = current_;
    current_ = salt;
}

// A later window's salt: SHA-256(current | window)[0:8].
std::int64_t SaltSchedule::derived(std::int64_t window) const {
    std::uint8_t input[16];
    std::memcpy(input, &current_, 8);
    std::memcpy(input + 8, &window, 8);
    const auto digest = crypto::sha256(ByteView(input, sizeof input));
    std::int64_t salt = 0;
    std::memcpy(&salt, digest.data(), 8);
    return salt;
}

std::vector<ScheduledSalt> SaltSchedule::future(std::int64_t now_seconds, std::int32_t num) const {
    num = std::clamp(num, 1, kMaxFutureSalts);
    const std::int64_t first = window_of(now_seconds);
    std::vector<ScheduledSalt> out;
    out.reserve(static_cast<std::size_t>(num));
    for (std::int64_t w = first; w < first + num; ++w) {
        const auto since = static_cast<std::int32_t>(w * kWindowSeconds);
        // The window that holds "now" keeps the current salt (the one bad_server_salt and
        // new_session_created announce).
        out.push_back({since, since + kValiditySeconds, w == first ? current_ : derived(w)});
    }
    return out;
}

bool SaltSchedule::accepts(std::int64_t salt, std::int64_t now_seconds) const {
    if (salt == current_ || salt == previous_) return true;
    // A scheduled salt is valid for two windows: the one it starts and the next.
    const std::int64_t now_window = window_of(now_seconds);
    return salt == derived(now_window) || salt == derived(now_window - 1);
}

}  // namespace tgs::mtproto
