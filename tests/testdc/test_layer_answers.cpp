// Every answer the test DC gives, in every layer from 133 to 228, is made only of constructors
// that layer has, with that layer's fields: each reply is read back with the recorded history
// (lib/tl/schema/history/layer_history.tl) as a client of that layer would read it, to the last
// byte; the login branches (code types, login email and its setup, 2FA recovery, sign-up, paid
// codes, future auth tokens) likewise, on accounts with those options. Also checks that every
// recorded constructor is actually emitted somewhere, so the history and the answers cannot
// drift apart.
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

// One account per login-branch option (issue 9's accounts-file fields).
constexpr const char* kBranchAccounts = R"({"users": [
 {"phone": "15550010001", "first_name": "A", "dc": 1, "code": "12345", "code_type": "app"},
 {"phone": "15550010002", "first_name": "A", "dc": 1, "code": "12345", "code_type": "call"},
 {"phone": "15550010003", "first_name": "A", "dc": 1, "code": "12345", "code_type": "flash_call"},
 {"phone": "15550010004", "first_name": "A", "dc": 1, "code": "12345", "code_type": "missed_call"},
 {"phone": "15550010005", "first_name": "A", "dc": 1, "code": "12345", "code_type": "fragment_sms"},
 {"phone": "15550010006", "first_name": "A", "dc": 1, "code": "12345", "code_type": "sms_word"},
 {"phone": "15550010007", "first_name": "A", "dc": 1, "code": "12345", "code_type": "sms_phrase"},
 {"phone": "15550010008", "first_name": "A", "dc": 1, "code": "12345", "code_type": "firebase_sms"},
 {"phone": "15550020001", "first_name": "E", "dc": 1, "code": "12345", "email": "eve@example.com",
  "email_code": "97531"},
 {"phone": "15550020002", "first_name": "S", "dc": 1, "code": "12345",
  "email_setup_required": true},
 {"phone": "15550020003", "first_name": "R", "dc": 1, "code": "12345", "password": "pw",
  "recovery_email": "rita@example.com", "recovery_code": "55555"},
 {"phone": "15550020004", "first_name": "N", "dc": 1, "code": "12345", "signed_up": false},
 {"phone": "15550020005", "first_name": "P", "dc": 1, "code": "12345", "payment_required": true},
 {"phone": "15550020006", "first_name": "T", "dc": 1, "code": "12345"}]})";

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
        // auth.logOut by the id it had in this layer (it returned Bool before 135).
        check(layer, bob.call(Raw("auth.logOut", layer).done()), "auth.logOut");
    }
    static bool has(const char* name, int layer) {
        return layered::version_at(name, layer) != nullptr;
    }
    static std::string field(const Reply& r, int layer, const char* name) {
        const auto o = layered::decode(r.body, layer);
        const auto it = o->fields.find(name);
        if (it == o->fields.end()) return "";
        const auto* s = std::get_if<std::string>(&it->second);
        return s ? *s : "";
    }

    /// The login branches, each on an account with its option, on a DC of their own (the
    /// accounts change as they go: a verified email, a recovered password, a sign-up).
    void run_branches(int layer) {
        ClusterState st{three_dcs()};
        RpcHandler h{Accounts::from_json(kBranchAccounts, 3), st, counter_random()};
        auto client = [&] { return make_client(h, st, ++next_key, 1, layer); };
        auto sign_in = [](const std::string& phone, const std::string& hash, const char* code) {
            return api::serialize(api::auth_signIn{phone, hash, std::string(code), std::nullopt});
        };
        for (int i = 1; i <= 8; ++i) {
            auto c = client();
            check(layer, c.call(send_code(("1555001000" + std::to_string(i)).c_str())),
                  "auth.sendCode (code_type " + std::to_string(i) + ")");
        }
        {  // a login email: the code goes there; a lost mailbox resets to SMS
            auto c = client();
            const auto sent = c.call(send_code("15550020001"));
            check(layer, sent, "auth.sendCode (login email)");
            if (has("auth.sentCodeTypeEmailCode", layer)) {
                check(layer,
                      c.call(api::serialize(
                          api::auth_resetLoginEmail{"15550020001", hash_of(sent, layer)})),
                      "auth.resetLoginEmail");
            }
        }
        if (has("auth.sentCodeTypeSetUpEmailRequired", layer)) {
            auto c = client();
            const auto sent = c.call(send_code("15550020002"));
            check(layer, sent, "auth.sendCode (email setup required)");
            const api::EmailVerifyPurpose purpose =
                api::emailVerifyPurposeLoginSetup{"15550020002", hash_of(sent, layer)};
            check(layer,
                  c.call(
                      api::serialize(api::account_sendVerifyEmailCode{purpose, "sam@example.com"})),
                  "account.sendVerifyEmailCode");
            check(layer,
                  c.call(api::serialize(
                      api::account_verifyEmail{purpose, api::emailVerificationCode{"12345"}})),
                  "account.verifyEmail");
        }
        {  // 2FA recovery: the pattern, the reset wait, then recovery without a new password
            auto c = client();
            const auto hash = hash_of(c.call(send_code("15550020003")), layer);
            EXPECT_EQ(error_of(c.call(sign_in("15550020003", hash, "12345"))),
                      "SESSION_PASSWORD_NEEDED");
            check(layer, c.call(api::serialize(api::auth_requestPasswordRecovery{})),
                  "auth.requestPasswordRecovery");
            check(layer, c.call(api::serialize(api::account_resetPassword{})),
                  "account.resetPassword");
            check(layer, c.call(api::serialize(api::auth_recoverPassword{"55555", std::nullopt})),
                  "auth.recoverPassword");
        }
        {  // no account yet: the terms of service, then sign-up
            auto c = client();
            const auto hash = hash_of(c.call(send_code("15550020004")), layer);
            check(layer, c.call(sign_in("15550020004", hash, "12345")),
                  "auth.signIn (sign-up required, with terms)");
            check(layer,
                  c.call(api::serialize(api::auth_signUp{false, "15550020004", hash, "Nia", ""})),
                  "auth.signUp");
        }
        {
            auto c = client();
            check(layer, c.call(send_code("15550020005")), "auth.sendCode (payment required)");
        }
        {  // a future auth token from a logout logs the number in again without a code
            auto c = client();
            const auto hash = hash_of(c.call(send_code("15550020006")), layer);
            check(layer, c.call(sign_in("15550020006", hash, "12345")), "auth.signIn");
            const auto out = c.call(api::serialize(api::auth_logOut{}));
            check(layer, out, "auth.logOut (future token)");
            if (has("auth.loggedOut", layer) && has("auth.sentCodeSuccess", layer)) {
                const auto token = field(out, layer, "future_auth_token");
                ASSERT_FALSE(token.empty()) << "layer " << layer;
                api::codeSettings settings;
                settings.logout_tokens = std::vector<Bytes>{Bytes(token.begin(), token.end())};
                auto again = client();
                const auto success = again.call(
                    api::serialize(api::auth_sendCode{"15550020006", 12345, kHash, settings}));
                check(layer, success, "auth.sendCode (future auth token)");
                EXPECT_EQ(layered::decode(success.body, layer)->name, "auth.sentCodeSuccess");
            }
        }
    }
};

TEST_F(LayerAnswers, EveryAnswerInEveryLayerUsesThatLayersConstructors) {
    const auto& h = layered::history();
    for (int layer = h.min_layer; layer <= h.max_layer; ++layer) {
        run_layer(layer);
        if (HasFatalFailure()) return;
        run_branches(layer);
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
    // auth.authorization, flags, the future auth token, then the user's constructor id.
    tl::Reader rd(r.body);
    EXPECT_EQ(rd.read_uint32(), layered::version_at("auth.authorization", 227)->id);
    ASSERT_EQ(rd.read_uint32(), 1u << 2);
    rd.read_bytes();
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
