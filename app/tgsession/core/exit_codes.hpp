// Process exit codes (docs/architecture.md §3, sysexits-style) and the one table that maps library
// errors to them. Every command reports failures through classify() so the mapping lives in one
// place.
#pragma once

#include <cstdint>
#include <exception>
#include <optional>
#include <string>

namespace tgsession {

enum ExitCode : int {
    kExitOk = 0,
    kExitNotAuthorized = 1,
    kExitUsage = 64,
    kExitBadInput = 65,
    kExitNoInput = 66,
    kExitUnavailable = 69,
    kExitInternal = 70,
    kExitResource = 71,  // out of descriptors, memory or threads (never "corrupt")
    kExitCannotWrite = 73,
    kExitTempFail = 75,         // flood wait: retry later
    kExitRejected = 77,         // bad code, bad password, bad token, a number with no account
    kExitPaymentRequired = 80,  // Telegram sends this number's code only after a payment
};

/// What the CLI tells the user about a failure.
struct Failure {
    int exit_code = kExitInternal;
    std::string code;     // stable identifier, e.g. RPC_FLOOD_WAIT, SESSION_CORRUPT (errors.hpp)
    std::string message;  // prose, never contains secrets
    std::optional<std::int64_t> retry_after;  // seconds, for flood waits
};

/// Exit code for a tgs::Error code (e.g. NET_CONNECT_FAILED, RPC_PHONE_CODE_INVALID).
/// `rpc_error_code` is the server's numeric code (400, 420, 500...) when the error came from RPC.
int exit_code_for(const std::string& error_code, std::optional<int> rpc_error_code = std::nullopt);
/// True if the table names `error_code` (exactly or by prefix), i.e. its exit code is a decision,
/// not the fallback for codes nobody listed.
bool has_exit_rule(const std::string& error_code);

/// Classifies any exception thrown by the library or the CLI itself.
Failure classify(const std::exception& e);

/// Thrown by the CLI for usage problems (exit 64); `code` names the missing/wrong input
/// (errc::usage, or e.g. errc::usage_email when a login branch needs --email). errors.hpp stays
/// out of this header: files that alias another layer's errc include it.
class UsageError : public std::exception {
  public:
    explicit UsageError(std::string message);  // errc::usage
    UsageError(std::string message, std::string code)
        : message_(std::move(message)), code_(std::move(code)) {}
    const char* what() const noexcept override { return message_.c_str(); }
    const std::string& code() const noexcept { return code_; }

  private:
    std::string message_;
    std::string code_;
};

}  // namespace tgsession
