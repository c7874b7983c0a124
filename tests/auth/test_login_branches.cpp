// The login branches beyond code and password, through lib/auth's AsyncClient against the
// in-process test DC with the accounts-file options that turn each one on: a login email, its
// setup, sign-up with terms of service, 2FA recovery, paid codes and future auth tokens.
#include "auth_fixture.hpp"
#include "tgs/auth/errors.hpp"

namespace {

using namespace tgs;
using namespace tgs::auth;
using tgs::auth::test::AuthDc;

testdc::Accounts branch_accounts() {
    return testdc::Accounts::from_json(R"({"users": [
 {"phone": "15550020001", "first_name": "Eve", "dc": 1, "code": "12345",
  "email": "eve@example.com", "email_code": "97531"},
 {"phone": "15550020002", "first_name": "Sam", "dc": 1, "code": "12345",
  "email_setup_required": true},
 {"phone": "15550020003", "first_name": "Rita", "dc": 1, "code": "12345", "password": "pw",
  "recovery_email": "rita@example.com", "recovery_code": "55555"},
 {"phone": "15550020004", "first_name": "N", "dc": 1, "code": "12345", "signed_up": false},
 {"phone": "15550020005", "first_name": "Pat", "dc": 1, "code": "12345",
  "payment_required": true},
 {"phone": "15550020006", "first_name": "Tom", "dc": 1, "code": "12345"}]})",
                                       3);
}

TEST(AuthLoginBranches, EmailCodeNamesTheMaskedAddressAndLogsIn) {
    AuthDc dc({}, branch_accounts());
    auto client = dc.client(1);
    const auto token = dc.run(client->request_login_code("15550020001"));
    EXPECT_EQ(token.type, CodeDelivery::Email);
    EXPECT_EQ(token.email_pattern, "e***@example.com");
    EXPECT_EQ(token.code_length, 5);
    // The SMS code is not the email's.
    EXPECT_EQ(dc.failure(client->sign_in(token, "12345")), "EMAIL_CODE_INVALID");
    const auto user = std::get<User>(dc.run(client->sign_in(token, "97531")));
    EXPECT_EQ(user.first_name, "Eve");
}

TEST(AuthLoginBranches, LoginEmailSetupThenTheCodeSentThere) {
    AuthDc dc({}, branch_accounts());
    auto client = dc.client(1);
    const auto token = dc.run(client->request_login_code("15550020002"));
    ASSERT_TRUE(token.email_setup_required);
    const auto sent = dc.run(client->send_login_email_code(token, "sam@example.com"));
    EXPECT_EQ(sent.email_pattern, "s***@example.com");
    EXPECT_EQ(dc.failure(client->verify_login_email(token, "00000")), "EMAIL_CODE_INVALID");
    const auto next = dc.run(client->verify_login_email(token, "12345"));
    EXPECT_FALSE(next.email_setup_required);
    EXPECT_EQ(next.type, CodeDelivery::Email);
    const auto user = std::get<User>(dc.run(client->sign_in(next, "12345")));
    EXPECT_EQ(user.first_name, "Sam");
}

TEST(AuthLoginBranches, SignUpRequiredCarriesTheTermsThenSignUpCreatesTheAccount) {
    AuthDc dc({}, branch_accounts());
    auto client = dc.client(1);
    const auto token = dc.run(client->request_login_code("15550020004"));
    std::optional<TermsOfService> terms;
    try {
        dc.run(client->sign_in(token, "12345"));
        FAIL() << "sign_in logged in a number without an account";
    } catch (const SignUpRequired& e) {
        EXPECT_EQ(e.code(), errc::sign_up_required);
        terms = e.terms();
    }
    ASSERT_TRUE(terms.has_value());
    EXPECT_TRUE(terms->popup);
    EXPECT_FALSE(terms->text.empty());
    const auto user = dc.run(client->sign_up(token, "Nia", "Lee", terms->id));
    EXPECT_EQ(user.first_name, "Nia");
    EXPECT_EQ(user.last_name, "Lee");
    EXPECT_EQ(user.phone, "15550020004");
}

TEST(AuthLoginBranches, PasswordRecoveryLogsInAndRemoves2fa) {
    AuthDc dc({}, branch_accounts());
    auto client = dc.client(1);
    const auto token = dc.run(client->request_login_code("15550020003"));
    const auto pw = std::get<PasswordToken>(dc.run(client->sign_in(token, "12345")));
    EXPECT_EQ(dc.run(client->request_password_recovery()), "r***@example.com");
    EXPECT_EQ(dc.failure(client->recover_password(pw, "11111", std::nullopt, "")), "CODE_INVALID");
    const auto user = dc.run(client->recover_password(pw, "55555", std::nullopt, ""));
    EXPECT_EQ(user.first_name, "Rita");
    // Without a new password 2FA is gone: the next login needs only the code.
    auto again = dc.client(1);
    const auto t2 = dc.run(again->request_login_code("15550020003"));
    EXPECT_TRUE(std::holds_alternative<User>(dc.run(again->sign_in(t2, "12345"))));
}

TEST(AuthLoginBranches, PaidCodesAreAnErrorOfTheirOwn) {
    AuthDc dc({}, branch_accounts());
    auto client = dc.client(1);
    EXPECT_EQ(dc.failure(client->request_login_code("15550020005")), errc::payment_required);
}

TEST(AuthLoginBranches, AFutureAuthTokenFromLogoutLogsInWithoutACode) {
    AuthDc dc({}, branch_accounts());
    auto client = dc.client(1);
    const auto token = dc.run(client->request_login_code("15550020006"));
    dc.run(client->sign_in(token, "12345"));
    dc.run(client->sign_out());
    const auto future = client->future_auth_token();
    ASSERT_TRUE(future.has_value());
    auto again = dc.client(1);
    const auto answer = dc.run(again->send_code("15550020006", {*future}));
    ASSERT_TRUE(std::holds_alternative<User>(answer)) << "a code was asked for";
    EXPECT_EQ(std::get<User>(answer).first_name, "Tom");
    // Used once: the same token asks for a code again.
    auto third = dc.client(1);
    EXPECT_TRUE(
        std::holds_alternative<LoginToken>(dc.run(third->send_code("15550020006", {*future}))));
}

}  // namespace
