// msg_container#73f1f8dc: several messages sent as one. Layout: count:int, then per message
// msg_id:long seqno:int bytes:int body. No nesting, at most 1024 messages.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "tgs/bytes.hpp"

namespace tgs::mtproto {

inline constexpr std::size_t kMaxContainerMessages = 1024;

struct InnerMessage {
    std::int64_t msg_id = 0;
    std::int32_t seq_no = 0;
    Bytes body;
};

bool is_container(ByteView body);

/// Serializes the container body (with its constructor id). Throws MSG_CONTAINER_TOO_LARGE
/// beyond 1024 messages and MSG_CONTAINER_NESTED if a body is itself a container.
Bytes pack_container(std::span<const InnerMessage> messages);

/// Parses a container body. `container_msg_id` must exceed every inner id.
/// Errors: MSG_CONTAINER_TOO_LARGE, MSG_CONTAINER_NESTED, MSG_CONTAINER_INVALID (bad count,
/// length not ≡ 0 mod 4 or past the end, inner id ≥ container id, trailing bytes).
std::vector<InnerMessage> unpack_container(ByteView body, std::int64_t container_msg_id);

}  // namespace tgs::mtproto
