// The server side of an encrypted MTProto 2.0 session (used by the test DC), sans-IO.
// on_packet() decrypts a client packet (x = 0), answers service messages itself (pong,
// bad_server_salt, bad_msg_notification incl. seq_no checks, new_session_created,
// future_salts, msgs_state_info, msg_resend_req, msgs_all_info for duplicates,
// destroy_session, acks) and hands
// back the client's requests; reply_result()/reply_error()/push_update() queue answers and
// flush() turns everything queued into one encrypted packet.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "tgs/bytes.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/mtproto/encrypted_session.hpp"
#include "tgs/mtproto/gzip_packed.hpp"
#include "tgs/mtproto/msg_id.hpp"
#include "tgs/mtproto/received_messages.hpp"
#include "tgs/mtproto/salt_schedule.hpp"

namespace tgs::mtproto {

/// Finds the auth key for an auth_key_id (nullopt: unknown key).
using AuthKeyLookup = std::function<std::optional<AuthKey>(std::uint64_t auth_key_id)>;

struct ServerSessionOptions {
    bool check_salt = true;            // answer bad_server_salt to a wrong salt
    bool announce_new_session = true;  // send new_session_created for a new session_id
    std::size_t gzip_threshold = 0;    // gzip results at least this big (0: never)
    PaddingPolicy padding = PaddingPolicy::RandomExtra;
    std::size_t max_inflated = kDefaultMaxInflated;
};

struct ClientRequest {
    std::int64_t msg_id = 0;
    std::int32_t seq_no = 0;
    Bytes body;  // gzip_packed already inflated
};

struct ServerReceived {
    std::vector<ClientRequest> requests;           // to be answered with reply_result/error
    std::vector<std::int64_t> acked;               // msg_ids the client acknowledged
    std::optional<std::int32_t> disconnect_delay;  // from ping_delay_disconnect (seconds)
    bool new_session = false;                      // this packet opened a new session
    bool rejected = false;  // bad salt or msg_id: a notification was queued instead
};

class ServerSession {
  public:
    ServerSession(AuthKeyLookup lookup, std::int64_t server_salt, Clock clock,
                  crypto::RandomSource random, ServerSessionOptions options = {});

    /// Throws (changing nothing) on packets that must be dropped: MSG_AUTH_KEY_UNKNOWN,
    /// MSG_AUTH_KEY_ID_MISMATCH, MSG_KEY_MISMATCH, MSG_BAD_LENGTH, MSG_BAD_PADDING,
    /// MSG_ID_DUPLICATE, MSG_CONTAINER_*, MSG_GZIP_*, TL_*. Bad salts and bad msg_ids are
    /// answered (queued notifications) rather than thrown.
    ServerReceived on_packet(ByteView packet);

    void reply_result(std::int64_t req_msg_id, ByteView result);
    void reply_error(std::int64_t req_msg_id, std::int32_t code, std::string_view message);
    /// A server-initiated content-related message (an update), id ≡ 3 mod 4.
    void push_update(ByteView body);
    /// Everything queued (and pending acks) as one packet; nullopt when there is nothing.
    std::optional<Bytes> flush();
    bool has_outgoing() const { return !outbox_.empty() || !pending_acks_.empty(); }

    /// Changes the current salt; the previous one stays accepted (salts overlap in MTProto).
    void set_salt(std::int64_t salt);
    std::int64_t salt() const { return salts_.current(); }
    std::optional<std::int64_t> session_id() const { return session_id_; }
    std::optional<std::uint64_t> auth_key_id() const;

  private:
    void start_session(std::int64_t session_id);
    void queue(Bytes body, bool content_related, MsgIdKind kind);

    AuthKeyLookup lookup_;
    Clock clock_;
    crypto::RandomSource random_;
    ServerSessionOptions options_;
    SaltSchedule salts_;
    std::optional<EncryptedSession> core_;  // set once the key is known
    std::optional<std::int64_t> session_id_;
    bool announced_ = false;  // new_session_created sent for the current session
    MsgIdWindow client_ids_;
    ReceivedMessages received_;             // seq_no checks, msgs_state_req answers
    std::map<std::int64_t, Bytes> sent_;    // content-related messages, for msg_resend_req
    std::set<std::int64_t> past_sessions_;  // earlier session ids, for destroy_session
    std::vector<OutgoingMessage> outbox_;
    std::vector<std::int64_t> pending_acks_;
};

}  // namespace tgs::mtproto
