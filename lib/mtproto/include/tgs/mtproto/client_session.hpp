// The client side of an encrypted MTProto 2.0 session, sans-IO: wrap_request() gives the bytes
// to send, on_packet() takes what the server sent and returns what happened. Service messages
// (salts, time sync, acks, new sessions) are handled here; RPC results, errors, pongs and
// updates are handed back as events.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <span>
#include <variant>
#include <vector>

#include "tgs/bytes.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/mtproto/encrypted_session.hpp"
#include "tgs/mtproto/gzip_packed.hpp"
#include "tgs/mtproto/message_crypto.hpp"
#include "tgs/mtproto/msg_id.hpp"
#include "tgs/rpc_error.hpp"

namespace tgs::mtproto {

/// What on_packet() reports.
namespace ev {
/// The answer to the request with msg_id `req_msg_id` (gzip_packed already inflated).
struct RpcResult {
    std::int64_t req_msg_id = 0;
    Bytes body;
};
/// rpc_error answered to `req_msg_id`, split like Telethon v2 (FLOOD_WAIT_42 → FLOOD_WAIT, 42).
struct RpcError {
    std::int64_t req_msg_id = 0;
    tgs::RpcError error;
};
/// pong; req_msg_id is the msg_id of the ping (or ping_delay_disconnect).
struct Pong {
    std::int64_t req_msg_id = 0;
    std::int64_t ping_id = 0;
};
/// Anything that is not a service message or a result: updates, updateShort, ...
struct Update {
    std::int64_t msg_id = 0;
    Bytes body;
};
/// The server did not process `msg_id` but will if it is sent again (wrap it anew):
/// reason 48 = bad server salt (new salt stored), 16/17 = clock was off (time resynced).
struct Resend {
    std::int64_t msg_id = 0;
    std::int32_t reason = 0;
};
/// The server refused `msg_id` for good (bad_msg_notification with another error_code).
struct BadMessage {
    std::int64_t msg_id = 0;
    std::int32_t error_code = 0;
};
/// The server started a new session: it may have missed requests below first_msg_id and
/// updates may have been lost (the salt was updated already).
struct NewSession {
    std::int64_t first_msg_id = 0;
    std::int64_t unique_id = 0;
};
/// msgs_ack from the server.
struct Acked {
    std::vector<std::int64_t> msg_ids;
};
}  // namespace ev

using Event = std::variant<ev::RpcResult, ev::RpcError, ev::Pong, ev::Update, ev::Resend,
                           ev::BadMessage, ev::NewSession, ev::Acked>;

struct ClientSessionOptions {
    std::int64_t server_salt = 0;
    /// server_time − local_time in ns, e.g. from the handshake's server_time. When set, incoming
    /// msg_ids are also checked for age (>300 s old / >30 s ahead are refused).
    std::optional<std::int64_t> time_offset_ns;
    /// The session id; random when not given.
    std::optional<std::int64_t> session_id;
    PaddingPolicy padding = PaddingPolicy::RandomExtra;
    std::size_t ack_threshold = 16;  // acks_due() once more than this many are pending
    std::size_t max_inflated = kDefaultMaxInflated;
    std::size_t sent_history = 4096;  // how many sent msg_ids are remembered for resends
};

struct WrappedRequest {
    Bytes packet;
    std::int64_t msg_id = 0;            // match results on this
    std::int64_t container_msg_id = 0;  // non-zero when pending acks rode along in a container
};

struct WrappedBatch {
    Bytes packet;
    std::vector<std::int64_t> msg_ids;  // one per body, in order
    std::int64_t container_msg_id = 0;
};

class ClientSession {
  public:
    ClientSession(AuthKey key, Clock clock, crypto::RandomSource random,
                  ClientSessionOptions options = {});

    /// Encrypts one request; pending acks are sent along in a container.
    WrappedRequest wrap_request(ByteView body, bool content_related = true);
    /// One request whose body holds its own msg_id (auth.bindTempAuthKey's binding message
    /// must carry the id of the request sending it): `build` gets that id.
    WrappedRequest wrap_request_naming_its_id(
        const std::function<Bytes(std::int64_t msg_id)>& build);
    /// Several requests (content-related) in one container, plus pending acks.
    WrappedBatch wrap_requests(std::span<const Bytes> bodies);
    /// A standalone msgs_ack packet, if any acks are pending.
    std::optional<Bytes> flush_acks();
    bool acks_due() const { return pending_acks_.size() > options_.ack_threshold; }
    std::size_t pending_ack_count() const { return pending_acks_.size(); }

    /// Decrypts and processes one packet. Throws (and changes nothing) on a packet that must
    /// be dropped: MSG_AUTH_KEY_ID_MISMATCH, MSG_KEY_MISMATCH, MSG_BAD_LENGTH, MSG_BAD_PADDING,
    /// MSG_SESSION_MISMATCH, MSG_ID_PARITY, MSG_ID_TOO_OLD, MSG_ID_TOO_NEW, MSG_ID_DUPLICATE,
    /// MSG_CONTAINER_*, MSG_GZIP_*, TL_*.
    std::vector<Event> on_packet(ByteView packet);

    /// Starts a fresh session (new random id, seq_no from 0); the salt and clock are kept.
    void reset_session();

    std::int64_t session_id() const { return core_.session_id(); }
    std::int64_t server_salt() const { return core_.salt(); }
    void set_server_salt(std::int64_t salt) { core_.set_salt(salt); }
    std::int64_t time_offset_ns() const { return core_.ids().time_offset_ns(); }
    bool time_synced() const { return time_synced_; }
    std::uint64_t auth_key_id() const { return core_.key().id(); }

  private:
    struct Sent {
        std::int64_t msg_id = 0;
        std::vector<std::int64_t> requests;  // requests carried (itself, or a container's inner)
        std::vector<std::int64_t> acks;      // ack ids carried, re-queued if the packet bounces
    };
    struct Incoming;

    /// `own_id`: the first body's msg_id, already taken from the generator (0: take one).
    PackedPacket send(std::span<const Bytes> bodies, bool content_related, std::int64_t own_id = 0);
    void remember_sent(Sent sent);
    const Sent* find_sent(std::int64_t msg_id) const;
    void queue_ack(std::int64_t msg_id);
    /// `inflate_budget`: what gzip_packed may still unpack to in this packet (decremented), so
    /// one packet of many small gzip bombs stays within max_inflated in total.
    Incoming classify(std::int64_t msg_id, std::int32_t seq_no, ByteView body,
                      std::size_t& inflate_budget) const;
    void apply(const Incoming& in, std::vector<Event>& events);
    void bounce(std::int64_t bad_msg_id, std::int32_t code, bool resend,
                std::vector<Event>& events);

    ClientSessionOptions options_;
    EncryptedSession core_;
    MsgIdWindow incoming_ids_;
    bool time_synced_ = false;
    std::vector<std::int64_t> pending_acks_;
    std::deque<Sent> sent_;
};

}  // namespace tgs::mtproto
