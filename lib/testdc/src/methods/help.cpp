// help.*: the DC list and the nearest DC.
#include "../wire.hpp"
#include "method.hpp"
#include "tgs/tl/api.hpp"

namespace tgs::testdc::methods {

namespace {

namespace api = tl::api;

Bytes get_config(Call& call, tl::Reader&) {
    return wire::config(call.layer, call.options().dcs, call.ctx.dc_id, call.ctx.now);
}

Bytes get_nearest_dc(Call& call, tl::Reader&) {
    return wire::nearest_dc(call.layer, call.ctx.dc_id);
}

Bytes accept_terms_of_service(Call& call, tl::Reader& r) {
    api::read<api::help_acceptTermsOfService>(r);
    return wire::bool_value(true, call.layer);
}

}  // namespace

void register_help(MethodTable& t) {
    t.add(api::help_getConfig::ID, get_config);
    t.add(api::help_getNearestDc::ID, get_nearest_dc);
    t.add(api::help_acceptTermsOfService::ID, accept_terms_of_service);
}

}  // namespace tgs::testdc::methods
