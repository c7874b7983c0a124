// QR login: the new session exports a token (shown as a QR code), a logged-in session accepts
// it (the exporter gets updateLoginToken), the exporter asks again and is logged in, or is
// sent to the user's home DC to import the token there.
#include "../wire.hpp"
#include "method.hpp"
#include "tgs/tl/api.hpp"

namespace tgs::testdc::methods {

namespace {

namespace api = tl::api;

// A QR token accepted by someone: migrate to their DC, or log in here (once).
Bytes login_token_answer(Call& call, LoginToken& t) {
    const BoundUser u = *t.accepted_user;
    if (u.dc != call.ctx.dc_id) return wire::login_token_migrate(call.layer, u.dc, t.token);
    t.consumed = true;
    call.finish_login(u);
    return wire::login_token_success(call.layer, u);
}

Bytes export_login_token(Call& call, tl::Reader& r) {
    const auto q = api::read<api::auth_exportLoginToken>(r);
    Call::check_api(q.api_id, q.api_hash);
    const auto& ctx = call.ctx;
    const auto key_id = call.key.id;
    auto& tokens = call.svc.state.login_tokens();
    for (auto& [bytes, t] : tokens) {
        if (t.auth_key_id != key_id || !t.accepted_user || t.consumed) continue;
        return login_token_answer(call, t);
    }
    std::erase_if(tokens, [&](const auto& kv) {
        return kv.second.auth_key_id == key_id || kv.second.expires <= ctx.now - 3600;
    });
    LoginToken t;
    t.token = call.svc.random_bytes(32);
    t.auth_key_id = key_id;
    t.dc = ctx.dc_id;
    t.expires = ctx.now + call.options().login_token_ttl_seconds;
    auto body = wire::login_token(call.layer, t.expires, t.token);
    tokens[t.token] = t;
    return body;
}

Bytes import_login_token(Call& call, tl::Reader& r) {
    const auto q = api::read<api::auth_importLoginToken>(r);
    auto& tokens = call.svc.state.login_tokens();
    auto it = tokens.find(q.token);
    if (it == tokens.end()) fail(400, "AUTH_TOKEN_INVALID");
    auto& t = it->second;
    if (t.consumed) fail(400, "AUTH_TOKEN_ALREADY_ACCEPTED");
    if (!t.accepted_user) {
        if (t.expires <= call.ctx.now) fail(400, "AUTH_TOKEN_EXPIRED");
        return wire::login_token(call.layer, t.expires, t.token);
    }
    return login_token_answer(call, t);
}

Bytes accept_login_token(Call& call, tl::Reader& r) {
    const auto q = api::read<api::auth_acceptLoginToken>(r);
    const auto me = call.require_user();
    auto& state = call.svc.state;
    auto it = state.login_tokens().find(q.token);
    if (it == state.login_tokens().end()) fail(400, "AUTH_TOKEN_INVALID");
    auto& t = it->second;
    if (t.accepted_user) fail(400, "AUTH_TOKEN_ALREADY_ACCEPTED");
    if (t.expires <= call.ctx.now) fail(400, "AUTH_TOKEN_EXPIRED");
    t.accepted_user = me;
    const auto* target = state.find_auth_key(t.auth_key_id);  // pushed in its own layer
    call.reply.pushes.push_back(
        {t.auth_key_id, wire::update_login_token_push(target ? target->layer : 0, call.ctx.now)});
    AuthorizationRecord rec;
    if (auto* other = state.find_auth_key(t.auth_key_id)) rec = other->authorization;
    return wire::authorization_item(call.layer, rec, false);
}

}  // namespace

void register_qr_login(MethodTable& t) {
    t.add(api::auth_exportLoginToken::ID, export_login_token);
    t.add(api::auth_importLoginToken::ID, import_login_token);
    t.add(api::auth_acceptLoginToken::ID, accept_login_token);
}

}  // namespace tgs::testdc::methods
