// MTProto service messages (core.telegram.org/mtproto/service_messages), hand-serialized with
// tl::Writer/Reader. Kept behind these small helpers so moving to the generated tgs::tl::mt
// types later only touches service.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tgs/bytes.hpp"

namespace tgs::mtproto {

namespace ids {
inline constexpr std::uint32_t kMsgContainer = 0x73f1f8dc;
inline constexpr std::uint32_t kRpcResult = 0xf35c6d01;
inline constexpr std::uint32_t kRpcError = 0x2144ca19;
inline constexpr std::uint32_t kGzipPacked = 0x3072cfa1;
inline constexpr std::uint32_t kMsgsAck = 0x62d6b459;
inline constexpr std::uint32_t kBadMsgNotification = 0xa7eff811;
inline constexpr std::uint32_t kBadServerSalt = 0xedab447b;
inline constexpr std::uint32_t kNewSessionCreated = 0x9ec20908;
inline constexpr std::uint32_t kPing = 0x7abe77ec;
inline constexpr std::uint32_t kPingDelayDisconnect = 0xf3427b8c;
inline constexpr std::uint32_t kPong = 0x347773c5;
inline constexpr std::uint32_t kGetFutureSalts = 0xb921bd04;
inline constexpr std::uint32_t kFutureSalts = 0xae500895;
inline constexpr std::uint32_t kFutureSalt = 0x0949d9dc;
inline constexpr std::uint32_t kMsgsStateReq = 0xda69fb52;
inline constexpr std::uint32_t kMsgsStateInfo = 0x04deb57d;
inline constexpr std::uint32_t kMsgsAllInfo = 0x8cc0d131;
inline constexpr std::uint32_t kMsgDetailedInfo = 0x276d3ec6;
inline constexpr std::uint32_t kMsgNewDetailedInfo = 0x809db6df;
inline constexpr std::uint32_t kMsgResendReq = 0x7d861a08;
inline constexpr std::uint32_t kDestroySession = 0xe7512126;
inline constexpr std::uint32_t kDestroySessionOk = 0xe22045fc;
inline constexpr std::uint32_t kDestroySessionNone = 0x62d350c9;
inline constexpr std::uint32_t kHttpWait = 0x9299359f;
}  // namespace ids

/// The constructor id at the start of a body (MSG_BAD_LENGTH if shorter than 4 bytes).
std::uint32_t constructor_of(ByteView body);

struct MsgsAck {
    std::vector<std::int64_t> msg_ids;
};
struct BadMsgNotification {
    std::int64_t bad_msg_id = 0;
    std::int32_t bad_msg_seqno = 0;
    std::int32_t error_code = 0;
};
struct BadServerSalt {
    std::int64_t bad_msg_id = 0;
    std::int32_t bad_msg_seqno = 0;
    std::int32_t error_code = 48;
    std::int64_t new_server_salt = 0;
};
struct NewSessionCreated {
    std::int64_t first_msg_id = 0;
    std::int64_t unique_id = 0;
    std::int64_t server_salt = 0;
};
struct Ping {
    std::int64_t ping_id = 0;
};
struct PingDelayDisconnect {
    std::int64_t ping_id = 0;
    std::int32_t disconnect_delay = 0;
};
struct Pong {
    std::int64_t msg_id = 0;
    std::int64_t ping_id = 0;
};
struct FutureSalt {
    std::int32_t valid_since = 0;
    std::int32_t valid_until = 0;
    std::int64_t salt = 0;
};
struct FutureSalts {
    std::int64_t req_msg_id = 0;
    std::int32_t now = 0;
    std::vector<FutureSalt> salts;
};
struct GetFutureSalts {
    std::int32_t num = 0;
};
struct MsgDetailedInfo {  // also msg_new_detailed_info (then msg_id is 0)
    std::int64_t msg_id = 0;
    std::int64_t answer_msg_id = 0;
    std::int32_t bytes = 0;
    std::int32_t status = 0;
};
/// rpc_result#f35c6d01 req_msg_id:long result:Object
struct RpcResultView {
    std::int64_t req_msg_id = 0;
    ByteView result;  // points into the parsed buffer
};
/// rpc_error#2144ca19 error_code:int error_message:string
struct RpcErrorBody {
    std::int32_t error_code = 0;
    std::string error_message;
};

Bytes serialize(const MsgsAck& v);
Bytes serialize(const BadMsgNotification& v);
Bytes serialize(const BadServerSalt& v);
Bytes serialize(const NewSessionCreated& v);
Bytes serialize(const Ping& v);
Bytes serialize(const PingDelayDisconnect& v);
Bytes serialize(const Pong& v);
Bytes serialize(const FutureSalts& v);
Bytes serialize(const GetFutureSalts& v);
Bytes serialize(const RpcErrorBody& v);
/// rpc_result wrapping an already serialized result object.
Bytes serialize_rpc_result(std::int64_t req_msg_id, ByteView result);

/// Parsers check the constructor id (TL_UNKNOWN_CONSTRUCTOR otherwise) and bounds (TL_*).
MsgsAck parse_msgs_ack(ByteView body);
BadMsgNotification parse_bad_msg_notification(ByteView body);
BadServerSalt parse_bad_server_salt(ByteView body);
NewSessionCreated parse_new_session_created(ByteView body);
Ping parse_ping(ByteView body);
PingDelayDisconnect parse_ping_delay_disconnect(ByteView body);
Pong parse_pong(ByteView body);
FutureSalts parse_future_salts(ByteView body);
GetFutureSalts parse_get_future_salts(ByteView body);
MsgDetailedInfo parse_msg_detailed_info(ByteView body);  // either detailed-info constructor
RpcResultView parse_rpc_result(ByteView body);
RpcErrorBody parse_rpc_error(ByteView body);

}  // namespace tgs::mtproto
