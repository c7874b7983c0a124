// Every answer the test DC gives, in every layer from 133 to 228, is made only of constructors
// that layer has, with that layer's fields: each reply is read back with the recorded history
// (lib/tl/schema/history/layer_history.tl) as a client of that layer would read it, to the last
// byte. Also checks that every recorded constructor is actually emitted somewhere, so the
// history and the answers cannot drift apart.
#include <gtest/gtest.h>

#include <set>

#include "rpc_test_util.hpp"
#include "tgs/tl/api.hpp"
#include "tgs/tl/layered.hpp"

namespace {

using namespace tgs;
using namespace tgs::testdc;
using namespace tgs::testdc::test;
namespace api = tgs::tl::api;
namespace layered = tgs::tl::layered;

constexpr const char* kAccounts = R"({
 "users": [{"phone": "15550001111", "first_name": "Ann", "last_name": "Lee", "username": "ann",
            "dc": 1, "code": "24680", "password": "hunter2", "hint": "pet"},
           {"phone": "15550002222", "first_name": "Bob", "dc": 1, "code": "11111"}],
 "bots":  [{"token": "1000009:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "username": "test_bot",
            "first_name": "Test Bot", "dc": 1}]})";
constexpr const char* kHash = "0123456789abcdef0123456789abcdef";

/// A request for a method that is not in the layer-228 subset (api.tl): its id in `layer`
/// from the history, then raw arguments.
struct Raw {
    tl::Writer w;
    Raw(const char* method, int layer) { w.write_uint32(layered::version_at(method, layer)->id); }
    Raw& i32(std::int32_t v) {
        w.write_int32(v);
        return *this;
    }
    Raw& str(const char* s) {
        w.write_string(s);
        return *this;
    }
    Bytes done() { return w.take(); }
};

struct LayerAnswers : ::testing::Test {
    ClusterState state{three_dcs()};
    RpcHandler handler{Accounts::from_json(kAccounts, 3), state, counter_random()};
    std::set<std::string> emitted;  // constructor names seen in any layer
    std::uint64_t next_key = 100;

    /// Reads a successful answer in `layer`; records its constructors.
    void check(int layer, const Reply& r, const std::string& what, bool vector = false) {
        SCOPED_TRACE(what + " in layer " + std::to_string(layer));
        ASSERT_FALSE(r.error) << *r.error;
        std::vector<layered::ObjPtr> objs;
        try {
            if (vector) {
                objs = layered::decode_vector(r.body, layer);
            } else {
                objs.push_back(layered::decode(r.body, layer));
            }
        } catch (const Error& e) {
            FAIL() << e.what();
        }
        std::vector<std::string> names;
        for (const auto& o : objs) layered::collect_names(*o, names);
        emitted.insert(names.begin(), names.end());
    }

    Bytes send_code(const char* phone) {
        return api::serialize(api::auth_sendCode{phone, 12345, kHash, api::codeSettings{}});
    }
    /// A string/bytes field of an answer (the decoder reads both as std::string).
    static Bytes token_of(const Reply& r, int layer) {
        const auto s = std::get<std::string>(layered::decode(r.body, layer)->fields.at("token"));
        return Bytes(s.begin(), s.end());
    }
    std::string hash_of(const Reply& r, int layer) {
        const auto o = layered::decode(r.body, layer);
        return std::get<std::string>(o->fields.at("phone_code_hash"));
    }

