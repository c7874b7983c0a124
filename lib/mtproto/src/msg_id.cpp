#include "tgs/mtproto/msg_id.hpp"

#include <chrono>

#include "tgs/error.hpp"
#include "tgs/mtproto/errors.hpp"

namespace tgs::mtproto {

Clock system_clock() {
    return [] {
        return static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                             std::chrono::system_clock::now().time_since_epoch())
                                             .count());
    };
}

std::int64_t msg_id_to_unix_ns(std::int64_t msg_id) {
    const auto u = static_cast<std::uint64_t>(msg_id);
    const auto secs = static_cast<std::int64_t>(u >> 32);
    const auto frac = static_cast<std::int64_t>(((u & 0xffffffffULL) * 1'000'000'000ULL) >> 32);
    return secs * kNanosPerSecond + frac;
}

std::int64_t MsgIdGenerator::next(MsgIdKind kind) {
    const std::int64_t now = server_now_ns();
    const auto secs = static_cast<std::uint64_t>(now / kNanosPerSecond);
    const auto nanos = static_cast<std::uint64_t>(now % kNanosPerSecond);
    // Fraction of the second scaled to 32 bits; the low two bits carry the parity.
    std::uint64_t frac = ((nanos << 32) / 1'000'000'000ULL) & ~std::uint64_t{3};
    if (frac == 0) frac = 4;  // the lower 32 bits must not be zero
    std::uint64_t base = (secs << 32) | frac;
    const auto last_base = static_cast<std::uint64_t>(last_) & ~std::uint64_t{3};
    if (last_ != 0 && base <= last_base) base = last_base + 4;
    const std::uint64_t parity = kind == MsgIdKind::Client           ? 0
                                 : kind == MsgIdKind::ServerResponse ? 1
                                                                     : 3;
    last_ = static_cast<std::int64_t>(base | parity);
    return last_;
}

void MsgIdGenerator::sync_to_server_msg_id(std::int64_t server_msg_id) {
    offset_ns_ = msg_id_to_unix_ns(server_msg_id) - clock_();
    last_ = 0;
}

const char* msg_id_error_code(MsgIdVerdict verdict) {
    switch (verdict) {
        case MsgIdVerdict::Accepted:
            return nullptr;
        case MsgIdVerdict::WrongParity:
            return errc::msg_id_parity;
        case MsgIdVerdict::TooOld:
            return errc::msg_id_too_old;
        case MsgIdVerdict::TooNew:
            return errc::msg_id_too_new;
        case MsgIdVerdict::Duplicate:
            return errc::msg_id_duplicate;
    }
    return nullptr;
}

void require_accepted(MsgIdVerdict verdict) {
    switch (verdict) {
        case MsgIdVerdict::Accepted:
            return;
        case MsgIdVerdict::WrongParity:
            throw Error(errc::msg_id_parity, "msg_id has the wrong parity for its sender");
        case MsgIdVerdict::TooOld:
            throw Error(errc::msg_id_too_old, "msg_id is too old (or below the replay window)");
        case MsgIdVerdict::TooNew:
            throw Error(errc::msg_id_too_new, "msg_id is too far in the future");
        case MsgIdVerdict::Duplicate:
            throw Error(errc::msg_id_duplicate, "msg_id was already received");
    }
}

MsgIdVerdict MsgIdWindow::check(std::int64_t msg_id, std::int64_t now_ns, bool time_synced) const {
    const std::int64_t mod4 = msg_id & 3;
    const bool parity_ok = rules_.expect_server_ids ? (mod4 == 1 || mod4 == 3) : mod4 == 0;
    if (!parity_ok) return MsgIdVerdict::WrongParity;
    if (time_synced) {
        const std::int64_t t = msg_id_to_unix_ns(msg_id);
        if (t < now_ns - rules_.max_past_ns) return MsgIdVerdict::TooOld;
        if (t > now_ns + rules_.max_future_ns) return MsgIdVerdict::TooNew;
    }
    if (ids_.count(msg_id) != 0) return MsgIdVerdict::Duplicate;
    // Once the window is full, anything below its oldest id can no longer be told apart
    // from a replay, so it is refused.
    if (ids_.size() >= rules_.window && msg_id < *ids_.begin()) return MsgIdVerdict::TooOld;
    return MsgIdVerdict::Accepted;
}

void MsgIdWindow::remember(std::int64_t msg_id) {
    ids_.insert(msg_id);
    while (ids_.size() > rules_.window) ids_.erase(ids_.begin());
}

}  // namespace tgs::mtproto
