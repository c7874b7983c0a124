// 2FA: account.getPassword hands out SRP parameters, auth.checkPassword verifies the proof
// (Telegram's prime, g = 3, one verifier per user computed once).
#include "../wire.hpp"
#include "login_branches.hpp"
#include "method.hpp"
#include "tgs/crypto/srp.hpp"
#include "tgs/tl/api.hpp"

namespace tgs::testdc::methods {

namespace {

namespace api = tl::api;

Bytes get_password(Call& call, tl::Reader&) {
    auto& svc = call.svc;
    std::optional<std::int64_t> uid = call.key.password_pending_user;
    if (!uid && call.key.user) uid = call.key.user->id;
    wire::PasswordInfo info;
    info.new_salt1 = svc.random_bytes(8);
    info.secure_random = svc.random_bytes(32);
    std::optional<UserAccount> acc;
    if (uid) acc = svc.password_of(*uid);
    if (!acc) {
        info.salt2 = svc.random_bytes(16);
        return wire::account_password(call.layer, info, telegram_prime(), kSrpG);
    }
    auto vit = svc.verifiers.find(acc->id);
    if (vit == svc.verifiers.end()) {
        Services::Verifier v;
        v.salt1 = svc.random_bytes(40);
        v.salt2 = svc.random_bytes(16);
        v.v = crypto::srp_verifier(*acc->password, v.salt1, v.salt2, kSrpG, telegram_prime());
        vit = svc.verifiers.emplace(acc->id, std::move(v)).first;
    }
    // A fresh srp_id/B per call; older ones for this user become stale.
    auto& sessions = svc.state.srp_sessions();
    std::erase_if(sessions, [&](const auto& kv) { return kv.second.user_id == acc->id; });
    SrpSession s;
    s.srp_id = svc.random_i64();
    s.user_id = acc->id;
    s.b = svc.random_bytes(256);
    s.B = crypto::srp_server_B(vit->second.v, s.b, kSrpG, telegram_prime());
    info.has_password = true;
    info.salt1 = vit->second.salt1;
    info.salt2 = vit->second.salt2;
    info.srp_B = s.B;
    info.srp_id = s.srp_id;
    info.hint = acc->hint;
    sessions[s.srp_id] = s;
    return wire::account_password(call.layer, info, telegram_prime(), kSrpG);
}

Bytes check_password(Call& call, tl::Reader& r) {
    auto& svc = call.svc;
    const auto q = api::read<api::auth_checkPassword>(r);
    const auto* srp = std::get_if<api::inputCheckPasswordSRP>(&q.password);
    if (!srp) fail(400, "PASSWORD_HASH_INVALID");  // inputCheckPasswordEmpty
    auto& sessions = svc.state.srp_sessions();
    auto it = sessions.find(srp->srp_id);
    if (it == sessions.end() || !call.key.password_pending_user ||
        it->second.user_id != *call.key.password_pending_user) {
        fail(400, "SRP_ID_INVALID");
    }
    const SrpSession s = it->second;
    auto acc = svc.password_of(s.user_id);
    auto vit = svc.verifiers.find(s.user_id);
    if (!acc || vit == svc.verifiers.end()) fail(400, "SRP_PASSWORD_CHANGED");
    const auto& v = vit->second;
    if (!crypto::srp_server_verify_M1(v.v, v.salt1, v.salt2, kSrpG, telegram_prime(), s.b, srp->A,
                                      srp->M1)) {
        fail(400, "PASSWORD_HASH_INVALID");
    }
    sessions.erase(s.srp_id);
    const auto u = bound(*acc);
    call.bind(u);
    return user_authorization(call, u);
}

}  // namespace

void register_password(MethodTable& t) {
    t.add(api::account_getPassword::ID, get_password);
    t.add(api::auth_checkPassword::ID, check_password);
}

}  // namespace tgs::testdc::methods
