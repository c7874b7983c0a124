// The outgoing half shared by both roles: one auth key, one session, a msg_id generator and a
// seq_no counter. pack() turns a list of bodies into one encrypted packet, in a msg_container
// when there is more than one (inner ids first, then the container's, so it is the largest).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "tgs/bytes.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/mtproto/message_crypto.hpp"
#include "tgs/mtproto/msg_id.hpp"
#include "tgs/mtproto/seq_no.hpp"

namespace tgs::mtproto {

struct OutgoingMessage {
    Bytes body;
    bool content_related = true;
    MsgIdKind kind = MsgIdKind::Client;
    /// 0: the generator's next id; else one already taken from ids() (a body naming its id).
    std::int64_t msg_id = 0;
};

struct PackedPacket {
    Bytes packet;
    std::vector<std::int64_t> msg_ids;  // one per input message, in order
    std::int64_t container_msg_id = 0;  // 0 when sent without a container
    std::int32_t seq_no = 0;            // of the outer message
};

class EncryptedSession {
  public:
    EncryptedSession(AuthKey key, Direction outgoing, Clock clock, crypto::RandomSource random,
                     PaddingPolicy padding);

    /// Throws MSG_CONTAINER_TOO_LARGE for more than 1024 messages; an empty list is an error
    /// (MSG_BAD_LENGTH).
    PackedPacket pack(std::span<const OutgoingMessage> messages);

    const AuthKey& key() const { return key_; }
    std::int64_t session_id() const { return session_id_; }
    void set_session_id(std::int64_t id) { session_id_ = id; }
    std::int64_t salt() const { return salt_; }
    void set_salt(std::int64_t salt) { salt_ = salt; }
    MsgIdGenerator& ids() { return ids_; }
    const MsgIdGenerator& ids() const { return ids_; }
    SeqNoCounter& seq() { return seq_; }
    const crypto::RandomSource& random() const { return random_; }
    std::int64_t random_int64() const;

  private:
    AuthKey key_;
    Direction outgoing_;
    MsgIdGenerator ids_;
    SeqNoCounter seq_;
    crypto::RandomSource random_;
    PaddingPolicy padding_;
    std::int64_t session_id_ = 0;
    std::int64_t salt_ = 0;
};

}  // namespace tgs::mtproto
