#include "json_fields.hpp"

#include <ctime>

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
        case CodeDelivery::app:
            return "to your Telegram app (on another device)";
        case CodeDelivery::sms:
            return "by SMS";
        case CodeDelivery::call:
            return "by a phone call";
        case CodeDelivery::flash_call:
            return "by a flash call (the code is in the caller's number)";
        case CodeDelivery::missed_call:
            return "by a missed call (the code ends the caller's number)";
        case CodeDelivery::email:
            return "by email";
        case CodeDelivery::fragment_sms:
            return "to your Fragment number";
        case CodeDelivery::firebase_sms:
            return "by SMS";
        case CodeDelivery::other:
            return "";
    }
    return "";
}
}  // namespace

std::string code_sent_text(const tgs::auth::LoginToken& t) {
    std::string s = "The login code was sent";
    if (auto w = where(t.type); !w.empty()) s += " " + w;
    if (t.code_length > 0) s += " (" + std::to_string(t.code_length) + " digits)";
    s += ".";
    if (t.next_type) {
        s += " Type 'r' to get it " + where(*t.next_type);
        if (t.timeout_seconds) s += " (possible in " + std::to_string(*t.timeout_seconds) + " s)";
        s += ".";
    }
    return s;
}

std::string file_mode_text(unsigned mode) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04o", mode & 07777U);
    return buf;
}

}  // namespace tgsession
