// The one exception type the library throws. `code` is a stable, upper-case identifier that
// tests and the CLI match on (e.g. "DH_PRIME_INVALID", "MSG_KEY_MISMATCH"); `what()` is prose.
#pragma once

#include <stdexcept>
#include <string>

namespace tgs {

class Error : public std::runtime_error {
  public:
    Error(std::string code, const std::string& message);
    const std::string& code() const noexcept { return code_; }

  private:
    std::string code_;
};

}  // namespace tgs
