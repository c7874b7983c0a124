// An error answered by the server (rpc_error), split like Telethon v2 does:
// "FLOOD_WAIT_42" → name "FLOOD_WAIT", value 42; error_code is the RPC code (303, 400, 420, ...).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "tgs/error.hpp"

namespace tgs {

class RpcError : public Error {
  public:
    RpcError(int error_code, const std::string& message);

    int error_code() const noexcept { return error_code_; }
    const std::string& name() const noexcept { return name_; }
    std::optional<std::int64_t> value() const noexcept { return value_; }
    /// The server's text, e.g. "PHONE_MIGRATE_2".
    const std::string& server_message() const noexcept { return server_message_; }

    /// Whether name() is `pattern`, or starts with it when it ends in '*':
    /// is("PHONE_CODE_*") matches PHONE_CODE_INVALID, PHONE_CODE_EXPIRED, PHONE_CODE_EMPTY.
    bool is(std::string_view pattern) const noexcept;
    /// Whether any of the patterns matches (see is()).
    bool is_any(std::initializer_list<std::string_view> patterns) const noexcept;

    /// Splits "NAME_123_REST" into ("NAME_REST", 123): the first run of digits is the value.
    static std::pair<std::string, std::optional<std::int64_t>> split(const std::string& message);

  private:
    int error_code_;
    std::string server_message_;
    std::string name_;
    std::optional<std::int64_t> value_;
};

}  // namespace tgs
