#include "tgs/mtproto/server_session.hpp"

#include <algorithm>

#include "tgs/error.hpp"
#include "tgs/mtproto/container.hpp"
#include "tgs/mtproto/errors.hpp"
#include "tgs/mtproto/service.hpp"

namespace tgs::mtproto {

namespace mt = tl::mt;

namespace {

MsgIdRules client_id_rules() {
    MsgIdRules r;
    r.expect_server_ids = false;
    return r;
}

// One client message, parsed before the session changes.
struct Parsed {
    enum class Kind {
        Request,
        Ping,
        MsgsAck,
        GetFutureSalts,
        StateReq,
        ResendReq,
        DestroySession,
        Ignore,
        Duplicate
    };
    Kind kind = Kind::Request;
    std::int64_t msg_id = 0;
    std::int32_t seq_no = 0;
    Bytes body;
    std::int64_t ping_id = 0;
    std::optional<std::int32_t> disconnect_delay;
    std::vector<std::int64_t> ids;  // acked, asked about or to resend
    std::int32_t salts_wanted = 0;
    std::int64_t session_id = 0;  // destroy_session
};

/// `inflate_budget` is what gzip_packed may still unpack to in this packet (decremented): a
/// container of many gzip bombs stays within max_inflated in total, not per message.
Parsed parse_client_message(const InnerMessage& m, std::size_t& inflate_budget) {
    Parsed p;
    p.msg_id = m.msg_id;
    p.seq_no = m.seq_no;
    switch (constructor_of(m.body)) {
        case mt::ping::ID:
            p.kind = Parsed::Kind::Ping;
            p.ping_id = parse_body<mt::ping>(m.body).ping_id;
            break;
        case mt::ping_delay_disconnect::ID: {
            const auto v = parse_body<mt::ping_delay_disconnect>(m.body);
            p.kind = Parsed::Kind::Ping;
            p.ping_id = v.ping_id;
            p.disconnect_delay = v.disconnect_delay;
            break;
        }
        case mt::msgs_ack::ID:
            p.kind = Parsed::Kind::MsgsAck;
            p.ids = parse_body<mt::msgs_ack>(m.body).msg_ids;
            break;
        case mt::get_future_salts::ID:
            p.kind = Parsed::Kind::GetFutureSalts;
            p.salts_wanted = parse_body<mt::get_future_salts>(m.body).num;
            break;
        case mt::msgs_state_req::ID:
            p.kind = Parsed::Kind::StateReq;
            p.ids = parse_body<mt::msgs_state_req>(m.body).msg_ids;
            break;
        case mt::msg_resend_req::ID:
            p.kind = Parsed::Kind::ResendReq;
            p.ids = parse_body<mt::msg_resend_req>(m.body).msg_ids;
            break;
        case mt::destroy_session::ID:
            p.kind = Parsed::Kind::DestroySession;
            p.session_id = parse_body<mt::destroy_session>(m.body).session_id;
            break;
        case mt::gzip_packed::ID:
            p.body = unwrap_gzip_packed(m.body, inflate_budget);
            inflate_budget -= p.body.size();
            break;
        case mt::http_wait::ID:
            p.kind = Parsed::Kind::Ignore;
            break;
        default:
            p.body = m.body;
    }
    return p;
}

// API queries must be content-related. The spec also wants msgs_ack even, but clients send
// acks odd (mtcute 0.30 does) and Telegram accepts them, so only containers get code 34 (see
// on_packet); the other service messages differ between clients too (ping is odd for some).
SeqParity parity_of(Parsed::Kind kind) {
    return kind == Parsed::Kind::Request ? SeqParity::ContentRelated : SeqParity::Either;
}

// Server messages kept for msg_resend_req.
constexpr std::size_t kResendStore = 256;

// The bad_msg_notification code for an outer msg_id the window refused (not a duplicate).
std::int32_t notification_code(MsgIdVerdict verdict) {
    if (verdict == MsgIdVerdict::WrongParity) return 18;
    if (verdict == MsgIdVerdict::TooOld) return 16;
    return 17;  // TooNew
}

}  // namespace

ServerSession::ServerSession(AuthKeyLookup lookup, std::int64_t server_salt, Clock clock,
                             crypto::RandomSource random, ServerSessionOptions options)
    : lookup_(std::move(lookup)),
      clock_(std::move(clock)),
      random_(std::move(random)),
      options_(options),
      salts_(server_salt),
      client_ids_(client_id_rules()) {}

std::optional<std::uint64_t> ServerSession::auth_key_id() const {
    if (!core_) return std::nullopt;
    return core_->key().id();
}

void ServerSession::set_salt(std::int64_t salt) {
    salts_.set_current(salt);
}

void ServerSession::start_session(std::int64_t session_id) {
    if (session_id_) past_sessions_.insert(*session_id_);
    past_sessions_.erase(session_id);
    session_id_ = session_id;
    core_->set_session_id(session_id);
    core_->seq().reset();
    client_ids_.clear();
    received_.clear();
    sent_.clear();
    outbox_.clear();
    pending_acks_.clear();
    announced_ = false;
}

void ServerSession::queue(Bytes body, bool content_related, MsgIdKind kind) {
    outbox_.push_back(OutgoingMessage{std::move(body), content_related, kind, 0});
}

ServerReceived ServerSession::on_packet(ByteView packet) {
    // Phase 1: verify and parse; a throw leaves everything as it was.
    std::optional<AuthKey> found;
    if (!core_) {
        found = lookup_(peek_auth_key_id(packet));
        if (!found) throw Error(errc::msg_auth_key_unknown, "no auth key with this id");
    }
    const AuthKey& key = core_ ? core_->key() : *found;
    const PlainMessage msg = decrypt_message(key, packet, Direction::ClientToServer);
    const bool new_session = !session_id_ || *session_id_ != msg.session_id;
    const MsgIdWindow fresh(client_id_rules());
    const MsgIdWindow& window = new_session ? fresh : client_ids_;
    const std::int64_t now = clock_();

    const MsgIdVerdict outer = window.check(msg.msg_id, now, true);
    if (outer == MsgIdVerdict::Duplicate) require_accepted(outer);
    const std::int32_t bad_code = outer == MsgIdVerdict::Accepted ? 0 : notification_code(outer);
    std::vector<Parsed> parsed;
    if (bad_code == 0) {
        std::vector<InnerMessage> inner;
        if (is_container(msg.body)) {
            inner = unpack_container(msg.body, msg.msg_id);
        } else {
            inner.push_back(InnerMessage{msg.msg_id, msg.seq_no, msg.body});
        }
        std::size_t inflate_budget = options_.max_inflated;  // for the whole packet
        for (const auto& m : inner) {
            if (m.msg_id != msg.msg_id) {
                const MsgIdVerdict verdict = window.check(m.msg_id, now, true);
                if (verdict == MsgIdVerdict::Duplicate) {
                    Parsed dup;
                    dup.kind = Parsed::Kind::Duplicate;
                    dup.msg_id = m.msg_id;
                    parsed.push_back(std::move(dup));
                    continue;
                }
                require_accepted(verdict);
            }
            parsed.push_back(parse_client_message(m, inflate_budget));
        }
    }

    // Phase 2: commit.
    if (!core_) {
        core_.emplace(std::move(*found), Direction::ServerToClient, clock_, random_,
                      options_.padding);
    }
    if (new_session) start_session(msg.session_id);
    ServerReceived out;
    const auto reply_kind = MsgIdKind::ServerResponse;
    if (bad_code != 0) {
        queue(mt::serialize(mt::bad_msg_notification{msg.msg_id, msg.seq_no, bad_code}), false,
              reply_kind);
        out.rejected = true;
        return out;
    }
    client_ids_.remember(msg.msg_id);
    const std::int64_t now_seconds = now / kNanosPerSecond;
    if (options_.check_salt && !salts_.accepts(msg.salt, now_seconds)) {
        queue(mt::serialize(mt::bad_server_salt{msg.msg_id, msg.seq_no, 48, salts_.current()}),
              false, reply_kind);
        out.rejected = true;
        return out;
    }
    if (is_container(msg.body) && (msg.seq_no & 1) != 0) {
        // A container is never content-related.
        queue(mt::serialize(mt::bad_msg_notification{msg.msg_id, msg.seq_no, 34}), false,
              reply_kind);
        out.rejected = true;
        return out;
    }
    if (!announced_ && options_.announce_new_session) {
        queue(mt::serialize(
                  mt::new_session_created{msg.msg_id, core_->random_int64(), salts_.current()}),
              true, reply_kind);
        out.new_session = true;
    }
    announced_ = true;

    std::vector<std::int64_t> duplicates;
    for (auto& p : parsed) {
        if (p.kind == Parsed::Kind::Duplicate) {
            duplicates.push_back(p.msg_id);
            continue;
        }
        client_ids_.remember(p.msg_id);
        if (const auto code = received_.check(p.msg_id, p.seq_no, parity_of(p.kind))) {
            // Not processed: the client corrects its seq_no and sends it again.
            queue(mt::serialize(mt::bad_msg_notification{p.msg_id, p.seq_no, code}), false,
                  reply_kind);
            continue;
        }
        received_.remember(p.msg_id, p.seq_no, p.kind == Parsed::Kind::Request);
        const bool owes_ack = (p.seq_no & 1) != 0;
        switch (p.kind) {
            case Parsed::Kind::Ping:
                // The pong answers the ping, so no separate ack is owed.
                queue(mt::serialize(mt::pong{p.msg_id, p.ping_id}), false, reply_kind);
                if (p.disconnect_delay) out.disconnect_delay = p.disconnect_delay;
                continue;
            case Parsed::Kind::MsgsAck:
                out.acked.insert(out.acked.end(), p.ids.begin(), p.ids.end());
                continue;
            case Parsed::Kind::GetFutureSalts: {
                mt::future_salts s;
                s.req_msg_id = p.msg_id;
                s.now = static_cast<std::int32_t>(now_seconds);
                for (const auto& f : salts_.future(now_seconds, p.salts_wanted)) {
                    s.salts.push_back(mt::future_salt{f.valid_since, f.valid_until, f.salt});
                }
                queue(mt::serialize(s), true, reply_kind);
                continue;
            }
            case Parsed::Kind::StateReq:
                // The answer doubles as the acknowledgment.
                queue(mt::serialize(mt::msgs_state_info{p.msg_id, received_.states_of(p.ids)}),
                      false, reply_kind);
                continue;
            case Parsed::Kind::ResendReq:
                for (auto id : p.ids) {
                    if (auto it = sent_.find(id); it != sent_.end()) {
                        queue(it->second, true, reply_kind);
                    }
                }
                if (owes_ack) pending_acks_.push_back(p.msg_id);
                continue;
            case Parsed::Kind::DestroySession: {
                const bool known = past_sessions_.erase(p.session_id) != 0;
                queue(known ? mt::serialize(mt::destroy_session_ok{p.session_id})
                            : mt::serialize(mt::destroy_session_none{p.session_id}),
                      true, reply_kind);
                continue;
            }
            case Parsed::Kind::Request:
                if (owes_ack) pending_acks_.push_back(p.msg_id);
                out.requests.push_back(ClientRequest{p.msg_id, p.seq_no, std::move(p.body)});
                continue;
            case Parsed::Kind::Ignore:
            case Parsed::Kind::Duplicate:
                if (owes_ack) pending_acks_.push_back(p.msg_id);
                continue;
        }
    }
    if (!duplicates.empty()) {
        // A re-sent message we already have: say so instead of processing it twice.
        queue(mt::serialize(mt::msgs_all_info{duplicates, received_.states_of(duplicates)}), false,
              reply_kind);
    }
    return out;
}

void ServerSession::reply_result(std::int64_t req_msg_id, ByteView result) {
    // A result acknowledges its request implicitly.
    std::erase(pending_acks_, req_msg_id);
    received_.answered(req_msg_id);
    const bool pack = options_.gzip_threshold != 0 && result.size() >= options_.gzip_threshold;
    tl::RawObject body{pack ? wrap_gzip_packed(result) : Bytes(result.begin(), result.end())};
    queue(mt::serialize(mt::rpc_result{req_msg_id, std::move(body)}), true,
          MsgIdKind::ServerResponse);
}

void ServerSession::reply_error(std::int64_t req_msg_id, std::int32_t code,
                                std::string_view message) {
    std::erase(pending_acks_, req_msg_id);
    received_.answered(req_msg_id);
    tl::RawObject err{mt::serialize(mt::rpc_error{code, std::string(message)})};
    queue(mt::serialize(mt::rpc_result{req_msg_id, std::move(err)}), true,
          MsgIdKind::ServerResponse);
}

void ServerSession::push_update(ByteView body) {
    queue(Bytes(body.begin(), body.end()), true, MsgIdKind::ServerOther);
}

std::optional<Bytes> ServerSession::flush() {
    if (!core_ || !session_id_ || !has_outgoing()) return std::nullopt;
    // Leave room for the msgs_ack; whatever does not fit waits for the next flush.
    const std::size_t take = std::min(outbox_.size(), kMaxContainerMessages - 1);
    std::vector<OutgoingMessage> batch(outbox_.begin(),
                                       outbox_.begin() + static_cast<std::ptrdiff_t>(take));
    if (!pending_acks_.empty()) {
        batch.push_back(
            {mt::serialize(mt::msgs_ack{pending_acks_}), false, MsgIdKind::ServerResponse});
    }
    core_->set_salt(salts_.current());
    PackedPacket p = core_->pack(batch);
    for (std::size_t i = 0; i < take; ++i) {
        if (batch[i].content_related) sent_[p.msg_ids[i]] = std::move(batch[i].body);
    }
    while (sent_.size() > kResendStore) sent_.erase(sent_.begin());
    outbox_.erase(outbox_.begin(), outbox_.begin() + static_cast<std::ptrdiff_t>(take));
    pending_acks_.clear();
    return std::move(p.packet);
}

}  // namespace tgs::mtproto
