#include "post_login.hpp"

#include <string_view>

#include "tgs/tl/api.hpp"
#include "tgs/tl/layered.hpp"
#include "tgs/tl/reader.hpp"
#include "wire.hpp"

namespace tgs::testdc {

namespace {

namespace api = tl::api;
using tl::layered::encode;
using tl::layered::list;
using tl::layered::obj;

// A hash for the (empty) app config, so clients that cache it by hash have one.
constexpr std::int32_t kAppConfigHash = 1;

PostLoginAnswer ok(Bytes body) {
    return PostLoginAnswer{std::move(body), 0, {}};
}

PostLoginAnswer error(std::int32_t code, std::string message) {
    return PostLoginAnswer{{}, code, std::move(message)};
}

PostLoginAnswer full_user(const PostLoginCall& call, const BoundUser& me) {
    auto user = wire::user_object(me, true);
    auto full = obj("userFull", {{"id", me.id},
                                 {"user", user},  // layers before 135 embed the user
                                 {"settings", obj("peerSettings")},
                                 {"notify_settings", obj("peerNotifySettings")},
                                 {"common_chats_count", 0}});
    // Layers before 135 return the UserFull itself, later ones wrap it with its users.
    if (!tl::layered::version_at("users.userFull", call.layer))
        return ok(encode(*full, call.layer));
    return ok(encode(
        *obj("users.userFull", {{"full_user", full}, {"chats", list({})}, {"users", list({user})}}),
        call.layer));
}

PostLoginAnswer app_config(const PostLoginCall& call) {
    auto empty = obj("jsonObject", {{"value", list({})}});
    // help.getAppConfig returned the JSONValue itself before layer 154.
    if (!tl::layered::version_at("help.appConfig", call.layer)) {
        return ok(encode(*empty, call.layer));
    }
    return ok(
        encode(*obj("help.appConfig", {{"hash", kAppConfigHash}, {"config", empty}}), call.layer));
}

}  // namespace

std::optional<PostLoginAnswer> answer_post_login(const PostLoginCall& call, ByteView request) {
    tl::Reader r(request);
    const char* found = tl::layered::name_of(r.read_uint32());
    if (!found) return std::nullopt;
    const std::string_view name = found;
    const int layer = call.layer;

    // Allowed before login (the app reads them on its start screen).
    if (name == "help.getAppConfig") return app_config(call);
    if (name == "langpack.getLangPack") {
        r.read_string();  // lang_pack: one (empty) pack for every app
        const auto lang_code = r.read_string();
        return ok(encode(*obj("langPackDifference", {{"lang_code", lang_code},
                                                     {"from_version", 0},
                                                     {"version", 1},
                                                     {"strings", list({})}}),
                         layer));
    }
    if (name == "langpack.getStrings") return ok(tl::layered::encode_vector({}, layer));

    static constexpr std::string_view kAfterLogin[] = {
        "updates.getDifference", "users.getFullUser", "account.updateStatus", "messages.getDialogs",
        "contacts.getContacts"};
    bool known = false;
    for (auto m : kAfterLogin) known = known || m == name;
    if (!known) return std::nullopt;
    if (!call.me) return error(401, "AUTH_KEY_UNREGISTERED");
    const BoundUser& me = *call.me;

    if (name == "updates.getDifference") {
        // Nothing ever happens on the test DC: the state the client has is current.
        return ok(encode(*obj("updates.differenceEmpty", {{"date", call.now}, {"seq", 1}}), layer));
    }
    if (name == "users.getFullUser") {
        const auto input = api::read<api::InputUser>(r);
        const auto* user = std::get_if<api::inputUser>(&input);
        if (!std::holds_alternative<api::inputUserSelf>(input) &&
            !(user && user->user_id == me.id)) {
            return error(400, "USER_ID_INVALID");
        }
        return full_user(call, me);
    }
    if (name == "account.updateStatus") return ok(wire::bool_value(true, layer));
    if (name == "messages.getDialogs") {
        return ok(encode(*obj("messages.dialogs", {{"dialogs", list({})},
                                                   {"messages", list({})},
                                                   {"chats", list({})},
                                                   {"users", list({})}}),
                         layer));
    }
    return ok(encode(*obj("contacts.contacts",
                          {{"contacts", list({})}, {"saved_count", 0}, {"users", list({})}}),
                     layer));
}

}  // namespace tgs::testdc
