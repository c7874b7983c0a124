// What clients call in their first seconds after a login (update loop, config, profile,
// language pack, dialogs, contacts), answered as Telegram answers an account with no chats,
// contacts or updates. Methods are recognised by name through the layer history, so an older
// layer's method id (help.getAppConfig#98914110, users.getFullUser#ca30a5b1, ...) works too.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "tgs/bytes.hpp"
#include "tgs/testdc/cluster_state.hpp"

namespace tgs::testdc {

struct PostLoginCall {
    std::int32_t layer = 0;  // as declared
    std::int64_t now = 0;
    int dc_id = 1;
    const BoundUser* me = nullptr;  // null before login
};

struct PostLoginAnswer {
    Bytes body;
    std::int32_t error_code = 0;  // non-zero: answer rpc_error(error_code, error)
    std::string error;
};

/// The answer, or nullopt when `request` is none of these methods.
std::optional<PostLoginAnswer> answer_post_login(const PostLoginCall& call, ByteView request);

}  // namespace tgs::testdc
