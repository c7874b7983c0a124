#include "tgs/testdc/rpc_handler.hpp"

#include <utility>

#include "methods/method.hpp"
#include "tgs/crypto/dh.hpp"
#include "tgs/error.hpp"
#include "wire.hpp"

namespace tgs::testdc {

const Bytes& telegram_prime() {
    return crypto::telegram_dh_prime();
}

namespace {

Reply error_reply(std::int32_t code, std::string message, Reply reply = {}) {
    reply.body = wire::rpc_error(code, message);
    reply.error = std::move(message);
    reply.error_code = code;
    reply.plain = false;
    return reply;
}

}  // namespace

RpcHandler::RpcHandler(Accounts accounts, ClusterState& state, crypto::RandomSource random)
    : state_(state),
      services_(std::make_unique<methods::Services>(
          methods::Services{std::move(accounts),
                            state,
                            random ? std::move(random) : crypto::system_random(),
                            false,
                            false,
                            {}})) {}

RpcHandler::~RpcHandler() = default;

LayerFamily RpcHandler::layer_of(std::uint64_t auth_key_id) {
    std::lock_guard lock(mutex_);
    auto* key = state_.find_auth_key(auth_key_id);
    return layer_family(key ? key->layer : 0);
}

bool RpcHandler::take_dirty() {
    std::lock_guard lock(mutex_);
    return std::exchange(services_->dirty, false);
}

RpcHandler::Changes RpcHandler::take_changes() {
    std::lock_guard lock(mutex_);
    return {std::exchange(services_->dirty, false), std::exchange(services_->touched, false)};
}

Reply RpcHandler::handle(const CallContext& ctx, ByteView request) {
    std::lock_guard lock(mutex_);
    auto* key = state_.find_auth_key(ctx.auth_key_id);
    if (!key) return error_reply(401, "AUTH_KEY_INVALID");
    if (key->bound_to != 0) {
        // A bound temporary key: the call is the permanent key's (its user, layer, record).
        key = state_.find_auth_key(key->bound_to);
        if (!key) return error_reply(401, "AUTH_KEY_PERM_EMPTY");
    }
    if (request.size() > kMaxRequestBytes) return error_reply(400, "INPUT_REQUEST_TOO_LONG");
    methods::Call call{ctx, *key, key->layer, *services_, methods::all_methods(), {}};
    try {
        call.reply.body = call.dispatch(request);
        return std::move(call.reply);
    } catch (const methods::RpcFail& f) {
        // Pushes made before the failure still go out.
        return error_reply(f.code, f.message, std::move(call.reply));
    } catch (const Error&) {
        // Malformed TL from the client.
        return error_reply(400, "INPUT_REQUEST_INVALID");
    }
}

}  // namespace tgs::testdc
