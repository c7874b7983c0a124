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
#include <unordered_map>
#include <vector>

#include "context.hpp"
#include "exit_codes.hpp"
#include "json_fields.hpp"
#include "tgs/session/batch_read.hpp"

namespace tgsession {

struct StatusResult {
    StatusReport report;
    int exit_code = kExitOk;
    /// The file an earlier input already read (a link to it, or a hard link): its check is
    /// that one's; nothing to print or count.
    bool repeat = false;
    /// Out of descriptors, memory or threads (exit 71): worth trying again, never the file's
    /// fault.
    bool resource_error() const { return exit_code == kExitResource; }
};

/// Reads the sessions status checks, by index into its list (sessions in a store are read
/// ahead in batches: tgs/session/batch_read.hpp); asks for the seal passphrase once, at the
/// first sealed file (every later one reuses it, or gets the same SESSION_SEAL_KEY_REQUIRED).
/// With `lease`, a store session is leased from its load until release(): an online check
/// uses the auth key, and a session another process holds is SESSION_LOCKED instead. Safe to
/// share between threads.
class SessionReader {
  public:
    SessionReader(const AppContext& ctx, std::vector<std::string> locations, bool lease)
        : ctx_(ctx), sessions_(std::move(locations), {.lease = lease}) {}
    std::size_t size() const { return sessions_.size(); }
    /// Store sessions named again (alone, or through their whole store): checked once.
    std::size_t repeats() const { return sessions_.repeats(); }
    std::string location(std::size_t i) const { return sessions_.location(i); }
    /// Throws RepeatedFile when session i is a file that another index was read from (the
    /// same device, inode and change time: named through a link, or a hard link): checked
    /// once, where it was read first. Known from the descriptor the read opens anyway, so a
    /// name costs no extra system call, and a file that fails to read is a repeat too.
    tgs::session::LoadedSession load(std::size_t i);
    /// Done with session i (its lease, if it has one, goes back).
    void release(std::size_t i) { sessions_.release(i); }

    struct RepeatedFile {};

  private:
    tgs::session::LoadedSession read(std::size_t i, tgs::session::FileIdentity& file);
    /// Records that session i read `file`; true when another index read it first.
    bool read_before(std::size_t i, const tgs::session::FileIdentity& file);
    /// Asks for the seal key at most once (under the lock: one prompt, not one per thread);
    /// true when key_ holds it.
    bool have_seal_key();

    const AppContext& ctx_;
    tgs::session::BatchReader sessions_;
    std::mutex mutex_;
    std::optional<tgs::session::SealKey> key_;
    std::atomic<bool> key_ready_{false};
    bool key_asked_ = false;
    struct FileHash {
        std::size_t operator()(const tgs::session::FileIdentity& f) const noexcept {
            return std::hash<std::uint64_t>()(f.inode * 31 + f.device);
        }
    };
    std::mutex files_mutex_;
    std::unordered_map<tgs::session::FileIdentity, std::size_t, FileHash> files_;  // -> index
};

StatusResult check_offline(SessionReader& reader, std::size_t index);

/// Runs on the awaiting coroutine's executor; never throws (failures are results). Releases
/// the session when done.
asio::awaitable<StatusResult> check_online(const tgs::auth::ClientConfig& config,
                                           SessionReader& reader, std::size_t index);

}  // namespace tgsession
