// An error answered by the server (rpc_error), split like Telethon v2 does:
// "FLOOD_WAIT_42" → name "FLOOD_WAIT", value 42; error_code is the RPC code (303, 400, 420, ...).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

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

    /// Splits "NAME_123_REST" into ("NAME_REST", 123): the first run of digits is the value.
    static std::pair<std::string, std::optional<std::int64_t>> split(const std::string& message);

  private:
    int error_code_;
    std::string server_message_;
    std::string name_;
    std::optional<std::int64_t> value_;
};

}  // namespace tgs
