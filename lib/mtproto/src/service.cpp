#include "tgs/mtproto/service.hpp"

#include <cstdio>

#include "tgs/error.hpp"
#include "tgs/tl/reader.hpp"
#include "tgs/tl/writer.hpp"

namespace tgs::mtproto {

namespace {

tl::Writer start(std::uint32_t id) {
    tl::Writer w;
    w.write_uint32(id);
    return w;
}

[[noreturn]] void unknown(std::uint32_t got, const char* wanted) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "expected %s, got constructor 0x%08x", wanted, got);
    throw Error("TL_UNKNOWN_CONSTRUCTOR", buf);
}

tl::Reader open(ByteView body, std::uint32_t id, const char* name) {
    tl::Reader r(body);
    const std::uint32_t got = r.read_uint32();
    if (got != id) unknown(got, name);
    return r;
}

}  // namespace

std::uint32_t constructor_of(ByteView body) {
    if (body.size() < 4) throw Error("MSG_BAD_LENGTH", "message body shorter than a constructor");
    return tl::Reader(body).read_uint32();
}

Bytes serialize(const MsgsAck& v) {
    auto w = start(ids::kMsgsAck);
    w.write_vector_header(v.msg_ids.size());
    for (auto id : v.msg_ids) w.write_int64(id);
    return w.take();
}

Bytes serialize(const BadMsgNotification& v) {
    auto w = start(ids::kBadMsgNotification);
    w.write_int64(v.bad_msg_id);
    w.write_int32(v.bad_msg_seqno);
    w.write_int32(v.error_code);
    return w.take();
}

Bytes serialize(const BadServerSalt& v) {
    auto w = start(ids::kBadServerSalt);
    w.write_int64(v.bad_msg_id);
    w.write_int32(v.bad_msg_seqno);
    w.write_int32(v.error_code);
    w.write_int64(v.new_server_salt);
    return w.take();
}

Bytes serialize(const NewSessionCreated& v) {
    auto w = start(ids::kNewSessionCreated);
    w.write_int64(v.first_msg_id);
    w.write_int64(v.unique_id);
    w.write_int64(v.server_salt);
    return w.take();
}

Bytes serialize(const Ping& v) {
    auto w = start(ids::kPing);
    w.write_int64(v.ping_id);
    return w.take();
}

Bytes serialize(const PingDelayDisconnect& v) {
    auto w = start(ids::kPingDelayDisconnect);
    w.write_int64(v.ping_id);
    w.write_int32(v.disconnect_delay);
    return w.take();
}

Bytes serialize(const Pong& v) {
    auto w = start(ids::kPong);
    w.write_int64(v.msg_id);
    w.write_int64(v.ping_id);
    return w.take();
}

Bytes serialize(const FutureSalts& v) {
    auto w = start(ids::kFutureSalts);
    w.write_int64(v.req_msg_id);
    w.write_int32(v.now);
    // `vector<future_salt>`: a bare vector of bare future_salt.
    w.write_int32(static_cast<std::int32_t>(v.salts.size()));
    for (const auto& s : v.salts) {
        w.write_int32(s.valid_since);
        w.write_int32(s.valid_until);
        w.write_int64(s.salt);
    }
    return w.take();
}

Bytes serialize(const GetFutureSalts& v) {
    auto w = start(ids::kGetFutureSalts);
    w.write_int32(v.num);
    return w.take();
}

Bytes serialize(const RpcErrorBody& v) {
    auto w = start(ids::kRpcError);
    w.write_int32(v.error_code);
    w.write_string(v.error_message);
    return w.take();
}

Bytes serialize_rpc_result(std::int64_t req_msg_id, ByteView result) {
    tl::Writer w(12 + result.size());
    w.write_uint32(ids::kRpcResult);
    w.write_int64(req_msg_id);
    w.write_raw(result);
    return w.take();
}

