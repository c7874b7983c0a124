// Wrappers a client puts around its requests (layer, connection info, no updates, after msg)
// and the pings that arrive as RPCs.
#include "../wire.hpp"
#include "method.hpp"
#include "tgs/tl/api.hpp"
#include "tgs/tl/mt.hpp"

namespace tgs::testdc::methods {

namespace {

namespace api = tl::api;
namespace mt = tl::mt;

Bytes invoke_with_layer(Call& call, tl::Reader& r) {
    const auto q = api::read<api::invokeWithLayer>(r);
    if (call.key.layer != q.layer) {
        call.key.layer = q.layer;
        call.svc.dirty = true;
    }
    call.layer = q.layer;
    return call.dispatch(q.query.data);
}

Bytes init_connection(Call& call, tl::Reader& r) {
    const auto q = api::read<api::initConnection>(r);
    auto& a = call.key.authorization;
    a.api_id = q.api_id;
    a.device_model = q.device_model;
    a.system_version = q.system_version;
    a.app_version = q.app_version;
    a.app_name = "api_id " + std::to_string(a.api_id);
    a.platform = a.system_version.substr(0, a.system_version.find(' '));
    a.ip = call.ctx.client_ip;
    a.date_active = call.ctx.now;
    call.svc.touched = true;
    return call.dispatch(q.query.data);
}

Bytes invoke_without_updates(Call& call, tl::Reader& r) {
    return call.dispatch(api::read<api::invokeWithoutUpdates>(r).query.data);
}

Bytes invoke_after_msg(Call& call, tl::Reader& r) {
    return call.dispatch(api::read<api::invokeAfterMsg>(r).query.data);
}

// A pong goes out as its own message, not inside rpc_result.
Bytes ping(Call& call, tl::Reader& r) {
    call.reply.plain = true;
    return wire::pong(call.ctx.msg_id, mt::read<mt::ping>(r).ping_id);
}

Bytes ping_delay_disconnect(Call& call, tl::Reader& r) {
    call.reply.plain = true;
    return wire::pong(call.ctx.msg_id, mt::read<mt::ping_delay_disconnect>(r).ping_id);
}

}  // namespace

void register_protocol(MethodTable& t) {
    t.add(api::invokeWithLayer::ID, invoke_with_layer);
    t.add(api::initConnection::ID, init_connection);
    t.add(api::invokeWithoutUpdates::ID, invoke_without_updates);
    t.add(api::invokeAfterMsg::ID, invoke_after_msg);
    t.add(mt::ping::ID, ping);
    t.add(mt::ping_delay_disconnect::ID, ping_delay_disconnect);
}

}  // namespace tgs::testdc::methods
