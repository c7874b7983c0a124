// Field names of every --json object are part of the public contract.
#include <gtest/gtest.h>

#include <set>

#include "json_fields.hpp"

namespace tgsession {
namespace {

std::set<std::string> keys(const nlohmann::json& j) {
    std::set<std::string> out;
    for (auto it = j.begin(); it != j.end(); ++it) out.insert(it.key());
    return out;
}

TEST(JsonFields, User) {
    tgs::auth::User u;
    u.id = 42;
    u.first_name = "Ann";
    u.username = "ann";
    u.phone = "15550001111";
    u.dc_id = 2;
    const auto j = user_json(u);
    EXPECT_EQ(keys(j), (std::set<std::string>{"id", "first_name", "last_name", "username", "phone",
                                              "bot", "dc_id"}));
    EXPECT_EQ(j["id"], 42);
    EXPECT_EQ(j["dc_id"], 2);
    EXPECT_EQ(j["bot"], false);
}

TEST(JsonFields, CodeSentHasNoHash) {
    tgs::auth::LoginToken t;
    t.phone = "9996621234";
    t.phone_code_hash = "abcdef0123456789";
    t.type = tgs::auth::CodeDelivery::App;
    t.code_length = 5;
    t.next_type = tgs::auth::CodeDelivery::Sms;
    t.timeout_seconds = 60;
    t.dc_id = 2;
    const auto j = code_sent_json(t);
    EXPECT_EQ(keys(j), (std::set<std::string>{"phone", "code_type", "code_length", "next_type",
                                              "timeout", "dc_id", "next_step"}));
    EXPECT_EQ(j["next_step"], "code");
    EXPECT_EQ(j["code_type"], "app");
    EXPECT_EQ(j["next_type"], "sms");
    EXPECT_EQ(j.dump().find("abcdef0123456789"), std::string::npos);
}

TEST(JsonFields, Authorization) {
    tgs::auth::AuthorizationInfo a;
    a.hash = -5;
    a.current = true;
    const auto j = authorization_json(a);
    for (const char* k :
         {"hash", "hash_str", "current", "device_model", "platform", "system_version", "app_name",
          "app_version", "api_id", "ip", "country", "date_created", "date_active"}) {
        EXPECT_TRUE(j.contains(k)) << k;
    }
    EXPECT_EQ(j["hash_str"], "-5");
}

TEST(JsonFields, StatusAlwaysHasEveryField) {
    StatusReport r;
    r.session = "a.session";
    r.state = "not_authorized";
    r.reason = "revoked";
    r.dc_id = 2;
    const auto j = status_json(r);
    for (const char* k :
         {"command", "session", "state", "authorized", "reason", "format", "dc_id",
          "server_address", "port", "auth_key_id", "user_id", "username", "bot", "file_mode"}) {
        EXPECT_TRUE(j.contains(k)) << k;
    }
    EXPECT_EQ(j["authorized"], false);
    EXPECT_EQ(j["reason"], "revoked");
    EXPECT_TRUE(j["user_id"].is_null());
}

TEST(JsonFields, FloodWaitFailure) {
    Failure f;
    f.exit_code = 75;
    f.code = "RPC_FLOOD_WAIT";
    f.message = "server answered 420 FLOOD_WAIT_42";
    f.retry_after = 42;
    const auto now = std::chrono::system_clock::from_time_t(1714564800);  // 2024-05-01T12:00:00Z
    const auto j = failure_json("login", "a.session", f, now);
    EXPECT_EQ(j["ok"], false);
    EXPECT_EQ(j["error"]["code"], "RPC_FLOOD_WAIT");
    EXPECT_EQ(j["error"]["exit_code"], 75);
    EXPECT_EQ(j["retry_after"], 42);
    EXPECT_EQ(j["retry_at"], "2024-05-01T12:00:42Z");
    EXPECT_EQ(flood_wait_text(42, now),
              "Telegram asks to wait 42 s before retrying (until 2024-05-01T12:00:42Z)");
}

TEST(JsonFields, OtherFailuresHaveNoRetry) {
    Failure f;
    f.exit_code = 77;
    f.code = "RPC_PHONE_CODE_INVALID";
    const auto j = failure_json("login", "", f, std::chrono::system_clock::now());
    EXPECT_FALSE(j.contains("retry_after"));
    EXPECT_FALSE(j.contains("session"));
}

TEST(JsonFields, CodeSentText) {
    tgs::auth::LoginToken t;
    t.type = tgs::auth::CodeDelivery::App;
    t.code_length = 5;
    t.next_type = tgs::auth::CodeDelivery::Sms;
    t.timeout_seconds = 60;
    const auto s = code_sent_text(t);
    EXPECT_NE(s.find("Telegram app"), std::string::npos) << s;
    EXPECT_NE(s.find("5 digits"), std::string::npos) << s;
    EXPECT_NE(s.find("'r'"), std::string::npos) << s;
    EXPECT_NE(s.find("SMS"), std::string::npos) << s;
    EXPECT_NE(s.find("60 s"), std::string::npos) << s;
}

TEST(JsonFields, FileMode) {
    EXPECT_EQ(file_mode_text(0100600), "0600");
    EXPECT_EQ(file_mode_text(0644), "0644");
}

}  // namespace
}  // namespace tgsession
