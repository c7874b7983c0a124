#include "json_fields.hpp"

#include <ctime>

#include "errors.hpp"
#include "tgs/auth/errors.hpp"

namespace tgsession {

using tgs::auth::CodeDelivery;

nlohmann::json user_json(const tgs::auth::User& u) {
    return {{"id", u.id},
            {"first_name", u.first_name},
            {"last_name", u.last_name},
            {"username", u.username},
            {"phone", u.phone},
            {"bot", u.bot},
            {"dc_id", u.dc_id}};
}

nlohmann::json code_sent_json(const tgs::auth::LoginToken& t) {
    nlohmann::json j{{"phone", t.phone},
                     {"code_type", tgs::auth::to_string(t.type)},
                     {"code_length", t.code_length},
                     {"dc_id", t.dc_id}};
    j["next_type"] = t.next_type ? nlohmann::json(tgs::auth::to_string(*t.next_type)) : nullptr;
    j["timeout"] = t.timeout_seconds ? nlohmann::json(*t.timeout_seconds) : nullptr;
    // What the delivery needs the user to know, only where it applies.
    auto put = [&j](const char* key, const std::string& v) {
        if (!v.empty()) j[key] = v;
    };
    put("email_pattern", t.email_pattern);
    put("missed_call_prefix", t.missed_call_prefix);
    put("flash_call_pattern", t.flash_call_pattern);
    put("fragment_url", t.fragment_url);
    put("word_beginning", t.word_beginning);
    if (t.email_reset_available_period) {
        j["email_reset_available_in"] = *t.email_reset_available_period;
    }
    j["next_step"] = t.email_setup_required ? "email" : "code";
    return j;
}

nlohmann::json authorization_json(const tgs::auth::AuthorizationInfo& a) {
    // The hash is an int64 identifier, printed as a decimal string too so JS readers keep it exact.
    return {{"hash", a.hash},
            {"hash_str", std::to_string(a.hash)},
            {"current", a.current},
            {"device_model", a.device_model},
            {"platform", a.platform},
            {"system_version", a.system_version},
            {"app_name", a.app_name},
            {"app_version", a.app_version},
            {"api_id", a.api_id},
            {"ip", a.ip},
            {"country", a.country},
            {"date_created", a.date_created},
            {"date_active", a.date_active}};
}

nlohmann::json status_json(const StatusReport& r) {
    nlohmann::json j{{"command", "status"},
                     {"session", r.session},
                     {"state", r.state},
                     {"authorized", r.state == "authorized"}};
    auto put = [&j](const char* k, const auto& opt) {
        j[k] = opt ? nlohmann::json(*opt) : nlohmann::json(nullptr);
    };
    put("reason", r.reason);
    put("format", r.format);
    put("dc_id", r.dc_id);
    put("server_address", r.server_address);
    put("port", r.port);
    put("auth_key_id", r.auth_key_id);
    put("user_id", r.user_id);
    put("username", r.username);
    put("bot", r.bot);
    put("file_mode", r.file_mode);
    if (r.message) j["message"] = *r.message;
    return j;
}

std::string iso8601_utc(std::chrono::system_clock::time_point t) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

nlohmann::json failure_json(const std::string& command, const std::string& session,
                            const Failure& f, std::chrono::system_clock::time_point now) {
    nlohmann::json j{
        {"command", command},
        {"ok", false},
        {"error", {{"code", f.code}, {"message", f.message}, {"exit_code", f.exit_code}}}};
    if (!session.empty()) j["session"] = session;
    if (auto step = next_step_for(f.code); !step.empty()) j["next_step"] = step;
    if (f.retry_after) {
        j["retry_after"] = *f.retry_after;
        j["retry_at"] = iso8601_utc(now + std::chrono::seconds(*f.retry_after));
    }
    return j;
}

std::string flood_wait_text(std::int64_t seconds, std::chrono::system_clock::time_point now) {
    return "Telegram asks to wait " + std::to_string(seconds) + " s before retrying (until " +
           iso8601_utc(now + std::chrono::seconds(seconds)) + ")";
}

namespace {
std::string where(CodeDelivery d) {
    switch (d) {
        case CodeDelivery::App:
            return "to your Telegram app (on another device)";
        case CodeDelivery::Sms:
        case CodeDelivery::FirebaseSms:
            return "by SMS";
        case CodeDelivery::Call:
            return "by a phone call (a voice reads it)";
        case CodeDelivery::FlashCall:
            return "by a flash call (the code is the caller's number)";
        case CodeDelivery::MissedCall:
            return "by a missed call (the code is the end of the caller's number)";
        case CodeDelivery::Email:
            return "by email";
        case CodeDelivery::FragmentSms:
            return "to your Fragment number";
        case CodeDelivery::SmsWord:
            return "by SMS as a word";
        case CodeDelivery::SmsPhrase:
            return "by SMS as a phrase";
        case CodeDelivery::Other:
            return "";
    }
    return "";
}

std::string digits(int n) {
    return std::to_string(n) + (n == 1 ? " digit" : " digits");
}
}  // namespace

std::string code_sent_text(const tgs::auth::LoginToken& t) {
    std::string s;
    switch (t.type) {
        case CodeDelivery::Email:
            s = "The login code was sent by email to " +
                (t.email_pattern.empty() ? std::string("your login email") : t.email_pattern);
            if (t.code_length > 0) s += " (" + digits(t.code_length) + ")";
            s += ".";
            break;
        case CodeDelivery::MissedCall:
            s = "Telegram is calling you: the code is the last " + digits(t.code_length) +
                " of the number that calls you";
            if (!t.missed_call_prefix.empty())
                s += " (it starts with " + t.missed_call_prefix + ")";
            s += "; you need not answer.";
            break;
        case CodeDelivery::FlashCall:
            s = "Telegram is calling you: the code is the caller's number";
            if (!t.flash_call_pattern.empty()) s += " (" + t.flash_call_pattern + ")";
            s += ".";
            break;
        case CodeDelivery::FragmentSms:
            s = "The login code was sent to your anonymous Fragment number";
            if (!t.fragment_url.empty()) s += "; read it at " + t.fragment_url;
            s += ".";
            break;
        case CodeDelivery::SmsWord:
        case CodeDelivery::SmsPhrase:
            s = std::string("The SMS carries a ") +
                (t.type == CodeDelivery::SmsWord ? "word" : "phrase") + ": type it";
            if (!t.word_beginning.empty()) s += " (it starts with \"" + t.word_beginning + "\")";
            s += ".";
            break;
        default:
            s = "The login code was sent";
            if (auto w = where(t.type); !w.empty()) s += " " + w;
            if (t.code_length > 0) s += " (" + digits(t.code_length) + ")";
            s += ".";
    }
    if (t.next_type) {
        s += " Type 'r' to get it " + where(*t.next_type);
        if (t.timeout_seconds) s += " (possible in " + std::to_string(*t.timeout_seconds) + " s)";
        s += ".";
    }
    if (t.type == CodeDelivery::Email && t.email_reset_available_period) {
        s += " Lost that mailbox? Type 'reset' to get the code by SMS instead";
        if (*t.email_reset_available_period > 0) {
            s += " (possible in " + std::to_string(*t.email_reset_available_period) + " s)";
        }
        s += ".";
    }
    return s;
}

std::string code_prompt(const tgs::auth::LoginToken& t) {
    switch (t.type) {
        case CodeDelivery::Email:
            return "Email code" +
                   (t.email_pattern.empty() ? "" : " (sent to " + t.email_pattern + ")");
        case CodeDelivery::MissedCall:
            return "Last " + digits(t.code_length) + " of the calling number";
        case CodeDelivery::FlashCall:
            return "Caller's number";
        case CodeDelivery::SmsWord:
            return "Word from the SMS";
        case CodeDelivery::SmsPhrase:
            return "Phrase from the SMS";
        default:
            return "Login code";
    }
}

bool code_is_text(CodeDelivery d) {
    return d == CodeDelivery::SmsWord || d == CodeDelivery::SmsPhrase;
}

std::string next_step_for(const std::string& code) {
    static const std::pair<const char*, const char*> kSteps[] = {
        {errc::rpc_phone_code_invalid, "code"},
        {errc::rpc_phone_code_empty, "code"},
        {errc::rpc_phone_code_expired, "send_code"},
        {errc::rpc_password_hash_invalid, "password"},
        {errc::usage_password, "password"},
        {errc::usage_code, "code"},
        {tgs::auth::errc::sign_up_required, "sign_up"},
        {errc::usage_accept_tos, "accept_tos"},
        {tgs::auth::errc::payment_required, "qr"},
        {tgs::auth::errc::firebase_only, "qr"},
        {tgs::auth::errc::email_setup_required, "email"},
        {errc::usage_email, "email"},
        {errc::rpc_email_invalid, "email"},
        {errc::rpc_email_not_allowed, "email"},
        {errc::usage_email_code, "email_code"},
        {errc::rpc_code_invalid, "recovery_code"},
        {errc::usage_recovery_code, "recovery_code"},
        {tgs::auth::errc::no_recovery_email, "reset_password"},
        {errc::rpc_flood_wait, "retry_later"},
    };
    for (const auto& [c, step] : kSteps) {
        if (code == c) return step;
    }
    return "";
}

std::string file_mode_text(unsigned mode) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04o", mode & 07777U);
    return buf;
}

}  // namespace tgsession
