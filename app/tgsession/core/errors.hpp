// The error codes the CLI itself reports (in stderr, the --json "error" value and through the
// exit table), named once like every layer's (docs/CONVENTIONS.md "Errors"). These strings are a
// public contract: rename a constant freely, never its text. kAll lists the CLI's own codes and
// kRpc the server refusals the exit table decides on; tests/cli checks each has a rule and that
// no file under app/tgsession spells one.
#pragma once

#include <array>
#include <string_view>

namespace tgsession::errc {

/// A usage problem (exit 64); a CLI_USAGE_<WHAT> code names the input a scripted login lacks, so
/// a wrapper knows what to ask for next (json_fields.cpp's next_step).
inline constexpr const char* usage = "CLI_USAGE";
inline constexpr const char* usage_code = "CLI_USAGE_CODE";
inline constexpr const char* usage_password = "CLI_USAGE_PASSWORD";
inline constexpr const char* usage_email = "CLI_USAGE_EMAIL";
inline constexpr const char* usage_email_code = "CLI_USAGE_EMAIL_CODE";
inline constexpr const char* usage_recovery_code = "CLI_USAGE_RECOVERY_CODE";
inline constexpr const char* usage_accept_tos = "CLI_USAGE_ACCEPT_TOS";
/// The two-step login's saved state (core/pending_login.hpp).
inline constexpr const char* pending_login_corrupt = "PENDING_LOGIN_CORRUPT";
inline constexpr const char* pending_login_write = "PENDING_LOGIN_WRITE";
inline constexpr const char* login_already_authorized = "LOGIN_ALREADY_AUTHORIZED";
/// No client auth key after the code was sent; the session has nothing to log in with.
inline constexpr const char* auth_no_key = "AUTH_NO_KEY";
/// revoke on a session that is not logged in.
inline constexpr const char* auth_not_authorized = "AUTH_NOT_AUTHORIZED";
/// XDG directories (core/xdg_paths.hpp).
inline constexpr const char* path_no_home = "PATH_NO_HOME";
inline constexpr const char* path_unsafe = "PATH_UNSAFE";
/// --server-config / --dc / --rsa-key (core/server_config.hpp).
inline constexpr const char* server_config_missing = "SERVER_CONFIG_MISSING";
inline constexpr const char* server_config_invalid = "SERVER_CONFIG_INVALID";
inline constexpr const char* server_config_bad_dc = "SERVER_CONFIG_BAD_DC";
inline constexpr const char* server_config_rsa_key = "SERVER_CONFIG_RSA_KEY";
inline constexpr const char* secret_file_unreadable = "SECRET_FILE_UNREADABLE";
inline constexpr const char* status_list_missing = "STATUS_LIST_MISSING";
/// Caches whose failures are caught where they happen (a lost entry costs a round trip); their
/// rules exist so the table stays complete, not because they reach the user.
inline constexpr const char* salt_cache_write = "SALT_CACHE_WRITE";
inline constexpr const char* future_tokens_read = "FUTURE_TOKENS_READ";
inline constexpr const char* future_tokens_write = "FUTURE_TOKENS_WRITE";
/// classify()'s codes for exceptions that carry none (std::filesystem errors, anything else).
inline constexpr const char* file_not_found = "FILE_NOT_FOUND";
inline constexpr const char* file_io = "FILE_IO";
inline constexpr const char* internal = "INTERNAL";

inline constexpr std::array<std::string_view, 26> kAll{
    usage,
    usage_code,
    usage_password,
    usage_email,
    usage_email_code,
    usage_recovery_code,
    usage_accept_tos,
    pending_login_corrupt,
    pending_login_write,
    login_already_authorized,
    auth_no_key,
    auth_not_authorized,
    path_no_home,
    path_unsafe,
    server_config_missing,
    server_config_invalid,
    server_config_bad_dc,
    server_config_rsa_key,
    secret_file_unreadable,
    status_list_missing,
    salt_cache_write,
    future_tokens_read,
    future_tokens_write,
    file_not_found,
    file_io,
    internal,
};

// Server refusals as tgs::RpcError codes ("RPC_" + the server's name, digits dropped) that the
// exit table or a login branch decides on.
inline constexpr const char* rpc_flood_wait = "RPC_FLOOD_WAIT";
inline constexpr const char* rpc_flood_premium_wait = "RPC_FLOOD_PREMIUM_WAIT";
inline constexpr const char* rpc_slowmode_wait = "RPC_SLOWMODE_WAIT";
inline constexpr const char* rpc_takeout_init_delay = "RPC_TAKEOUT_INIT_DELAY";
inline constexpr const char* rpc_auth_key_unregistered = "RPC_AUTH_KEY_UNREGISTERED";
inline constexpr const char* rpc_auth_key_invalid = "RPC_AUTH_KEY_INVALID";
inline constexpr const char* rpc_session_revoked = "RPC_SESSION_REVOKED";
inline constexpr const char* rpc_session_expired = "RPC_SESSION_EXPIRED";
inline constexpr const char* rpc_auth_key_duplicated = "RPC_AUTH_KEY_DUPLICATED";
inline constexpr const char* rpc_phone_code_invalid = "RPC_PHONE_CODE_INVALID";
inline constexpr const char* rpc_phone_code_expired = "RPC_PHONE_CODE_EXPIRED";
inline constexpr const char* rpc_phone_code_empty = "RPC_PHONE_CODE_EMPTY";
inline constexpr const char* rpc_phone_code_hash_empty = "RPC_PHONE_CODE_HASH_EMPTY";
inline constexpr const char* rpc_password_hash_invalid = "RPC_PASSWORD_HASH_INVALID";
inline constexpr const char* rpc_password_empty = "RPC_PASSWORD_EMPTY";
inline constexpr const char* rpc_srp_id_invalid = "RPC_SRP_ID_INVALID";
inline constexpr const char* rpc_access_token_invalid = "RPC_ACCESS_TOKEN_INVALID";
inline constexpr const char* rpc_access_token_expired = "RPC_ACCESS_TOKEN_EXPIRED";
inline constexpr const char* rpc_bot_token_invalid = "RPC_BOT_TOKEN_INVALID";
inline constexpr const char* rpc_phone_number_invalid = "RPC_PHONE_NUMBER_INVALID";
inline constexpr const char* rpc_phone_number_banned = "RPC_PHONE_NUMBER_BANNED";
inline constexpr const char* rpc_phone_number_unoccupied = "RPC_PHONE_NUMBER_UNOCCUPIED";
inline constexpr const char* rpc_phone_number_flood = "RPC_PHONE_NUMBER_FLOOD";
inline constexpr const char* rpc_api_id_invalid = "RPC_API_ID_INVALID";
inline constexpr const char* rpc_api_id_published_flood = "RPC_API_ID_PUBLISHED_FLOOD";
inline constexpr const char* rpc_auth_restart = "RPC_AUTH_RESTART";
inline constexpr const char* rpc_hash_invalid = "RPC_HASH_INVALID";
inline constexpr const char* rpc_email_code_invalid = "RPC_EMAIL_CODE_INVALID";
inline constexpr const char* rpc_email_verify_expired = "RPC_EMAIL_VERIFY_EXPIRED";
inline constexpr const char* rpc_email_invalid = "RPC_EMAIL_INVALID";
inline constexpr const char* rpc_email_not_allowed = "RPC_EMAIL_NOT_ALLOWED";
/// The 2FA recovery code.
inline constexpr const char* rpc_code_invalid = "RPC_CODE_INVALID";
inline constexpr const char* rpc_code_empty = "RPC_CODE_EMPTY";
inline constexpr const char* rpc_password_recovery_expired = "RPC_PASSWORD_RECOVERY_EXPIRED";
inline constexpr const char* rpc_password_recovery_na = "RPC_PASSWORD_RECOVERY_NA";
inline constexpr const char* rpc_new_settings_invalid = "RPC_NEW_SETTINGS_INVALID";
inline constexpr const char* rpc_firstname_invalid = "RPC_FIRSTNAME_INVALID";
inline constexpr const char* rpc_lastname_invalid = "RPC_LASTNAME_INVALID";
inline constexpr const char* rpc_phone_number_app_signup_forbidden =
    "RPC_PHONE_NUMBER_APP_SIGNUP_FORBIDDEN";
inline constexpr const char* rpc_phone_number_occupied = "RPC_PHONE_NUMBER_OCCUPIED";
inline constexpr const char* rpc_reset_request_missing = "RPC_RESET_REQUEST_MISSING";

inline constexpr std::array<std::string_view, 41> kRpc{
    rpc_flood_wait,
    rpc_flood_premium_wait,
    rpc_slowmode_wait,
    rpc_takeout_init_delay,
    rpc_auth_key_unregistered,
    rpc_auth_key_invalid,
    rpc_session_revoked,
    rpc_session_expired,
    rpc_auth_key_duplicated,
    rpc_phone_code_invalid,
    rpc_phone_code_expired,
    rpc_phone_code_empty,
    rpc_phone_code_hash_empty,
    rpc_password_hash_invalid,
    rpc_password_empty,
    rpc_srp_id_invalid,
    rpc_access_token_invalid,
    rpc_access_token_expired,
    rpc_bot_token_invalid,
    rpc_phone_number_invalid,
    rpc_phone_number_banned,
    rpc_phone_number_unoccupied,
    rpc_phone_number_flood,
    rpc_api_id_invalid,
    rpc_api_id_published_flood,
    rpc_auth_restart,
    rpc_hash_invalid,
    rpc_email_code_invalid,
    rpc_email_verify_expired,
    rpc_email_invalid,
    rpc_email_not_allowed,
    rpc_code_invalid,
    rpc_code_empty,
    rpc_password_recovery_expired,
    rpc_password_recovery_na,
    rpc_new_settings_invalid,
    rpc_firstname_invalid,
    rpc_lastname_invalid,
    rpc_phone_number_app_signup_forbidden,
    rpc_phone_number_occupied,
    rpc_reset_request_missing,
};

}  // namespace tgsession::errc
