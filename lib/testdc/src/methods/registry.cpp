#include "method.hpp"
#include "tgs/error.hpp"

namespace tgs::testdc::methods {

void MethodTable::add(std::uint32_t id, Method method) {
    if (!methods_.emplace(id, method).second) {
        throw Error("TESTDC_METHOD_DUPLICATE", "two test-DC methods for one constructor id");
    }
}

Method MethodTable::find(std::uint32_t id) const {
    auto it = methods_.find(id);
    return it == methods_.end() ? fallback_ : it->second;
}

const MethodTable& all_methods() {
    static const MethodTable table = [] {
        MethodTable t;
        register_protocol(t);
        register_help(t);
        register_auth_code(t);
        register_password(t);
        register_bot(t);
        register_qr_login(t);
        register_auth_transfer(t);
        register_authorizations(t);
        register_users(t);
        register_login_branches(t);
        register_post_login(t);
        return t;
    }();
    return table;
}

}  // namespace tgs::testdc::methods
