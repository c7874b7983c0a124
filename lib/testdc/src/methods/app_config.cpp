// What apps load on their start screen, before or after a login: the app config (an empty JSON
// object) and the language pack (no strings: apps fall back to their built-in ones).
#include "method.hpp"
#include "tgs/tl/layered.hpp"

namespace tgs::testdc::methods {

namespace {

using tl::layered::encode;
using tl::layered::list;
using tl::layered::obj;

// A hash for the (empty) app config, so clients that cache it by hash have one.
constexpr std::int32_t kAppConfigHash = 1;

Bytes get_app_config(Call& call, tl::Reader&) {
    auto empty = obj("jsonObject", {{"value", list({})}});
    // help.getAppConfig returned the JSONValue itself before layer 154.
    if (!tl::layered::version_at("help.appConfig", call.layer)) return encode(*empty, call.layer);
    return encode(*obj("help.appConfig", {{"hash", kAppConfigHash}, {"config", empty}}),
                  call.layer);
}

Bytes get_lang_pack(Call& call, tl::Reader& r) {
    r.read_uint32();
    r.read_string();  // lang_pack: one (empty) pack for every app
    const auto lang_code = r.read_string();
    return encode(
        *obj(
            "langPackDifference",
            {{"lang_code", lang_code}, {"from_version", 0}, {"version", 1}, {"strings", list({})}}),
        call.layer);
}

Bytes get_strings(Call& call, tl::Reader&) {
    return tl::layered::encode_vector({}, call.layer);
}

}  // namespace

void register_app_config(MethodTable& t) {
    t.add_every_layer("help.getAppConfig", get_app_config);
    t.add_every_layer("langpack.getLangPack", get_lang_pack);
    t.add_every_layer("langpack.getStrings", get_strings);
}

}  // namespace tgs::testdc::methods
