#include "tgs/mtproto/received_messages.hpp"

namespace tgs::mtproto {

std::int32_t ReceivedMessages::check(std::int64_t msg_id, std::int32_t seq_no,
                                     SeqParity parity) const {
    const bool odd = (seq_no & 1) != 0;
    if (parity == SeqParity::ContentRelated && !odd) return 35;
    // seq_no never decreases as msg_id grows, and a content-related (odd) seq_no is used once.
    // Only the nearest neighbours by msg_id need checking: the rest are ordered already.
    const auto later = entries_.upper_bound(msg_id);
    if (later != entries_.begin()) {
        const auto& before = std::prev(later)->second;
        if (before.seq_no > seq_no || (before.seq_no == seq_no && odd)) return 32;
    }
    if (later != entries_.end()) {
        const auto& after = later->second;
        if (after.seq_no < seq_no || (after.seq_no == seq_no && odd)) return 33;
    }
    return 0;
}

void ReceivedMessages::remember(std::int64_t msg_id, std::int32_t seq_no, bool is_query) {
    entries_[msg_id] = Entry{seq_no, is_query, false};
    while (entries_.size() > capacity_) entries_.erase(entries_.begin());
}

void ReceivedMessages::answered(std::int64_t msg_id) {
    if (auto it = entries_.find(msg_id); it != entries_.end()) it->second.answered = true;
}

std::uint8_t ReceivedMessages::state_of(std::int64_t msg_id) const {
    if (entries_.empty() || msg_id < entries_.begin()->first) return 1;
    if (msg_id > entries_.rbegin()->first) return 3;
    const auto it = entries_.find(msg_id);
    if (it == entries_.end()) return 2;
    std::uint8_t state = 4;
    const auto& e = it->second;
    if ((e.seq_no & 1) == 0) state |= 16;
    if (e.is_query) state |= e.answered ? 64 | 32 : 32;
    return state;
}

Bytes ReceivedMessages::states_of(std::span<const std::int64_t> msg_ids) const {
    Bytes out;
    out.reserve(msg_ids.size());
    for (auto id : msg_ids) out.push_back(state_of(id));
    return out;
}

}  // namespace tgs::mtproto
