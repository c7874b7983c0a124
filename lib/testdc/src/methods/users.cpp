// What a logged-in client asks first: itself (users.getUsers) and the update state.
#include "../wire.hpp"
#include "method.hpp"
#include "tgs/tl/api.hpp"

namespace tgs::testdc::methods {

namespace {

namespace api = tl::api;

Bytes get_users(Call& call, tl::Reader& r) {
    const auto q = api::read<api::users_getUsers>(r);
    const auto me = call.require_user();
    std::vector<BoundUser> users;
    for (const auto& input : q.id) {
        if (std::holds_alternative<api::inputUserSelf>(input)) {
            users.push_back(me);
        } else if (const auto* u = std::get_if<api::inputUser>(&input)) {
            if (u->user_id == me.id) users.push_back(me);
        } else if (!std::holds_alternative<api::inputUserEmpty>(input)) {
            fail(400, "INPUT_CONSTRUCTOR_INVALID");
        }
    }
    return wire::users_vector(call.layer, users);
}

Bytes get_state(Call& call, tl::Reader&) {
    call.require_user();
    return wire::updates_state(call.layer, call.ctx.now);
}

}  // namespace

void register_users(MethodTable& t) {
    t.add(api::users_getUsers::ID, get_users);
    t.add(api::updates_getState::ID, get_state);
}

}  // namespace tgs::testdc::methods
