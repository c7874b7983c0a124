// Bot and QR login through lib/auth against the in-process test DC, and what happens when the
// server stays silent.
#include "auth_fixture.hpp"

namespace {

using namespace tgs;
using namespace tgs::auth;
using tgs::auth::test::AuthDc;
namespace fixture = tgs::auth::test;

const std::string kBotToken = "1000009:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

TEST(AuthBotLogin, FollowsUserMigrateToTheBotsDc) {
    AuthDc dc;
    auto client = dc.client(3);  // convention bots live on DC 1
    const auto user = dc.run(client->bot_sign_in(kBotToken));
    EXPECT_TRUE(user.bot);
    EXPECT_EQ(user.id, 1000009);
    EXPECT_EQ(client->session().dc_id, 1);
    EXPECT_EQ(dc.failure(client->bot_sign_in("1000009:short")), "ACCESS_TOKEN_INVALID");
}

// The QR token is accepted by Ann, whose account lives on DC 2, while the new device waits on
// DC 1: the next export answers loginTokenMigrateTo, the client moves and imports the token.
TEST(AuthQrLogin, MigratesToTheAcceptingAccountsDc) {
    testdc::ServeOptions options;
    options.rules.login_token_ttl_seconds = 1;  // the client asks again after a second
    AuthDc dc(options, fixture::ann_on_dc2());
    // Ann logs in on DC 2 first (her 2FA included).
    auto ann = dc.client(2);
    const auto token = dc.run(ann->request_login_code("15550001111"));
    const auto pw = std::get<PasswordToken>(dc.run(ann->sign_in(token, "24680")));
    dc.run(ann->check_password(pw, "hunter2"));

    auto fresh = dc.client(1);
    int shown = 0;
    auto accept = [&](const std::string& url, std::int64_t) {
        ++shown;
        EXPECT_EQ(url.rfind("tg://login?token=", 0), 0u) << url;
        // Stands in for Ann's app scanning the code (auth.acceptLoginToken).
        auto& state = dc.cluster().state();
        std::optional<testdc::BoundUser> ann_user;
        for (const auto& [id, rec] : state.auth_keys()) {
            if (rec.user && rec.user->phone == "15550001111") ann_user = rec.user;
        }
        ASSERT_TRUE(ann_user.has_value());
        for (auto& [bytes, t] : state.login_tokens()) {
            if (!t.accepted_user) t.accepted_user = ann_user;
        }
    };
    const auto result = dc.run(fresh->qr_login(accept, std::chrono::seconds(20)));
    EXPECT_EQ(shown, 1);
    // Ann has 2FA, so the new device must pass it too.
    ASSERT_TRUE(std::holds_alternative<PasswordToken>(result));
    EXPECT_EQ(fresh->session().dc_id, 2);
    const auto user = dc.run(fresh->check_password(std::get<PasswordToken>(result), "hunter2"));
    EXPECT_EQ(user.first_name, "Ann");
    const auto list = dc.run(ann->list_authorizations());
    EXPECT_EQ(list.size(), 2u);
}

TEST(AuthQrLogin, NobodyScanningIsAuthQrTimeout) {
    AuthDc dc;
    auto client = dc.client(1);
    int shown = 0;
    EXPECT_EQ(dc.failure(client->qr_login([&](const std::string&, std::int64_t) { ++shown; },
                                          std::chrono::seconds(1))),
              "AUTH_QR_TIMEOUT");
    EXPECT_EQ(shown, 1);
}

TEST(AuthTimeouts, ASilentServerIsNetTimeout) {
    AuthDc dc;
    dc.cluster().set_request_handler([](const testdc::CallContext&, ByteView) {
        testdc::Reply reply;
        reply.silent = true;
        return reply;
    });
    auto config = dc.config();
    config.timeout = std::chrono::milliseconds(300);
    auto client = dc.client(config, dc.fresh_session(1));
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(dc.failure(client->request_login_code("9996611234")), "NET_TIMEOUT");
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(AuthStatus, NoKeyThenAuthorizedThenUnregisteredAfterSignOut) {
    AuthDc dc;
    auto client = dc.client(1);
    EXPECT_EQ(dc.run(client->authorization_status()).state, AuthState::NoKey);
    const auto token = dc.run(client->request_login_code("9996611234"));
    dc.run(client->sign_in(token, "11111"));
    const auto status = dc.run(client->authorization_status());
    EXPECT_EQ(status.state, AuthState::Authorized);
    ASSERT_TRUE(status.user.has_value());
    EXPECT_EQ(status.user->phone, "9996611234");
    // A second client on the same key sees the same; after sign_out the key is unregistered.
    auto same_key = dc.client(dc.config(), client->session());
    dc.run(client->sign_out());
    const auto after = dc.run(same_key->authorization_status());
    EXPECT_EQ(after.state, AuthState::Unregistered);
    EXPECT_EQ(after.server_error, "AUTH_KEY_UNREGISTERED");
}

}  // namespace
