// One file's `status` answer: what the file says (--offline) or what the server says about its
// key. The offline check is a plain function (no thread, one SQLite open and one read); the
// online one is a coroutine for the caller's io_context (status_online.hpp runs many).
#pragma once

#include <asio/awaitable.hpp>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <string>

#include "context.hpp"
#include "exit_codes.hpp"
#include "json_fields.hpp"

namespace tgsession {

struct StatusResult {
    StatusReport report;
    int exit_code = kExitOk;
    /// Out of descriptors, memory or threads (exit 71): worth trying again, never the file's
    /// fault.
    bool resource_error() const { return exit_code == kExitResource; }
};

/// Reads session files for status; asks for the seal passphrase once, at the first sealed file
/// (every later one reuses it, or gets the same SESSION_SEAL_KEY_REQUIRED). Safe to share
/// between threads.
class SessionReader {
  public:
    explicit SessionReader(const AppContext& ctx) : ctx_(ctx) {}
    tgs::session::LoadedSession load(const std::string& path);

  private:
    /// Asks for the seal key at most once (under the lock: one prompt, not one per thread);
    /// true when key_ holds it.
    bool have_seal_key();

    const AppContext& ctx_;
    std::mutex mutex_;
    std::optional<tgs::session::SealKey> key_;
    std::atomic<bool> key_ready_{false};
    bool key_asked_ = false;
};

StatusResult check_offline(SessionReader& reader, const std::string& path);

/// Runs on the awaiting coroutine's executor; never throws (failures are results).
asio::awaitable<StatusResult> check_online(const tgs::auth::ClientConfig& config,
                                           SessionReader& reader, std::string path);

}  // namespace tgsession
