#include "tgs/mtproto/server_session.hpp"

#include <algorithm>

#include "tgs/error.hpp"
#include "tgs/mtproto/container.hpp"
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
    enum class Kind { Request, Ping, MsgsAck, GetFutureSalts, Ignore, Duplicate };
    Kind kind = Kind::Request;
    std::int64_t msg_id = 0;
    std::int32_t seq_no = 0;
    Bytes body;
    std::int64_t ping_id = 0;
    std::optional<std::int32_t> disconnect_delay;
    std::vector<std::int64_t> acks;
    std::int32_t salts_wanted = 0;
};

Parsed parse_client_message(const InnerMessage& m, std::size_t max_inflated) {
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
            p.acks = parse_body<mt::msgs_ack>(m.body).msg_ids;
            break;
        case mt::get_future_salts::ID:
            p.kind = Parsed::Kind::GetFutureSalts;
            p.salts_wanted = parse_body<mt::get_future_salts>(m.body).num;
            break;
        case mt::gzip_packed::ID:
            p.body = gzip_unpack(m.body, max_inflated);
            break;
        case mt::http_wait::ID:
        case mt::msgs_state_req::ID:
        case mt::msg_resend_req::ID:
        case mt::destroy_session::ID:
            p.kind = Parsed::Kind::Ignore;
            break;
        default:
            p.body = m.body;
    }
    return p;
}

std::int32_t notification_code(const std::string& error_code) {
    if (error_code == "MSG_ID_PARITY") return 18;
    if (error_code == "MSG_ID_TOO_OLD") return 16;
    return 17;  // MSG_ID_TOO_NEW
}

}  // namespace

ServerSession::ServerSession(AuthKeyLookup lookup, std::int64_t server_salt, Clock clock,
                             crypto::RandomSource random, ServerSessionOptions options)
    : lookup_(std::move(lookup)),
      clock_(std::move(clock)),
      random_(std::move(random)),
      options_(options),
      salt_(server_salt),
      client_ids_(client_id_rules()) {}

std::optional<std::uint64_t> ServerSession::auth_key_id() const {
    if (!core_) return std::nullopt;
    return core_->key().id();
}

void ServerSession::set_salt(std::int64_t salt) {
    if (salt == salt_) return;
    previous_salt_ = salt_;
    salt_ = salt;
}

void ServerSession::start_session(std::int64_t session_id) {
    session_id_ = session_id;
    core_->set_session_id(session_id);
    core_->seq().reset();
    client_ids_.clear();
    outbox_.clear();
    pending_acks_.clear();
    announced_ = false;
}

void ServerSession::queue(Bytes body, bool content_related, MsgIdKind kind) {
    outbox_.push_back(OutgoingMessage{std::move(body), content_related, kind});
}

ServerReceived ServerSession::on_packet(ByteView packet) {
    // Phase 1: verify and parse; a throw leaves everything as it was.
    std::optional<AuthKey> found;
    if (!core_) {
        found = lookup_(peek_auth_key_id(packet));
        if (!found) throw Error("MSG_AUTH_KEY_UNKNOWN", "no auth key with this id");
    }
    const AuthKey& key = core_ ? core_->key() : *found;
    const PlainMessage msg = decrypt_message(key, packet, Direction::ClientToServer);
    const bool new_session = !session_id_ || *session_id_ != msg.session_id;
    const MsgIdWindow fresh(client_id_rules());
    const MsgIdWindow& window = new_session ? fresh : client_ids_;
    const std::int64_t now = clock_();

    std::int32_t bad_code = 0;
    try {
        window.check(msg.msg_id, now, true);
    } catch (const Error& e) {
        if (e.code() == "MSG_ID_DUPLICATE") throw;
        bad_code = notification_code(e.code());
    }
    std::vector<Parsed> parsed;
    if (bad_code == 0) {
        std::vector<InnerMessage> inner;
        if (is_container(msg.body)) {
            inner = unpack_container(msg.body, msg.msg_id);
        } else {
            inner.push_back(InnerMessage{msg.msg_id, msg.seq_no, msg.body});
        }
        for (const auto& m : inner) {
            if (m.msg_id != msg.msg_id) {
                try {
                    window.check(m.msg_id, now, true);
                } catch (const Error& e) {
                    if (e.code() != "MSG_ID_DUPLICATE") throw;
                    Parsed dup;
                    dup.kind = Parsed::Kind::Duplicate;
                    dup.msg_id = m.msg_id;
                    parsed.push_back(std::move(dup));
                    continue;
                }
            }
            parsed.push_back(parse_client_message(m, options_.max_inflated));
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
    if (options_.check_salt && msg.salt != salt_ && msg.salt != previous_salt_) {
        queue(mt::serialize(mt::bad_server_salt{msg.msg_id, msg.seq_no, 48, salt_}), false,
              reply_kind);
        out.rejected = true;
        return out;
    }
    if (!announced_ && options_.announce_new_session) {
        queue(mt::serialize(mt::new_session_created{msg.msg_id, core_->random_int64(), salt_}),
              true, reply_kind);
        out.new_session = true;
    }
    announced_ = true;

    for (auto& p : parsed) {
        if (p.kind == Parsed::Kind::Duplicate) continue;
        client_ids_.remember(p.msg_id);
        switch (p.kind) {
            case Parsed::Kind::Ping:
                // The pong answers the ping, so no separate ack is owed.
                queue(mt::serialize(mt::pong{p.msg_id, p.ping_id}), false, reply_kind);
                if (p.disconnect_delay) out.disconnect_delay = p.disconnect_delay;
                continue;
            case Parsed::Kind::MsgsAck:
                out.acked.insert(out.acked.end(), p.acks.begin(), p.acks.end());
                continue;
            case Parsed::Kind::GetFutureSalts: {
                mt::future_salts s;
                s.req_msg_id = p.msg_id;
                s.now = static_cast<std::int32_t>(now / kNanosPerSecond);
                s.salts.push_back(mt::future_salt{s.now, s.now + 3600, salt_});
                queue(mt::serialize(s), true, reply_kind);
                continue;
            }
            case Parsed::Kind::Request:
                if (p.seq_no % 2 == 1) pending_acks_.push_back(p.msg_id);
                out.requests.push_back(ClientRequest{p.msg_id, p.seq_no, std::move(p.body)});
                continue;
            case Parsed::Kind::Ignore:
            case Parsed::Kind::Duplicate:
                if (p.seq_no % 2 == 1) pending_acks_.push_back(p.msg_id);
                continue;
        }
    }
    return out;
}

void ServerSession::reply_result(std::int64_t req_msg_id, ByteView result) {
    // A result acknowledges its request implicitly.
    std::erase(pending_acks_, req_msg_id);
    const bool pack = options_.gzip_threshold != 0 && result.size() >= options_.gzip_threshold;
    tl::RawObject body{pack ? gzip_pack(result) : Bytes(result.begin(), result.end())};
    queue(mt::serialize(mt::rpc_result{req_msg_id, std::move(body)}), true,
          MsgIdKind::ServerResponse);
}

void ServerSession::reply_error(std::int64_t req_msg_id, std::int32_t code,
                                std::string_view message) {
    std::erase(pending_acks_, req_msg_id);
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
    core_->set_salt(salt_);
    PackedPacket p = core_->pack(batch);
    outbox_.erase(outbox_.begin(), outbox_.begin() + static_cast<std::ptrdiff_t>(take));
    pending_acks_.clear();
    return std::move(p.packet);
}

}  // namespace tgs::mtproto