MsgsAck parse_msgs_ack(ByteView body) {
    auto r = open(body, ids::kMsgsAck, "msgs_ack");
    MsgsAck v;
    const std::size_t n = r.read_vector_header();
    v.msg_ids.reserve(n);
    for (std::size_t i = 0; i < n; ++i) v.msg_ids.push_back(r.read_int64());
    return v;
}

BadMsgNotification parse_bad_msg_notification(ByteView body) {
    auto r = open(body, ids::kBadMsgNotification, "bad_msg_notification");
    BadMsgNotification v;
    v.bad_msg_id = r.read_int64();
    v.bad_msg_seqno = r.read_int32();
    v.error_code = r.read_int32();
    return v;
}

BadServerSalt parse_bad_server_salt(ByteView body) {
    auto r = open(body, ids::kBadServerSalt, "bad_server_salt");
    BadServerSalt v;
    v.bad_msg_id = r.read_int64();
    v.bad_msg_seqno = r.read_int32();
    v.error_code = r.read_int32();
    v.new_server_salt = r.read_int64();
    return v;
}

NewSessionCreated parse_new_session_created(ByteView body) {
    auto r = open(body, ids::kNewSessionCreated, "new_session_created");
    NewSessionCreated v;
    v.first_msg_id = r.read_int64();
    v.unique_id = r.read_int64();
    v.server_salt = r.read_int64();
    return v;
}

Ping parse_ping(ByteView body) {
    auto r = open(body, ids::kPing, "ping");
    return Ping{r.read_int64()};
}

PingDelayDisconnect parse_ping_delay_disconnect(ByteView body) {
    auto r = open(body, ids::kPingDelayDisconnect, "ping_delay_disconnect");
    PingDelayDisconnect v;
    v.ping_id = r.read_int64();
    v.disconnect_delay = r.read_int32();
    return v;
}

Pong parse_pong(ByteView body) {
    auto r = open(body, ids::kPong, "pong");
    Pong v;
    v.msg_id = r.read_int64();
    v.ping_id = r.read_int64();
    return v;
}

FutureSalts parse_future_salts(ByteView body) {
    auto r = open(body, ids::kFutureSalts, "future_salts");
    FutureSalts v;
    v.req_msg_id = r.read_int64();
    v.now = r.read_int32();
    const std::int32_t n = r.read_int32();
    if (n < 0 || static_cast<std::size_t>(n) > r.remaining() / 16) {
        throw Error("TL_BAD_VECTOR", "future_salts count does not fit the data");
    }
    for (std::int32_t i = 0; i < n; ++i) {
        FutureSalt s;
        s.valid_since = r.read_int32();
        s.valid_until = r.read_int32();
        s.salt = r.read_int64();
        v.salts.push_back(s);
    }
    return v;
}

GetFutureSalts parse_get_future_salts(ByteView body) {
    auto r = open(body, ids::kGetFutureSalts, "get_future_salts");
    return GetFutureSalts{r.read_int32()};
}

MsgDetailedInfo parse_msg_detailed_info(ByteView body) {
    tl::Reader r(body);
    const std::uint32_t id = r.read_uint32();
    MsgDetailedInfo v;
    if (id == ids::kMsgDetailedInfo) {
        v.msg_id = r.read_int64();
    } else if (id != ids::kMsgNewDetailedInfo) {
        unknown(id, "msg_detailed_info");
    }
    v.answer_msg_id = r.read_int64();
    v.bytes = r.read_int32();
    v.status = r.read_int32();
    return v;
}

RpcResultView parse_rpc_result(ByteView body) {
    auto r = open(body, ids::kRpcResult, "rpc_result");
    RpcResultView v;
    v.req_msg_id = r.read_int64();
    v.result = r.read_rest();
    return v;
}

RpcErrorBody parse_rpc_error(ByteView body) {
    auto r = open(body, ids::kRpcError, "rpc_error");
    RpcErrorBody v;
    v.error_code = r.read_int32();
    v.error_message = r.read_string();
    return v;
}

}  // namespace tgs::mtproto
