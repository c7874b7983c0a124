// seq_no: a content-related message (one that needs an ack) gets 2n+1 and bumps n;
// any other message gets 2n.
#pragma once

#include <cstdint>

namespace tgs::mtproto {

class SeqNoCounter {
  public:
    std::int32_t next(bool content_related) {
        if (!content_related) return 2 * n_;
        return 2 * n_++ + 1;
    }
    std::int32_t content_messages_sent() const { return n_; }
    void reset() { n_ = 0; }

  private:
    std::int32_t n_ = 0;
};

}  // namespace tgs::mtproto
