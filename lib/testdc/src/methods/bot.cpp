// Bot login by token: auth.importBotAuthorization.
#include "../wire.hpp"
#include "method.hpp"
#include "tgs/tl/api.hpp"

namespace tgs::testdc::methods {

namespace {

namespace api = tl::api;

Bytes import_bot_authorization(Call& call, tl::Reader& r) {
    const auto q = api::read<api::auth_importBotAuthorization>(r);
    Call::check_api(q.api_id, q.api_hash);
    auto bot = call.svc.accounts.find_bot_by_token(q.bot_auth_token);
    if (!bot) fail(400, "ACCESS_TOKEN_INVALID");
    if (bot->dc != call.ctx.dc_id) fail(303, "USER_MIGRATE_" + std::to_string(bot->dc));
    const auto u = bound(*bot);
    call.bind(u);
    return wire::authorization(call.layer, u);
}

}  // namespace

void register_bot(MethodTable& t) {
    t.add(api::auth_importBotAuthorization::ID, import_bot_authorization);
}

}  // namespace tgs::testdc::methods
