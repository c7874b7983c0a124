// Carrying a login to another DC: auth.exportAuthorization on the home DC,
// auth.importAuthorization on the target.
#include "../wire.hpp"
#include "method.hpp"
#include "tgs/tl/api.hpp"

namespace tgs::testdc::methods {

namespace {

namespace api = tl::api;

Bytes export_authorization(Call& call, tl::Reader& r) {
    const auto dc = api::read<api::auth_exportAuthorization>(r).dc_id;
    const auto me = call.require_user();
    auto& state = call.svc.state;
    if (dc < 1 || dc > state.dc_count() || dc == call.ctx.dc_id) fail(400, "DC_ID_INVALID");
    ExportedAuth e;
    e.user = me;
    e.bytes = call.svc.random_bytes(32);
    e.target_dc = dc;
    auto body = wire::exported_authorization(call.layer, me.id, e.bytes);
    state.exported()[e.bytes] = e;
    return body;
}

Bytes import_authorization(Call& call, tl::Reader& r) {
    const auto q = api::read<api::auth_importAuthorization>(r);
    auto& exported = call.svc.state.exported();
    auto it = exported.find(q.bytes);
    if (it == exported.end() || it->second.target_dc != call.ctx.dc_id) {
        fail(400, "AUTH_BYTES_INVALID");
    }
    if (it->second.user.id != q.id) fail(400, "USER_ID_INVALID");
    const BoundUser u = it->second.user;
    exported.erase(it);
    call.bind(u);
    return wire::authorization(call.layer, u);
}

}  // namespace

void register_auth_transfer(MethodTable& t) {
    t.add(api::auth_exportAuthorization::ID, export_authorization);
    t.add(api::auth_importAuthorization::ID, import_authorization);
}

}  // namespace tgs::testdc::methods
