#include "tgs/mtproto/msg_id.hpp"

#include <chrono>

#include "tgs/error.hpp"

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

void MsgIdWindow::check(std::int64_t msg_id, std::int64_t now_ns, bool time_synced) const {
    const std::int64_t mod4 = msg_id & 3;
    const bool parity_ok = rules_.expect_server_ids ? (mod4 == 1 || mod4 == 3) : mod4 == 0;
    if (!parity_ok) throw Error("MSG_ID_PARITY", "msg_id has the wrong parity for its sender");
    if (time_synced) {
        const std::int64_t t = msg_id_to_unix_ns(msg_id);
        if (t < now_ns - rules_.max_past_ns) throw Error("MSG_ID_TOO_OLD", "msg_id is too old");
        if (t > now_ns + rules_.max_future_ns) {
            throw Error("MSG_ID_TOO_NEW", "msg_id is too far in the future");
        }
    }
    if (ids_.count(msg_id) != 0) throw Error("MSG_ID_DUPLICATE", "msg_id was already received");
    // Once the window is full, anything below its oldest id can no longer be told apart
    // from a replay, so it is refused.
    if (ids_.size() >= rules_.window && msg_id < *ids_.begin()) {
        throw Error("MSG_ID_TOO_OLD", "msg_id is older than the replay window");
    }
}

void MsgIdWindow::remember(std::int64_t msg_id) {
    ids_.insert(msg_id);
    while (ids_.size() > rules_.window) ids_.erase(ids_.begin());
}

}  // namespace tgs::mtproto
