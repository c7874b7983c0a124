#include "tgs/error.hpp"

namespace tgs {

Error::Error(std::string code, const std::string& message)
    : std::runtime_error(code + ": " + message), code_(std::move(code)) {}

}  // namespace tgs
