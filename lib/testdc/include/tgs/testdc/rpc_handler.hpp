// The test DC's API: takes one decrypted request body (TL function call, possibly wrapped in
// invokeWithLayer/initConnection/invokeWithoutUpdates) plus who sent it, and returns the body
// to put into rpc_result (the result, or an rpc_error). Sans-IO: time and randomness are
// passed in, pushes to other connections are returned, not sent. Thread-safe (one mutex).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "tgs/bytes.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/testdc/accounts.hpp"
#include "tgs/testdc/cluster_state.hpp"
#include "tgs/testdc/layer.hpp"

namespace tgs::testdc {

struct CallContext {
    int dc_id = 1;                  // the DC this connection reached
    std::uint64_t auth_key_id = 0;  // must be registered in the ClusterState
    std::int64_t msg_id = 0;        // the request's msg_id (pong carries it)
    std::int64_t session_id = 0;    // the client's session (auth.bindTempAuthKey checks it)
    std::string client_ip;
    std::int64_t now = 0;  // unix seconds
};

/// An update for another connection: deliver `body` (an Updates object) on every session of
/// `auth_key_id`.
struct Push {
    std::uint64_t auth_key_id = 0;
    Bytes body;
};

struct Reply {
    Bytes body;  // the result, or rpc_error#2144ca19
    /// True for service answers (pong) that go out as their own message, not in rpc_result.
    bool plain = false;
    std::optional<std::string> error;  // "PHONE_MIGRATE_2" etc. when body is an rpc_error
    std::int32_t error_code = 0;
    std::vector<Push> pushes;
    /// No answer at all: only a substituted handler sets it (a test lets the client time out).
    bool silent = false;
};

/// Larger requests are refused with 400 INPUT_REQUEST_TOO_LONG before decoding, so a hostile
/// client cannot make the handler decode (and keep) megabytes per request. Deep nesting through
/// self-referencing types (JSONValue in initConnection.params) is bounded separately by the TL
/// reader (tl::Reader::kMaxNesting, TL_TOO_DEEP). Every login request is far smaller.
inline constexpr std::size_t kMaxRequestBytes = 64 * 1024;

/// Telegram's 2048-bit 2FA / DH prime (also used by the handshake) and g = 3.
const Bytes& telegram_prime();
inline constexpr int kSrpG = 3;

namespace methods {
struct Services;
}

/// Answers requests by constructor id from the method table in src/methods (one file per
/// service), under one mutex.
class RpcHandler {
  public:
    RpcHandler(Accounts accounts, ClusterState& state, crypto::RandomSource random);
    ~RpcHandler();
    RpcHandler(const RpcHandler&) = delete;
    RpcHandler& operator=(const RpcHandler&) = delete;

    Reply handle(const CallContext& ctx, ByteView request);

    /// The layer family the auth key declared (228 if none yet).
    LayerFamily layer_of(std::uint64_t auth_key_id);
    /// Set when the persisted state changed (login, logout, layer, ...): the app saves then.
    bool take_dirty();
    struct Changes {
        bool dirty = false;    // logins, logouts, keys, layers: worth saving soon
        bool touched = false;  // activity only (device info, date_active): save lazily
    };
    /// Both flags at once, each cleared.
    Changes take_changes();
    std::mutex& mutex() { return mutex_; }

  private:
    ClusterState& state_;
    std::unique_ptr<methods::Services> services_;
    std::mutex mutex_;
};

}  // namespace tgs::testdc
