#include "tgs/mtproto/encrypted_session.hpp"

#include "tgs/error.hpp"
#include "tgs/mtproto/container.hpp"
#include "tgs/mtproto/errors.hpp"

namespace tgs::mtproto {

EncryptedSession::EncryptedSession(AuthKey key, Direction outgoing, Clock clock,
                                   crypto::RandomSource random, PaddingPolicy padding)
    : key_(std::move(key)),
      outgoing_(outgoing),
      ids_(std::move(clock)),
      random_(std::move(random)),
      padding_(padding) {}

std::int64_t EncryptedSession::random_int64() const {
    std::uint8_t buf[8];
    random_(MutableByteView(buf, sizeof buf));
    std::uint64_t v = 0;
    for (auto b : buf) v = (v << 8) | b;
    return static_cast<std::int64_t>(v);
}

PackedPacket EncryptedSession::pack(std::span<const OutgoingMessage> messages) {
    if (messages.empty()) throw Error(errc::msg_bad_length, "nothing to send");
    if (messages.size() > kMaxContainerMessages) {
        throw Error(errc::msg_container_too_large, "a container holds at most 1024 messages");
    }
    PackedPacket out;
    PlainMessage plain;
    plain.salt = salt_;
    plain.session_id = session_id_;
    if (messages.size() == 1) {
        const auto& m = messages.front();
        plain.msg_id = m.msg_id != 0 ? m.msg_id : ids_.next(m.kind);
        plain.seq_no = seq_.next(m.content_related);
        plain.body = m.body;
        out.msg_ids.push_back(plain.msg_id);
    } else {
        std::vector<InnerMessage> inner;
        inner.reserve(messages.size());
        bool any_response = false;
        for (const auto& m : messages) {
            InnerMessage im;
            im.msg_id = m.msg_id != 0 ? m.msg_id : ids_.next(m.kind);
            im.seq_no = seq_.next(m.content_related);
            im.body = m.body;
            out.msg_ids.push_back(im.msg_id);
            inner.push_back(std::move(im));
            any_response = any_response || m.kind == MsgIdKind::ServerResponse;
        }
        const MsgIdKind container_kind = outgoing_ == Direction::ClientToServer ? MsgIdKind::Client
                                         : any_response ? MsgIdKind::ServerResponse
                                                        : MsgIdKind::ServerOther;
        plain.body = pack_container(inner);
        plain.msg_id = ids_.next(container_kind);
        plain.seq_no = seq_.next(false);  // a container is never content-related
        out.container_msg_id = plain.msg_id;
    }
    out.seq_no = plain.seq_no;
    out.packet = encrypt_message(key_, plain, outgoing_, random_, padding_);
    return out;
}

}  // namespace tgs::mtproto
