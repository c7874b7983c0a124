#include "tgs/testdc/rpc_handler.hpp"

#include <utility>

#include "methods/method.hpp"
#include "tgs/error.hpp"
#include "wire.hpp"

namespace tgs::testdc {

const Bytes& telegram_prime() {
    static const Bytes p = from_hex(
        "c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f"
        "48198a0aa7c14058229493d22530f4dbfa336f6e0ac925139543aed44cce7c37"
        "20fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f64"
        "2477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4"
        "a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754"
        "fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4"
        "e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f"
        "0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b");
    return p;
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

Reply RpcHandler::handle(const CallContext& ctx, ByteView request) {
    std::lock_guard lock(mutex_);
    auto* key = state_.find_auth_key(ctx.auth_key_id);
    if (!key) return error_reply(401, "AUTH_KEY_INVALID");
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
