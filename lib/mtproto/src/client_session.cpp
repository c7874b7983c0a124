#include "tgs/mtproto/client_session.hpp"

#include <algorithm>

#include "tgs/error.hpp"
#include "tgs/mtproto/container.hpp"
#include "tgs/mtproto/errors.hpp"
#include "tgs/mtproto/service.hpp"

namespace tgs::mtproto {

namespace mt = tl::mt;

namespace {

constexpr std::size_t kMaxAcksPerMessage = 8192;

struct ParsedResult {
    std::int64_t req_msg_id = 0;
    Bytes body;
};
struct ParsedError {
    std::int64_t req_msg_id = 0;
    mt::rpc_error error;
};
struct ParsedUpdate {
    Bytes body;
};
// msg_detailed_info or msg_new_detailed_info: only the answer's id matters here.
struct ParsedDetailedInfo {
    std::int64_t answer_msg_id = 0;
};

}  // namespace

// One incoming message, fully parsed before any session state changes.
struct ClientSession::Incoming {
    std::int64_t msg_id = 0;
    std::int32_t seq_no = 0;
    bool duplicate = false;
    std::variant<std::monostate, ParsedResult, ParsedError, mt::pong, ParsedUpdate, mt::msgs_ack,
                 mt::bad_msg_notification, mt::bad_server_salt, mt::new_session_created,
                 ParsedDetailedInfo>
        what;
};

ClientSession::ClientSession(AuthKey key, Clock clock, crypto::RandomSource random,
                             ClientSessionOptions options)
    : options_(options),
      core_(std::move(key), Direction::ClientToServer, std::move(clock), std::move(random),
            options.padding),
      incoming_ids_(MsgIdRules{}) {
    core_.set_salt(options_.server_salt);
    core_.set_session_id(options_.session_id ? *options_.session_id : core_.random_int64());
    if (options_.time_offset_ns) {
        core_.ids().set_time_offset_ns(*options_.time_offset_ns);
        time_synced_ = true;
    }
}

void ClientSession::reset_session() {
    core_.set_session_id(core_.random_int64());
    core_.seq().reset();
    pending_acks_.clear();
    incoming_ids_.clear();
    sent_.clear();
}

PackedPacket ClientSession::send(std::span<const Bytes> bodies, bool content_related,
                                 std::int64_t own_id) {
    std::vector<OutgoingMessage> out;
    out.reserve(bodies.size() + 1);
    for (const auto& b : bodies) {
        out.push_back({b, content_related, MsgIdKind::Client, out.empty() ? own_id : 0});
    }
    std::vector<std::int64_t> acks;
    if (!pending_acks_.empty()) {
        const std::size_t n = std::min(pending_acks_.size(), kMaxAcksPerMessage);
        acks.assign(pending_acks_.begin(), pending_acks_.begin() + static_cast<std::ptrdiff_t>(n));
        out.push_back({mt::serialize(mt::msgs_ack{acks}), false, MsgIdKind::Client, 0});
    }
    PackedPacket packed = core_.pack(out);  // may throw: nothing changed yet
    pending_acks_.erase(pending_acks_.begin(),
                        pending_acks_.begin() + static_cast<std::ptrdiff_t>(acks.size()));

    std::vector<std::int64_t> requests(
        packed.msg_ids.begin(),
        packed.msg_ids.begin() + static_cast<std::ptrdiff_t>(bodies.size()));
    for (auto id : requests) remember_sent(Sent{id, {id}, {}});
    if (packed.container_msg_id != 0) {
        remember_sent(Sent{packed.container_msg_id, requests, acks});
    } else if (!acks.empty()) {  // a standalone msgs_ack
        remember_sent(Sent{packed.msg_ids.front(), {}, acks});
    }
    return packed;
}

WrappedRequest ClientSession::wrap_request(ByteView body, bool content_related) {
    const Bytes copy(body.begin(), body.end());
    PackedPacket p = send(std::span<const Bytes>(&copy, 1), content_related);
    return WrappedRequest{std::move(p.packet), p.msg_ids.front(), p.container_msg_id};
}

WrappedRequest ClientSession::wrap_request_naming_its_id(
    const std::function<Bytes(std::int64_t msg_id)>& build) {
    const auto id = core_.ids().next(MsgIdKind::Client);
    const Bytes body = build(id);
    PackedPacket p = send(std::span<const Bytes>(&body, 1), true, id);
    return WrappedRequest{std::move(p.packet), p.msg_ids.front(), p.container_msg_id};
}

WrappedBatch ClientSession::wrap_requests(std::span<const Bytes> bodies) {
    PackedPacket p = send(bodies, true);
    p.msg_ids.resize(bodies.size());
    return WrappedBatch{std::move(p.packet), std::move(p.msg_ids), p.container_msg_id};
}

std::optional<Bytes> ClientSession::flush_acks() {
    if (pending_acks_.empty()) return std::nullopt;
    return send({}, false).packet;
}

void ClientSession::remember_sent(Sent sent) {
    sent_.push_back(std::move(sent));
    while (sent_.size() > options_.sent_history) sent_.pop_front();
}

const ClientSession::Sent* ClientSession::find_sent(std::int64_t msg_id) const {
    for (auto it = sent_.rbegin(); it != sent_.rend(); ++it) {
        if (it->msg_id == msg_id) return &*it;
    }
    return nullptr;
}

void ClientSession::queue_ack(std::int64_t msg_id) {
    if (std::find(pending_acks_.begin(), pending_acks_.end(), msg_id) == pending_acks_.end()) {
        pending_acks_.push_back(msg_id);
    }
}

ClientSession::Incoming ClientSession::classify(std::int64_t msg_id, std::int32_t seq_no,
                                                ByteView body, std::size_t& inflate_budget) const {
    auto inflate = [&inflate_budget](ByteView packed) {
        Bytes out = unwrap_gzip_packed(packed, inflate_budget);
        inflate_budget -= out.size();
        return out;
    };
    Incoming in;
    in.msg_id = msg_id;
    in.seq_no = seq_no;
    Bytes inflated;
    if (is_gzip_packed(body)) {  // a standalone gzip_packed: look inside
        inflated = inflate(body);
        body = inflated;
    }
    switch (constructor_of(body)) {
        case mt::rpc_result::ID: {
            mt::rpc_result r = parse_body<mt::rpc_result>(body);
            Bytes result = std::move(r.result.data);
            if (is_gzip_packed(result)) result = inflate(result);
            if (result.size() >= 4 && constructor_of(result) == mt::rpc_error::ID) {
                in.what = ParsedError{r.req_msg_id, parse_body<mt::rpc_error>(result)};
            } else {
                in.what = ParsedResult{r.req_msg_id, std::move(result)};
            }
            break;
        }
        case mt::pong::ID:
            in.what = parse_body<mt::pong>(body);
            break;
        case mt::future_salts::ID: {  // the answer to get_future_salts, not wrapped in rpc_result
            const auto s = parse_body<mt::future_salts>(body);
            in.what = ParsedResult{s.req_msg_id, Bytes(body.begin(), body.end())};
            break;
        }
        case mt::msgs_ack::ID:
            in.what = parse_body<mt::msgs_ack>(body);
            break;
        case mt::bad_msg_notification::ID:
            in.what = parse_body<mt::bad_msg_notification>(body);
            break;
        case mt::bad_server_salt::ID:
            in.what = parse_body<mt::bad_server_salt>(body);
            break;
        case mt::new_session_created::ID:
            in.what = parse_body<mt::new_session_created>(body);
            break;
        case mt::msg_detailed_info::ID:
        case mt::msg_new_detailed_info::ID:
            in.what = ParsedDetailedInfo{std::visit([](const auto& d) { return d.answer_msg_id; },
                                                    parse_body<mt::MsgDetailedInfo>(body))};
            break;
        case mt::msgs_state_req::ID:
        case mt::msgs_state_info::ID:
        case mt::msgs_all_info::ID:
        case mt::msg_resend_req::ID:
        case mt::destroy_session_ok::ID:
        case mt::destroy_session_none::ID:
            break;  // nothing this client needs to act on
        default:
            in.what = ParsedUpdate{Bytes(body.begin(), body.end())};
    }
    return in;
}

void ClientSession::bounce(std::int64_t bad_msg_id, std::int32_t code, bool resend,
                           std::vector<Event>& events) {
    const Sent* sent = find_sent(bad_msg_id);
    if (!sent) return;
    const Sent copy = *sent;
    for (auto id : copy.requests) {
        if (resend) {
            events.emplace_back(ev::Resend{id, code});
        } else {
            events.emplace_back(ev::BadMessage{id, code});
        }
    }
    for (auto id : copy.acks) queue_ack(id);  // those acks never arrived
}

void ClientSession::apply(const Incoming& in, std::vector<Event>& events) {
    if (in.seq_no % 2 == 1) queue_ack(in.msg_id);  // content-related: must be acknowledged
    if (in.duplicate) return;
    incoming_ids_.remember(in.msg_id);

    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, ParsedResult>) {
                events.emplace_back(ev::RpcResult{v.req_msg_id, v.body});
            } else if constexpr (std::is_same_v<T, ParsedError>) {
                events.emplace_back(ev::RpcError{
                    v.req_msg_id, tgs::RpcError(v.error.error_code, v.error.error_message)});
            } else if constexpr (std::is_same_v<T, mt::pong>) {
                events.emplace_back(ev::Pong{v.msg_id, v.ping_id});
            } else if constexpr (std::is_same_v<T, ParsedUpdate>) {
                events.emplace_back(ev::Update{in.msg_id, v.body});
            } else if constexpr (std::is_same_v<T, mt::msgs_ack>) {
                events.emplace_back(ev::Acked{v.msg_ids});
            } else if constexpr (std::is_same_v<T, mt::bad_server_salt>) {
                if (!find_sent(v.bad_msg_id)) return;  // not ours: ignore
                core_.set_salt(v.new_server_salt);
                bounce(v.bad_msg_id, 48, true, events);
            } else if constexpr (std::is_same_v<T, mt::bad_msg_notification>) {
                if (!find_sent(v.bad_msg_id)) return;
                if (v.error_code == 16 || v.error_code == 17) {
                    // The notification's own id carries the server's clock.
                    core_.ids().sync_to_server_msg_id(in.msg_id);
                    time_synced_ = true;
                    bounce(v.bad_msg_id, v.error_code, true, events);
                } else {
                    bounce(v.bad_msg_id, v.error_code, false, events);
                }
            } else if constexpr (std::is_same_v<T, mt::new_session_created>) {
                core_.set_salt(v.server_salt);
                events.emplace_back(ev::NewSession{v.first_msg_id, v.unique_id});
            } else if constexpr (std::is_same_v<T, ParsedDetailedInfo>) {
                // An answer we already hold only needs an ack; otherwise it is simply awaited.
                if (incoming_ids_.seen(v.answer_msg_id)) queue_ack(v.answer_msg_id);
            }
        },
        in.what);
}

