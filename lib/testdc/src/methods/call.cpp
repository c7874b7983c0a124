#include <cstring>

#include "method.hpp"

namespace tgs::testdc::methods {

void fail(std::int32_t code, std::string message) {
    throw RpcFail{code, std::move(message)};
}

BoundUser bound(const UserAccount& u) {
    return {u.id, false, u.phone, u.first_name, u.last_name, u.username, u.access_hash, u.dc};
}

BoundUser bound(const BotAccount& b) {
    return {b.id, true, "", b.first_name, "", b.username, b.access_hash, b.dc};
}

Bytes Services::random_bytes(std::size_t n) const {
    Bytes b(n);
    random(b);
    return b;
}

std::int64_t Services::random_i64() const {
    auto b = random_bytes(8);
    std::int64_t v = 0;
    std::memcpy(&v, b.data(), 8);
    return v == 0 ? 1 : v;
}

std::optional<UserAccount> Services::password_of(std::int64_t user_id) const {
    auto acc = accounts.find_user_by_id(user_id);
    if (acc && acc->password) return acc;
    return std::nullopt;
}

BoundUser Call::require_user() const {
    if (!key.user) fail(401, "AUTH_KEY_UNREGISTERED");
    return *key.user;
}

void Call::bind(const BoundUser& u) {
    key.user = u;
    key.password_pending_user.reset();
    key.authorization.hash = svc.random_i64();
    key.authorization.date_created = ctx.now;
    key.authorization.date_active = ctx.now;
    if (key.authorization.ip.empty()) key.authorization.ip = ctx.client_ip;
    svc.dirty = true;
}

void Call::finish_login(const BoundUser& u) {
    if (!u.bot && svc.password_of(u.id)) {
        key.password_pending_user = u.id;
        fail(401, "SESSION_PASSWORD_NEEDED");
    }
    bind(u);
}

void Call::check_api(std::int32_t api_id, const std::string& api_hash) {
    if (api_id <= 0 || api_hash.empty()) fail(400, "API_ID_INVALID");
}

Bytes Call::dispatch(ByteView request) {
    tl::Reader r(request);
    const Method method = methods.find(r.peek_uint32());
    if (!method) fail(400, "INPUT_METHOD_INVALID");
    return method(*this, r);
}

}  // namespace tgs::testdc::methods
