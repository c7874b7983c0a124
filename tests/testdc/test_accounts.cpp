// Accounts file parsing (docs/architecture.md §5) and the 99966XYYYY convention.
#include <gtest/gtest.h>

#include "tgs/error.hpp"
#include "tgs/testdc/accounts.hpp"

namespace {

using tgs::testdc::Accounts;

constexpr const char* kDesignExample = R"({"users": [{"phone": "15550001111", "first_name": "Ann",
  "last_name": "", "username": "ann", "dc": 2, "code": "22222", "password": "hunter2",
  "hint": "pet's name"}],
 "bots":  [{"token": "1000009:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "username": "test_bot",
            "first_name": "Test Bot", "dc": 2}]})";

TEST(Accounts, ParsesTheDesignExample) {
    auto a = Accounts::from_json(kDesignExample, 3);
    EXPECT_FALSE(a.convention_mode());
    auto u = a.find_user_by_phone("15550001111");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->first_name, "Ann");
    EXPECT_EQ(u->username, "ann");
    EXPECT_EQ(u->dc, 2);
    EXPECT_EQ(u->code, "22222");
    ASSERT_TRUE(u->password);
    EXPECT_EQ(*u->password, "hunter2");
    EXPECT_EQ(u->hint, "pet's name");
    EXPECT_NE(u->access_hash, 0);
    auto b = a.find_bot_by_token("1000009:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
    ASSERT_TRUE(b);
    EXPECT_EQ(b->id, 1000009);
    EXPECT_EQ(b->dc, 2);
    EXPECT_EQ(b->username, "test_bot");
    EXPECT_FALSE(a.find_bot_by_token("1000009:wrong"));
}

TEST(Accounts, PhoneMatchesWithOrWithoutPlus) {
    auto a = Accounts::from_json(kDesignExample, 3);
    EXPECT_TRUE(a.find_user_by_phone("+15550001111"));
    EXPECT_TRUE(a.find_user_by_phone("+1 555-000-1111"));
    EXPECT_FALSE(a.find_user_by_phone("15550001112"));
    // A file turns the convention off.
    EXPECT_FALSE(a.find_user_by_phone("9996621234"));
}

TEST(Accounts, DefaultsCodeToTheDcDigitAndTakesExplicitIds) {
    auto a = Accounts::from_json(R"({"users":[{"phone":"+4912345","dc":3,"id":77}]})", 3);
    auto u = a.find_user_by_phone("4912345");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->code, "33333");
    EXPECT_EQ(u->id, 77);
    EXPECT_FALSE(u->password);
    EXPECT_TRUE(a.find_user_by_id(77));
}

TEST(Accounts, RejectsMalformedFiles) {
    auto code_of = [](const char* text) {
        try {
            Accounts::from_json(text, 2);
        } catch (const tgs::Error& e) {
            return e.code();
        }
        return std::string("no error");
    };
    EXPECT_EQ(code_of("{"), "ACCOUNTS_INVALID");
    EXPECT_EQ(code_of(R"({"users":[{"first_name":"x"}]})"), "ACCOUNTS_INVALID");
    EXPECT_EQ(code_of(R"({"users":[{"phone":"1","dc":3}]})"), "ACCOUNTS_INVALID");
    EXPECT_EQ(code_of(R"({"bots":[{"token":"notatoken"}]})"), "ACCOUNTS_INVALID");
    EXPECT_EQ(code_of(R"({"users":[{"phone":"1"},{"phone":"+1"}]})"), "ACCOUNTS_INVALID");
}

TEST(Accounts, ConventionHomesOnDigitX) {
    auto a = Accounts::convention(3);
    auto u = a.find_user_by_phone("+9996621234");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->dc, 2);
    EXPECT_EQ(u->code, "22222");
    EXPECT_EQ(u->phone, "9996621234");
    EXPECT_FALSE(a.find_user_by_phone("9996641234"));  // DC 4 does not exist here
    EXPECT_FALSE(a.find_user_by_phone("15550001111"));
    EXPECT_FALSE(a.find_user_by_phone("99966212345"));  // 11 digits
    auto again = a.find_user_by_id(u->id);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->access_hash, u->access_hash);
    auto bot = a.find_bot_by_token("123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
    ASSERT_TRUE(bot);
    EXPECT_EQ(bot->id, 123456);
    EXPECT_FALSE(a.find_bot_by_token("123456:short"));
}

}  // namespace
