// Every code delivery is named in --json and explained in the prompt text with what the user
// must know (the masked email, the missed call's last digits, the SMS word).
#include <gtest/gtest.h>

#include "json_fields.hpp"

namespace tgsession {
namespace {

using tgs::auth::CodeDelivery;

tgs::auth::LoginToken token(CodeDelivery d) {
    tgs::auth::LoginToken t;
    t.phone = "9996621234";
    t.type = d;
    t.code_length = 5;
    return t;
}

TEST(CodeTypes, EveryDeliveryHasAJsonName) {
    const std::pair<CodeDelivery, const char*> all[] = {
        {CodeDelivery::App, "app"},
        {CodeDelivery::Sms, "sms"},
        {CodeDelivery::Call, "call"},
        {CodeDelivery::FlashCall, "flash_call"},
        {CodeDelivery::MissedCall, "missed_call"},
        {CodeDelivery::Email, "email"},
        {CodeDelivery::FragmentSms, "fragment_sms"},
        {CodeDelivery::FirebaseSms, "firebase_sms"},
        {CodeDelivery::SmsWord, "sms_word"},
        {CodeDelivery::SmsPhrase, "sms_phrase"},
    };
    for (const auto& [d, name] : all) {
        EXPECT_EQ(code_sent_json(token(d))["code_type"], name);
        EXPECT_NE(code_sent_text(token(d)), "The login code was sent.") << name;
    }
}

TEST(CodeTypes, MissedCallNamesTheLastDigits) {
    auto t = token(CodeDelivery::MissedCall);
    t.code_length = 4;
    t.missed_call_prefix = "+44 20";
    const auto text = code_sent_text(t);
    EXPECT_NE(text.find("last 4 digits of the number that calls you"), std::string::npos) << text;
    EXPECT_NE(text.find("+44 20"), std::string::npos);
    EXPECT_EQ(code_sent_json(t)["missed_call_prefix"], "+44 20");
    EXPECT_EQ(code_prompt(t), "Last 4 digits of the calling number");
}

TEST(CodeTypes, EmailNamesTheMaskedAddress) {
    auto t = token(CodeDelivery::Email);
    t.email_pattern = "a***@e*****.com";
    EXPECT_NE(code_sent_text(t).find("a***@e*****.com"), std::string::npos);
    EXPECT_EQ(code_sent_json(t)["email_pattern"], "a***@e*****.com");
    EXPECT_NE(code_prompt(t).find("a***@e*****.com"), std::string::npos);
}

TEST(CodeTypes, SmsWordsAreText) {
    auto t = token(CodeDelivery::SmsWord);
    t.word_beginning = "ba";
    EXPECT_TRUE(code_is_text(t.type));
    EXPECT_TRUE(code_is_text(CodeDelivery::SmsPhrase));
    EXPECT_FALSE(code_is_text(CodeDelivery::Sms));
    EXPECT_NE(code_sent_text(t).find("\"ba\""), std::string::npos);
}

TEST(CodeTypes, EmailSetupIsTheNextStep) {
    auto t = token(CodeDelivery::Email);
    t.email_setup_required = true;
    EXPECT_EQ(code_sent_json(t)["next_step"], "email");
}

}  // namespace
}  // namespace tgsession
