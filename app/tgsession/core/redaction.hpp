// The log redaction guard: every secret the CLI obtains is registered here, and the stderr log
// sink replaces any occurrence (plus anything shaped like a bot token) before writing.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace spdlog {
class logger;
}

namespace tgsession {

class Redactor {
  public:
    static Redactor& global();

    /// Registers a secret of any length. One of 4 or more characters is replaced wherever it
    /// occurs; a shorter one only where it stands alone (no letter or digit either side), so
    /// a 3-digit secret does not mask every number in a line. Bot-token and long hex patterns
    /// apply to unregistered values too.
    void add(const std::string& secret);
    std::string apply(std::string text) const;
    /// Forgets (and wipes) every registered secret.
    void clear();
    ~Redactor();

  private:
    mutable std::mutex mutex_;
    std::vector<std::string> secrets_;
};

inline constexpr const char* kRedacted = "[redacted]";

/// Installs the default spdlog logger: stderr, redacting, level from -v/-q count.
/// verbosity: <0 quiet (errors only), 0 warnings, 1 info, 2+ debug.
std::shared_ptr<spdlog::logger> install_logger(int verbosity);

}  // namespace tgsession
