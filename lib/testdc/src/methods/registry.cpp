#include "method.hpp"
#include "tgs/error.hpp"
#include "tgs/testdc/errors.hpp"
#include "tgs/tl/layered.hpp"

namespace tgs::testdc::methods {

void MethodTable::add(std::uint32_t id, Method method) {
    if (!methods_.emplace(id, method).second) {
        throw Error(errc::method_duplicate, "two test-DC methods for one constructor id");
    }
}

Method MethodTable::find(std::uint32_t id) const {
    auto it = methods_.find(id);
    return it == methods_.end() ? nullptr : it->second;
}

void MethodTable::add_every_layer(const char* tl_name, Method method) {
    const auto& h = tl::layered::history();
    bool any = false;
    for (std::size_t i = 0; i < h.count; ++i) {
        const auto& v = h.versions[i];
        if (!v.function || v.name_only || std::string_view(v.name) != tl_name) continue;
        add(v.id, method);
        any = true;
    }
    if (!any) throw Error(errc::method_unknown, std::string(tl_name) + " is not recorded");
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
        register_updates(t);
        register_profile(t);
        register_app_config(t);
        register_dialogs(t);
        register_bind_temp_auth_key(t);
        register_startup_dialogs(t);
        register_startup_stickers(t);
        register_startup_help(t);
        register_startup_account(t);
        return t;
    }();
    return table;
}

}  // namespace tgs::testdc::methods
