// The logged-in user's own profile (users.getFullUser for self) and online status, as Telegram
// answers an account with no photo, bio, chats or settings.
#include "../wire.hpp"
#include "method.hpp"
#include "tgs/tl/api.hpp"
#include "tgs/tl/layered.hpp"

namespace tgs::testdc::methods {

namespace {

namespace api = tl::api;
using tl::layered::encode;
using tl::layered::list;
using tl::layered::obj;

Bytes get_full_user(Call& call, tl::Reader& r) {
    r.read_uint32();  // the method id: the argument is the same in every layer
    const auto input = api::read<api::InputUser>(r);
    const auto me = call.require_user();
    const auto* user_id = std::get_if<api::inputUser>(&input);
    if (!std::holds_alternative<api::inputUserSelf>(input) &&
        !(user_id && user_id->user_id == me.id)) {
        fail(400, "USER_ID_INVALID");  // the only user the test DC knows is yourself
    }
    auto user = wire::user_object(me, true);
    auto full = obj("userFull", {{"id", me.id},
                                 {"user", user},  // layers before 135 embed the user
                                 {"settings", obj("peerSettings")},
                                 {"notify_settings", obj("peerNotifySettings")},
                                 {"common_chats_count", 0}});
    // Before layer 135 the method returned the UserFull itself.
    if (!tl::layered::version_at("users.userFull", call.layer)) return encode(*full, call.layer);
    return encode(
        *obj("users.userFull", {{"full_user", full}, {"chats", list({})}, {"users", list({user})}}),
        call.layer);
}

Bytes update_status(Call& call, tl::Reader&) {
    call.require_user();
    return wire::bool_value(true, call.layer);
}

}  // namespace

void register_profile(MethodTable& t) {
    t.add_every_layer("users.getFullUser", get_full_user);
    t.add_every_layer("account.updateStatus", update_status);
}

}  // namespace tgs::testdc::methods
