// Phone login through lib/auth against the in-process test DC: PHONE_MIGRATE to the account's
// home DC, a wrong code, 2FA with a stale SRP id retried once, and the session that results.
#include <memory>
#include <random>
#include <vector>

#include "auth_fixture.hpp"
#include "tgs/crypto/dh.hpp"
#include "tgs/tl/api.hpp"
#include "tgs/tl/reader.hpp"

namespace {

using namespace tgs;
using namespace tgs::auth;
using tgs::auth::test::AuthDc;
namespace fixture = tgs::auth::test;

TEST(AuthPhoneLogin, FollowsPhoneMigrateToTheHomeDc) {
    AuthDc dc;
    auto client = dc.client(1);
    // Convention: 99966 2 YYYY lives on DC 2, code 22222.
    const auto token = dc.run(client->request_login_code("9996621234"));
    EXPECT_EQ(token.dc_id, 2);
    EXPECT_EQ(token.code_length, 5);
    const auto result = dc.run(client->sign_in(token, "22222"));
    ASSERT_TRUE(std::holds_alternative<User>(result));
    EXPECT_EQ(std::get<User>(result).phone, "9996621234");
    const auto& s = client->session();
    EXPECT_EQ(s.dc_id, 2);
    EXPECT_EQ(s.port, dc.port(2));
    EXPECT_TRUE(s.has_key());
    ASSERT_TRUE(s.user.has_value());
    EXPECT_EQ(s.user->phone, "9996621234");
    EXPECT_EQ(dc.run(client->authorization_status()).state, AuthState::Authorized);
    // The key the client kept is the one DC 2 logged in.
    int bound_on_dc2 = 0;
    for (const auto& [id, rec] : dc.cluster().state().auth_keys()) {
        if (rec.dc == 2 && rec.user && rec.user->phone == "9996621234") ++bound_on_dc2;
    }
    EXPECT_EQ(bound_on_dc2, 1);
}

TEST(AuthPhoneLogin, AWrongCodeIsPhoneCodeInvalidAndTheRightOneStillWorks) {
    AuthDc dc;
    auto client = dc.client(1);
    const auto token = dc.run(client->request_login_code("9996611234"));
    EXPECT_EQ(token.dc_id, 1);
    EXPECT_EQ(dc.failure(client->sign_in(token, "12345")), "PHONE_CODE_INVALID");
    EXPECT_TRUE(std::holds_alternative<User>(dc.run(client->sign_in(token, "11111"))));
}

TEST(AuthPhoneLogin, AnUnknownPhoneIsRefusedInConventionMode) {
    AuthDc dc;
    auto client = dc.client(1);
    EXPECT_EQ(dc.failure(client->request_login_code("15550009999")), "PHONE_NUMBER_INVALID");
}

TEST(AuthPhoneLogin, ResendMovesToTheNextDelivery) {
    AuthDc dc;
    auto client = dc.client(1);
    const auto first = dc.run(client->request_login_code("9996611234"));
    EXPECT_EQ(first.type, CodeDelivery::Sms);
    ASSERT_TRUE(first.next_type.has_value());
    EXPECT_EQ(*first.next_type, CodeDelivery::Call);
    const auto second = dc.run(client->resend_login_code(first));
    EXPECT_EQ(second.type, CodeDelivery::Sms);
    const auto third = dc.run(client->resend_login_code(second));
    EXPECT_EQ(third.type, CodeDelivery::Call);
    EXPECT_EQ(dc.failure(client->resend_login_code(third)), "SEND_CODE_UNAVAILABLE");
}

TEST(AuthPassword, TwoFactorLoginAcrossAMigration) {
    AuthDc dc({}, fixture::ann_on_dc2());
    auto client = dc.client(1);
    const auto token = dc.run(client->request_login_code("+15550001111"));
    EXPECT_EQ(token.dc_id, 2);
    const auto result = dc.run(client->sign_in(token, "24680"));
    ASSERT_TRUE(std::holds_alternative<PasswordToken>(result));
    const auto& pw = std::get<PasswordToken>(result);
    EXPECT_EQ(pw.hint, "pet");
    EXPECT_EQ(dc.failure(client->check_password(pw, "hunter3")), "PASSWORD_HASH_INVALID");
    const auto user = dc.run(client->check_password(pw, "hunter2"));
    EXPECT_EQ(user.first_name, "Ann");
    EXPECT_EQ(client->session().dc_id, 2);
}

TEST(AuthPassword, AStaleSrpIdIsRetriedOnceWithFreshParameters) {
    AuthDc dc({}, fixture::ann_on_dc2());
    auto client = dc.client(2);
    const auto token = dc.run(client->request_login_code("15550001111"));
    const auto pw = std::get<PasswordToken>(dc.run(client->sign_in(token, "24680")));
    // The server forgets the srp_id it handed out (as after another getPassword): the first
    // checkPassword gets SRP_ID_INVALID, the client fetches new parameters and succeeds.
    {
        std::lock_guard lock(dc.cluster().handler().mutex());
        ASSERT_EQ(dc.cluster().state().srp_sessions().size(), 1u);
        dc.cluster().state().srp_sessions().clear();
    }
    const auto user = dc.run(client->check_password(pw, "hunter2"));
    EXPECT_EQ(user.phone, "15550001111");
}

// Randomness is a parameter: the SRP secret a comes from ClientConfig::random (its last 256-byte
// draw before auth.checkPassword), so the A = g^a mod p the server receives is fixed by the
// source (a seeded one replays it), and the server accepts the proof.
TEST(AuthPassword, TheSrpSecretComesFromTheConfiguredRandomSource) {
    AuthDc dc({}, fixture::ann_on_dc2());
    std::vector<Bytes> sent_a;
    dc.cluster().set_request_handler([&](const testdc::CallContext& ctx, ByteView request) {
        tl::Reader peek(request);
        if (peek.read_uint32() == tl::api::auth_checkPassword::ID) {
            tl::Reader r(request);
            const auto check = tl::api::read<tl::api::auth_checkPassword>(r);
            sent_a.push_back(std::get<tl::api::inputCheckPasswordSRP>(check.password).A);
        }
        return dc.cluster().handler().handle(ctx, request);
    });
    std::vector<Bytes> drawn_a;
    for (int login = 0; login < 2; ++login) {  // twice: the source is used again, not cached
        auto config = dc.config();
        auto stream = std::make_shared<std::mt19937_64>(20240601);
        config.random = [stream, &drawn_a](MutableByteView out) {
            for (auto& b : out) b = static_cast<std::uint8_t>((*stream)() >> 56);
            if (out.size() == 256) drawn_a.emplace_back(out.begin(), out.end());
        };
        auto client = dc.client(config, dc.fresh_session(2));
        const auto token = dc.run(client->request_login_code("15550001111"));
        const auto pw = std::get<PasswordToken>(dc.run(client->sign_in(token, "24680")));
        EXPECT_EQ(dc.run(client->check_password(pw, "hunter2")).first_name, "Ann");
        ASSERT_EQ(sent_a.size(), static_cast<std::size_t>(login + 1));
        ASSERT_FALSE(drawn_a.empty());
        EXPECT_EQ(sent_a.back(), crypto::dh_public_value(pw.g, drawn_a.back(), pw.p));
    }
}

}  // namespace
