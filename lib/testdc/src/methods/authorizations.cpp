// The sessions of an account: list them, end one, end all others, log out.
#include "../wire.hpp"
#include "login_branches.hpp"
#include "method.hpp"
#include "tgs/tl/api.hpp"

namespace tgs::testdc::methods {

namespace {

namespace api = tl::api;

Bytes log_out(Call& call, tl::Reader&) {
    const auto me = call.require_user();
    call.key.user.reset();
    call.key.password_pending_user.reset();
    call.svc.dirty = true;
    // A user's logout hands out a future auth token: the number logs in again without a code.
    if (me.bot) return wire::logged_out(call.layer);
    return wire::logged_out(call.layer, issue_future_token(call, me.id));
}

Bytes reset_authorizations(Call& call, tl::Reader&) {
    const auto me = call.require_user();
    if (call.ctx.now - call.key.authorization.date_created < call.options().fresh_reset_seconds) {
        fail(406, "FRESH_RESET_AUTHORISATION_FORBIDDEN");
    }
    call.svc.state.unbind_user(me.id, call.key.id);
    call.svc.dirty = true;
    return wire::bool_value(true, call.layer);
}

Bytes get_authorizations(Call& call, tl::Reader&) {
    const auto me = call.require_user();
    std::vector<std::pair<AuthorizationRecord, bool>> list;
    list.emplace_back(call.key.authorization, true);
    for (const auto& [kid, rec] : call.svc.state.auth_keys()) {
        if (kid != call.key.id && rec.user && rec.user->id == me.id) {
            list.emplace_back(rec.authorization, false);
        }
    }
    return wire::authorizations(call.layer, list);
}

Bytes reset_authorization(Call& call, tl::Reader& r) {
    const auto hash = api::read<api::account_resetAuthorization>(r).hash;
    const auto me = call.require_user();
    auto& state = call.svc.state;
    for (const auto& [kid, rec] : state.auth_keys()) {
        if (kid != call.key.id && rec.user && rec.user->id == me.id && hash != 0 &&
            rec.authorization.hash == hash) {
            state.find_auth_key(kid)->user.reset();
            call.svc.dirty = true;
            return wire::bool_value(true, call.layer);
        }
    }
    fail(400, "HASH_INVALID");
}

}  // namespace

void register_authorizations(MethodTable& t) {
    t.add_every_layer("auth.logOut", log_out);  // returned Bool before layer 135
    t.add(api::auth_resetAuthorizations::ID, reset_authorizations);
    t.add(api::account_getAuthorizations::ID, get_authorizations);
    t.add(api::account_resetAuthorization::ID, reset_authorization);
}

}  // namespace tgs::testdc::methods