    void run_layer(int layer) {
        auto bob = make_client(handler, state, ++next_key, 1, layer);
        check(layer, bob.call(api::serialize(api::help_getConfig{})), "help.getConfig");
        check(layer, bob.call(api::serialize(api::help_getNearestDc{})), "help.getNearestDc");
        const auto sent = bob.call(send_code("15550002222"));
        check(layer, sent, "auth.sendCode");
        const auto hash = hash_of(sent, layer);
        check(layer, bob.call(api::serialize(api::auth_resendCode{"15550002222", hash, {}})),
              "auth.resendCode (sms)");
        check(layer, bob.call(api::serialize(api::auth_resendCode{"15550002222", hash, {}})),
              "auth.resendCode (call)");
        check(layer, bob.call(api::serialize(api::auth_cancelCode{"15550002222", hash})),
              "auth.cancelCode");
        check(layer, bob.call(api::serialize(api::auth_cancelCode{"15550002222", hash})),
              "auth.cancelCode (already cancelled: false)");
        const auto hash2 = hash_of(bob.call(send_code("15550002222")), layer);
        check(layer,
              bob.call(api::serialize(
                  api::auth_signIn{"15550002222", hash2, std::string("11111"), std::nullopt})),
              "auth.signIn");
        check(layer, bob.call(api::serialize(api::users_getUsers{{api::inputUserSelf{}}})),
              "users.getUsers", true);
        check(layer, bob.call(api::serialize(api::updates_getState{})), "updates.getState");
        check(layer, bob.call(api::serialize(api::account_getAuthorizations{})),
              "account.getAuthorizations");
        check(layer, bob.call(api::serialize(api::account_getPassword{})), "account.getPassword");
        check(layer, bob.call(api::serialize(api::auth_exportAuthorization{2})),
              "auth.exportAuthorization");

        // What clients call right after a login.
        check(layer,
              bob.call(Raw("updates.getDifference", layer).i32(0).i32(1).i32(0).i32(0).done()),
              "updates.getDifference");
        Raw full("users.getFullUser", layer);
        full.w.write_uint32(api::inputUserSelf::ID);
        check(layer, bob.call(full.done()), "users.getFullUser");
        Raw status("account.updateStatus", layer);
        status.w.write_bool(false);
        check(layer, bob.call(status.done()), "account.updateStatus");
        Raw app("help.getAppConfig", layer);
        if (layer >= 154) app.i32(0);
        check(layer, bob.call(app.done()), "help.getAppConfig");
        check(layer, bob.call(Raw("langpack.getLangPack", layer).str("tdesktop").str("en").done()),
              "langpack.getLangPack");
        Raw strings("langpack.getStrings", layer);
        strings.str("tdesktop").str("en");
        strings.w.write_vector_header(0);
        check(layer, bob.call(strings.done()), "langpack.getStrings", true);
        check(layer, bob.call(Raw("messages.getDialogs", layer).done()), "messages.getDialogs");
        check(layer, bob.call(Raw("contacts.getContacts", layer).done()), "contacts.getContacts");

        // 2FA: the password answer with a current algorithm.
        auto ann = make_client(handler, state, ++next_key, 1, layer);
        const auto ann_hash = hash_of(ann.call(send_code("15550001111")), layer);
        EXPECT_EQ(error_of(ann.call(api::serialize(api::auth_signIn{
                      "15550001111", ann_hash, std::string("24680"), std::nullopt}))),
                  "SESSION_PASSWORD_NEEDED");
        check(layer, ann.call(api::serialize(api::account_getPassword{})),
              "account.getPassword (2FA)");

        // A number without an account: sign up required.
        auto stranger = make_client(handler, state, ++next_key, 1, layer);
        const auto s_hash = hash_of(stranger.call(send_code("15550003333")), layer);
        check(layer,
              stranger.call(api::serialize(
                  api::auth_signIn{"15550003333", s_hash, std::string("11111"), std::nullopt})),
              "auth.signIn (sign up required)");

        // QR login: token, acceptance pushed to the exporter, then success.
        auto qr = make_client(handler, state, ++next_key, 1, layer);
        const auto token_reply =
            qr.call(api::serialize(api::auth_exportLoginToken{12345, kHash, {}}));
        check(layer, token_reply, "auth.exportLoginToken");
        const auto token = token_of(token_reply, layer);
        const auto accepted = bob.call(api::serialize(api::auth_acceptLoginToken{token}));
        check(layer, accepted, "auth.acceptLoginToken");
        ASSERT_EQ(accepted.pushes.size(), 1u);
        Reply push;
        push.body = accepted.pushes[0].body;
        check(layer, push, "updateShort push");
        check(layer, qr.call(api::serialize(api::auth_exportLoginToken{12345, kHash, {}})),
              "auth.exportLoginToken (success)");

        // A QR token accepted by a user of another DC: migrate.
        auto far = make_client(handler, state, ++next_key, 2, layer);
        const auto far_token =
            token_of(far.call(api::serialize(api::auth_exportLoginToken{12345, kHash, {}})), layer);
        bob.call(api::serialize(api::auth_acceptLoginToken{far_token}));
        check(layer, far.call(api::serialize(api::auth_exportLoginToken{12345, kHash, {}})),
              "auth.exportLoginToken (migrate)");

        auto bot = make_client(handler, state, ++next_key, 1, layer);
        check(layer,
              bot.call(api::serialize(api::auth_importBotAuthorization{
                  0, 12345, kHash, "1000009:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"})),
              "auth.importBotAuthorization");
        check(layer, bob.call(api::serialize(api::auth_logOut{})), "auth.logOut");
    }
};

TEST_F(LayerAnswers, EveryAnswerInEveryLayerUsesThatLayersConstructors) {
    const auto& h = layered::history();
    for (int layer = h.min_layer; layer <= h.max_layer; ++layer) {
        run_layer(layer);
        if (HasFatalFailure()) return;
    }
    // Every recorded constructor is emitted somewhere (methods are recorded for their ids).
    for (std::size_t i = 0; i < h.count; ++i) {
        const std::string name = h.versions[i].name;
        if (h.versions[i].function) continue;
        EXPECT_TRUE(emitted.count(name)) << name << " is recorded but never emitted";
    }
}

TEST_F(LayerAnswers, Layer227GetsUser31774388NotTheLayer228One) {
    auto c = make_client(handler, state, 1, 1, 227);
    const auto hash = hash_of(c.call(send_code("15550002222")), 227);
    const auto r = c.call(
        api::serialize(api::auth_signIn{"15550002222", hash, std::string("11111"), std::nullopt}));
    ASSERT_FALSE(r.error);
    // auth.authorization, flags, then the user's constructor id.
    tl::Reader rd(r.body);
    EXPECT_EQ(rd.read_uint32(), layered::version_at("auth.authorization", 227)->id);
    rd.read_uint32();
    EXPECT_EQ(rd.read_uint32(), 0x31774388u);
}

TEST_F(LayerAnswers, UnknownMethodsAreRefusedCleanly) {
    auto c = make_client(handler, state, 1, 1, 227);
    tl::Writer w;
    w.write_uint32(0x12345678);
    const auto r = c.call(w.take());
    EXPECT_EQ(error_of(r), "INPUT_METHOD_INVALID");
    EXPECT_EQ(r.error_code, 400);
    // Post-login methods need a login.
    EXPECT_EQ(
        error_of(c.call(Raw("updates.getDifference", 227).i32(0).i32(1).i32(0).i32(0).done())),
        "AUTH_KEY_UNREGISTERED");
}

}  // namespace
