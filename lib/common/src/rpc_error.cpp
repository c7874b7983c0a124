#include "tgs/rpc_error.hpp"

#include <cctype>

namespace tgs {

std::pair<std::string, std::optional<std::int64_t>> RpcError::split(const std::string& message) {
    std::size_t start = 0;
    while (start < message.size() && !std::isdigit(static_cast<unsigned char>(message[start]))) {
        ++start;
    }
    if (start == message.size()) return {message, std::nullopt};
    std::size_t end = start;
    while (end < message.size() && std::isdigit(static_cast<unsigned char>(message[end]))) ++end;
    std::int64_t value = 0;
    for (std::size_t i = start; i < end && i < start + 18; ++i)
        value = value * 10 + (message[i] - '0');
    std::string name = message.substr(0, start) + message.substr(end);
    // "FLOOD_WAIT_" + "" → "FLOOD_WAIT"; "A_2_B" → "A__B" → "A_B".
    while (!name.empty() && name.back() == '_') name.pop_back();
    if (auto dbl = name.find("__"); dbl != std::string::npos) name.erase(dbl, 1);
    return {name, value};
}

RpcError::RpcError(int error_code, const std::string& message)
    : Error("RPC_" + split(message).first,
            "server answered " + std::to_string(error_code) + " " + message),
      error_code_(error_code),
      server_message_(message) {
    auto [name, value] = split(message);
    name_ = std::move(name);
    value_ = value;
}

bool RpcError::is(std::string_view pattern) const noexcept {
    const std::string_view name = name_;
    if (!pattern.empty() && pattern.back() == '*') {
        pattern.remove_suffix(1);
        return name.starts_with(pattern);
    }
    return name == pattern;
}

bool RpcError::is_any(std::initializer_list<std::string_view> patterns) const noexcept {
    for (auto p : patterns) {
        if (is(p)) return true;
    }
    return false;
}

}  // namespace tgs
