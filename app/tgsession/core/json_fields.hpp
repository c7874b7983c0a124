// The --json vocabulary: every object the CLI prints is built here, so field names stay stable
// (snake_case) and no builder ever takes a secret.
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "exit_codes.hpp"
#include "tgs/auth/types.hpp"

namespace tgsession {

nlohmann::json user_json(const tgs::auth::User& u);
/// Where the code went; the phone_code_hash stays out.
nlohmann::json code_sent_json(const tgs::auth::LoginToken& t);
nlohmann::json authorization_json(const tgs::auth::AuthorizationInfo& a);

/// What `status` found for one file.
struct StatusReport {
    std::string session;
    std::string state;  // authorized | not_authorized | unreachable | no_key | error
    std::optional<std::string> reason;  // unregistered | revoked | duplicated | logged_out | ...
    std::optional<std::string> format;
    std::optional<int> dc_id;
    std::optional<std::string> server_address;
    std::optional<int> port;
    std::optional<std::string> auth_key_id;  // hex of the 8-byte id (not secret: sent in clear)
    std::optional<std::int64_t> user_id;
    std::optional<std::string> username;
    std::optional<bool> bot;
    std::optional<std::string> file_mode;  // "0600"
    std::optional<std::string> message;
};
nlohmann::json status_json(const StatusReport& r);

/// {"command", "session", "ok": false, "error": {"code","message","exit_code"}, "next_step",
///  "retry_after", "retry_at"} (next_step when one helps; the last two only for flood waits).
nlohmann::json failure_json(const std::string& command, const std::string& session,
                            const Failure& f, std::chrono::system_clock::time_point now);

/// "2024-05-01T12:00:42Z"
std::string iso8601_utc(std::chrono::system_clock::time_point t);
/// "Too many attempts: wait 42 s (until 2024-05-01T12:00:42Z)"
std::string flood_wait_text(std::int64_t seconds, std::chrono::system_clock::time_point now);
/// "The code was sent to your Telegram app (5 digits). ..." for the code prompt.
std::string code_sent_text(const tgs::auth::LoginToken& t);
/// The code prompt's label, naming what to type ("Email code (sent to a***@b.c)").
std::string code_prompt(const tgs::auth::LoginToken& t);
/// SMS words and phrases are typed as text; every other code is digits.
bool code_is_text(tgs::auth::CodeDelivery d);
/// What a wrapper should do after a failure with this code ("code", "password", "sign_up",
/// "email", "email_code", "recovery_code", "accept_tos", "qr", ...), or "" when nothing helps.
std::string next_step_for(const std::string& code);
/// "0600" from a st_mode.
std::string file_mode_text(unsigned mode);

}  // namespace tgsession