std::vector<Event> ClientSession::on_packet(ByteView packet) {
    // Phase 1: verify and parse everything; any throw leaves the session untouched.
    const PlainMessage msg = decrypt_message(core_.key(), packet, Direction::ServerToClient);
    if (msg.session_id != core_.session_id()) {
        throw Error(errc::msg_session_mismatch, "message belongs to another session");
    }
    const std::int64_t now = core_.ids().server_now_ns();
    require_accepted(incoming_ids_.check(msg.msg_id, now, time_synced_));

    std::vector<Incoming> parsed;
    std::size_t inflate_budget = options_.max_inflated;  // for the whole packet
    if (is_container(msg.body)) {
        const auto inner = unpack_container(msg.body, msg.msg_id);
        parsed.reserve(inner.size());
        for (const auto& m : inner) {
            Incoming in;
            const MsgIdVerdict verdict = incoming_ids_.check(m.msg_id, now, time_synced_);
            if (verdict == MsgIdVerdict::Duplicate) {
                // A re-delivered inner message is skipped (but acked again); the rest is fatal.
                in.msg_id = m.msg_id;
                in.seq_no = m.seq_no;
                in.duplicate = true;
                parsed.push_back(std::move(in));
                continue;
            }
            require_accepted(verdict);
            parsed.push_back(classify(m.msg_id, m.seq_no, m.body, inflate_budget));
        }
        for (std::size_t i = 0; i < parsed.size(); ++i) {
            for (std::size_t j = i + 1; j < parsed.size(); ++j) {
                if (parsed[i].msg_id == parsed[j].msg_id) {
                    throw Error(errc::msg_id_duplicate, "container repeats a msg_id");
                }
            }
        }
    } else {
        parsed.push_back(classify(msg.msg_id, msg.seq_no, msg.body, inflate_budget));
    }

    // Phase 2: commit.
    std::vector<Event> events;
    incoming_ids_.remember(msg.msg_id);
    for (const auto& in : parsed) apply(in, events);
    return events;
}

}  // namespace tgs::mtproto
