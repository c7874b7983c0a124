// What a test-DC RPC method is and what it may use. Each service (help, codes and sign-in,
// password, QR, ...) is one file here with a `register_<service>(MethodTable&)` that adds its
// methods by constructor id; registry.cpp lists the services. Adding a method: write the
// function in its service file and add one line to that file's register function.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>

#include "tgs/bytes.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/testdc/accounts.hpp"
#include "tgs/testdc/cluster_state.hpp"
#include "tgs/testdc/rpc_handler.hpp"
#include "tgs/tl/reader.hpp"

namespace tgs::testdc::methods {

/// An RPC error answer, thrown inside a method and turned into rpc_error by RpcHandler.
struct RpcFail {
    std::int32_t code;
    std::string message;
};
[[noreturn]] void fail(std::int32_t code, std::string message);

BoundUser bound(const UserAccount& u);
BoundUser bound(const BotAccount& b);

/// The handler's long-lived state, shared by every method (guarded by RpcHandler's mutex).
struct Services {
    Accounts accounts;
    ClusterState& state;
    crypto::RandomSource random;
    bool dirty = false;  // persisted state changed: the server saves it soon
    // Only activity changed (initConnection's device info, date_active): saved too, but
    // lazily. Every request of every connection does this, and rewriting megabytes of state
    // twice a second for it was most of the test DC's CPU during a fleet check.
    bool touched = false;
    struct Verifier {
        Bytes salt1, salt2, v;
    };
    std::map<std::int64_t, Verifier> verifiers;  // per user id, computed once (PBKDF2 is slow)

    Bytes random_bytes(std::size_t n) const;
    /// Never 0 (0 means "none" in several fields).
    std::int64_t random_i64() const;
    /// The account when the user has 2FA on.
    std::optional<UserAccount> password_of(std::int64_t user_id) const;
};

class MethodTable;

/// One request being answered: who sent it, in which layer, and the reply being built.
struct Call {
    const CallContext& ctx;
    AuthKeyRecord& key;
    std::int32_t layer;  // as declared (0: not yet); answers are encoded in it
    Services& svc;
    const MethodTable& methods;
    Reply reply;

    const ClusterOptions& options() const { return svc.state.options(); }
    BoundUser require_user() const;  // 401 AUTH_KEY_UNREGISTERED when logged out
    /// Logs this auth key in as `u` (a new authorization record).
    void bind(const BoundUser& u);
    /// A user who passed the code/QR step: 2FA next (SESSION_PASSWORD_NEEDED), or logged in.
    void finish_login(const BoundUser& u);
    static void check_api(std::int32_t api_id, const std::string& api_hash);
    /// Answers a (nested) request: looks its constructor id up in the table.
    Bytes dispatch(ByteView request);
};

/// A method reads its arguments from `r` (positioned at the constructor id) and returns the
/// result's bytes, or calls fail().
using Method = Bytes (*)(Call& call, tl::Reader& r);

class MethodTable {
  public:
    /// Throws errc::method_duplicate when `id` is taken.
    void add(std::uint32_t id, Method method);
    /// Adds `method` under every id the method `tl_name` had in the recorded layers
    /// (tgs/tl/layered.hpp), so clients of older layers reach it too.
    void add_every_layer(const char* tl_name, Method method);
    /// The method for `id`, or null.
    Method find(std::uint32_t id) const;

  private:
    std::unordered_map<std::uint32_t, Method> methods_;
};

/// Every service's methods (built once).
const MethodTable& all_methods();

// One per service file.
void register_protocol(MethodTable& t);
void register_help(MethodTable& t);
void register_auth_code(MethodTable& t);
void register_password(MethodTable& t);
void register_bot(MethodTable& t);
void register_qr_login(MethodTable& t);
void register_auth_transfer(MethodTable& t);
void register_authorizations(MethodTable& t);
void register_users(MethodTable& t);
void register_login_branches(MethodTable& t);
void register_updates(MethodTable& t);
void register_profile(MethodTable& t);
void register_app_config(MethodTable& t);
void register_dialogs(MethodTable& t);
void register_bind_temp_auth_key(MethodTable& t);
// What Telegram Desktop 4.6.5 (layer 152) calls right after it starts logged in.
void register_startup_dialogs(MethodTable& t);
void register_startup_stickers(MethodTable& t);
void register_startup_help(MethodTable& t);
void register_startup_account(MethodTable& t);

}  // namespace tgs::testdc::methods
