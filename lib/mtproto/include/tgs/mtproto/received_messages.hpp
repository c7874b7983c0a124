// What the server remembers about the messages one client session sent it: their seq_no (to
// check the ordering rules, bad_msg_notification 32-35) and how far each got (to answer
// msgs_state_req / msgs_all_info). core.telegram.org/mtproto/service_messages_about_messages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <span>

#include "tgs/bytes.hpp"

namespace tgs::mtproto {

/// Whether a message must carry an odd (content-related) seq_no, or may carry either.
enum class SeqParity { ContentRelated, Either };

class ReceivedMessages {
  public:
    explicit ReceivedMessages(std::size_t capacity = 1024) : capacity_(capacity) {}

    /// 0 when (msg_id, seq_no) fits what was received before, else the bad_msg_notification
    /// code: 32 seq_no too low, 33 too high, 35 even where odd was due. (34, odd where even was
    /// due, is only enforced for containers, by the session.)
    std::int32_t check(std::int64_t msg_id, std::int32_t seq_no, SeqParity parity) const;

    void remember(std::int64_t msg_id, std::int32_t seq_no, bool is_query);
    /// The query's answer went out (state gains "response generated").
    void answered(std::int64_t msg_id);

    /// The msgs_state_info / msgs_all_info byte for one msg_id: 1 unknown (too old), 2 not
    /// received (within the known range), 3 not received (too new), 4 received, plus 16 for a
    /// message that needs no ack, 32 for a query being processed or done, 64 once answered.
    std::uint8_t state_of(std::int64_t msg_id) const;
    Bytes states_of(std::span<const std::int64_t> msg_ids) const;

    void clear() { entries_.clear(); }

  private:
    struct Entry {
        std::int32_t seq_no = 0;
        bool is_query = false;
        bool answered = false;
    };
    std::size_t capacity_;
    std::map<std::int64_t, Entry> entries_;  // by msg_id
};

}  // namespace tgs::mtproto
