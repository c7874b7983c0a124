// Message identifiers: generation (time-based, monotonic, parity by role) and validation of
// incoming ids (parity, age, duplicates). Time is injected so tests can move the clock.
#pragma once

#include <cstdint>
#include <functional>
#include <set>

namespace tgs::mtproto {

/// Wall-clock time in nanoseconds since the Unix epoch.
using Clock = std::function<std::int64_t()>;
Clock system_clock();

inline constexpr std::int64_t kNanosPerSecond = 1'000'000'000;

/// Unix time (ns) a msg_id stands for: upper 32 bits seconds, lower 32 bits the fraction.
std::int64_t msg_id_to_unix_ns(std::int64_t msg_id);

/// Which parity a generated id gets: client ids ≡ 0 mod 4; server ids ≡ 1 (a response to a
/// client message) or ≡ 3 (anything else).
enum class MsgIdKind { Client, ServerResponse, ServerOther };

class MsgIdGenerator {
  public:
    explicit MsgIdGenerator(Clock clock, std::int64_t time_offset_ns = 0)
        : clock_(std::move(clock)), offset_ns_(time_offset_ns) {}

    /// A new id > every id returned before, with the lower 32 bits non-zero.
    std::int64_t next(MsgIdKind kind);

    /// Local time corrected by the offset: our best guess of the server's clock (ns).
    std::int64_t server_now_ns() const { return clock_() + offset_ns_; }
    std::int64_t time_offset_ns() const { return offset_ns_; }
    /// Re-bases the offset so that "now" equals the time encoded in a trusted server msg_id,
    /// and forgets the last id (ids made with a wrong clock must not hold new ones back).
    void sync_to_server_msg_id(std::int64_t server_msg_id);
    void set_time_offset_ns(std::int64_t offset_ns) { offset_ns_ = offset_ns; }

  private:
    Clock clock_;
    std::int64_t offset_ns_ = 0;
    std::int64_t last_ = 0;
};

/// What an incoming msg_id must satisfy.
struct MsgIdRules {
    bool expect_server_ids = true;  // odd (server→client) or ≡ 0 mod 4 (client→server)
    std::int64_t max_past_ns = 300 * kNanosPerSecond;
    std::int64_t max_future_ns = 30 * kNanosPerSecond;
    std::size_t window = 1024;  // how many recent ids are remembered for duplicate detection
};

/// What the window says of an incoming msg_id. A refusal is a value, not an exception: the
/// sessions skip duplicates inside a container and answer bad ids with bad_msg_notification.
enum class MsgIdVerdict {
    Accepted,
    WrongParity,  // MSG_ID_PARITY
    TooOld,       // MSG_ID_TOO_OLD: older than max_past, or below a full window
    TooNew,       // MSG_ID_TOO_NEW
    Duplicate,    // MSG_ID_DUPLICATE
};

/// The MSG_ID_* error code of a refusal (nullptr for Accepted).
const char* msg_id_error_code(MsgIdVerdict verdict);
/// Throws tgs::Error with that code for anything but Accepted.
void require_accepted(MsgIdVerdict verdict);

/// Remembers recent incoming ids. check() judges an id and changes nothing; remember() records
/// an accepted one.
class MsgIdWindow {
  public:
    explicit MsgIdWindow(MsgIdRules rules = {}) : rules_(rules) {}

    /// `now_ns` is the (corrected) current time; while `time_synced` is false only parity,
    /// duplicates and the window bound are checked.
    MsgIdVerdict check(std::int64_t msg_id, std::int64_t now_ns, bool time_synced) const;
    void remember(std::int64_t msg_id);
    bool seen(std::int64_t msg_id) const { return ids_.count(msg_id) != 0; }
    void clear() { ids_.clear(); }

  private:
    MsgIdRules rules_;
    std::set<std::int64_t> ids_;
};

}  // namespace tgs::mtproto
