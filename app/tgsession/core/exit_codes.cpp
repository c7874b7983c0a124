#include "exit_codes.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <new>
#include <string_view>
#include <system_error>

#include "errors.hpp"
#include "tgs/auth/errors.hpp"
#include "tgs/crypto/errors.hpp"
#include "tgs/error.hpp"
#include "tgs/errors.hpp"
#include "tgs/net/errors.hpp"
#include "tgs/resource_error.hpp"
#include "tgs/rpc_error.hpp"
#include "tgs/session/errors.hpp"
#include "tgs/transport/errors.hpp"

namespace tgsession {
namespace {

struct Rule {
    std::string_view pattern;  // exact code, or a prefix when it ends with '*'
    int exit_code;
};

// First match wins: exact names before the broad layer prefixes.
constexpr std::array kRules{
    // Flood waits: retry later.
    Rule{errc::rpc_flood_wait, kExitTempFail},
    Rule{errc::rpc_flood_premium_wait, kExitTempFail},
    Rule{errc::rpc_slowmode_wait, kExitTempFail},
    Rule{errc::rpc_takeout_init_delay, kExitTempFail},
    // The account or key is not (or no longer) authorized.
    Rule{errc::rpc_auth_key_unregistered, kExitNotAuthorized},
    Rule{errc::rpc_auth_key_invalid, kExitNotAuthorized},
    Rule{errc::rpc_session_revoked, kExitNotAuthorized},
    Rule{errc::rpc_session_expired, kExitNotAuthorized},
    Rule{errc::rpc_auth_key_duplicated, kExitNotAuthorized},
    Rule{"RPC_USER_DEACTIVATED*", kExitNotAuthorized},
    Rule{errc::auth_not_authorized, kExitNotAuthorized},
    // Credentials the server rejected.
    Rule{errc::rpc_phone_code_invalid, kExitRejected},
    Rule{errc::rpc_phone_code_expired, kExitRejected},
    Rule{errc::rpc_phone_code_empty, kExitRejected},
    Rule{errc::rpc_phone_code_hash_empty, kExitBadInput},  // what its 400 meant unlisted
    Rule{errc::rpc_password_hash_invalid, kExitRejected},
    Rule{errc::rpc_password_empty, kExitRejected},
    Rule{errc::rpc_srp_id_invalid, kExitRejected},
    Rule{errc::rpc_access_token_invalid, kExitRejected},
    Rule{errc::rpc_access_token_expired, kExitRejected},
    Rule{errc::rpc_bot_token_invalid, kExitRejected},
    Rule{errc::rpc_phone_number_invalid, kExitRejected},
    Rule{errc::rpc_phone_number_banned, kExitRejected},
    Rule{errc::rpc_phone_number_unoccupied, kExitRejected},
    Rule{errc::rpc_phone_number_flood, kExitTempFail},
    Rule{errc::rpc_api_id_invalid, kExitRejected},
    Rule{errc::rpc_api_id_published_flood, kExitRejected},
    Rule{errc::rpc_auth_restart, kExitUnavailable},
    Rule{errc::rpc_hash_invalid, kExitBadInput},
    Rule{errc::rpc_email_code_invalid, kExitRejected},
    Rule{errc::rpc_email_verify_expired, kExitRejected},
    Rule{errc::rpc_email_invalid, kExitRejected},
    Rule{errc::rpc_email_not_allowed, kExitRejected},
    Rule{errc::rpc_code_invalid, kExitRejected},  // the 2FA recovery code
    Rule{errc::rpc_code_empty, kExitRejected},
    Rule{errc::rpc_password_recovery_expired, kExitRejected},
    Rule{errc::rpc_password_recovery_na, kExitUnavailable},
    Rule{errc::rpc_new_settings_invalid, kExitRejected},
    Rule{errc::rpc_firstname_invalid, kExitRejected},
    Rule{errc::rpc_lastname_invalid, kExitRejected},
    Rule{errc::rpc_phone_number_app_signup_forbidden, kExitRejected},
    Rule{errc::rpc_phone_number_occupied, kExitRejected},
    Rule{errc::rpc_reset_request_missing, kExitUnavailable},
    // lib/auth's own codes (tgs/auth/errors.hpp; a test checks each has a rule here).
    Rule{tgs::auth::errc::payment_required, kExitPaymentRequired},
    Rule{tgs::auth::errc::sign_up_required, kExitRejected},   // unless --sign-up
    Rule{tgs::auth::errc::email_setup_required, kExitUsage},  // give --email
    Rule{tgs::auth::errc::no_recovery_email, kExitUnavailable},
    Rule{tgs::auth::errc::firebase_only, kExitUnavailable},
    Rule{tgs::auth::errc::password_algo_unsupported, kExitUnavailable},
    Rule{tgs::auth::errc::password_state, kExitUnavailable},
    Rule{tgs::auth::errc::unexpected_result, kExitUnavailable},
    Rule{tgs::auth::errc::reset_refused, kExitUnavailable},
    Rule{tgs::auth::errc::qr_timeout, kExitTempFail},
    Rule{errc::auth_no_key, kExitUnavailable},
    // CLI-side input problems.
    Rule{"CLI_USAGE*", kExitUsage},
    Rule{errc::pending_login_corrupt, kExitBadInput},
    Rule{errc::pending_login_write, kExitCannotWrite},
    Rule{errc::login_already_authorized, kExitCannotWrite},
    Rule{errc::path_no_home, kExitUsage},
    Rule{errc::path_unsafe, kExitCannotWrite},
    Rule{errc::server_config_missing, kExitNoInput},
    Rule{"SERVER_CONFIG_*", kExitBadInput},
    Rule{"SECRET_FILE_*", kExitNoInput},
    Rule{tgs::common::errc::hex_invalid, kExitBadInput},
    Rule{errc::status_list_missing, kExitNoInput},
    // Cache failures, caught where they happen; listed so every code has a rule.
    Rule{errc::salt_cache_write, kExitCannotWrite},
    Rule{errc::future_tokens_read, kExitNoInput},
    Rule{errc::future_tokens_write, kExitCannotWrite},
    // classify()'s codes for std::filesystem errors and exceptions with no code of their own.
    Rule{errc::file_not_found, kExitNoInput},
    Rule{errc::file_io, kExitCannotWrite},
    Rule{errc::internal, kExitInternal},
    // The process ran out of something: not a fact about the input (tgs/resource_error.hpp).
    Rule{"RESOURCE_*", kExitResource},
    // Session files (codes from tgs/session/errors.hpp).
    Rule{tgs::session::errc::not_found, kExitNoInput},
    Rule{tgs::session::errc::unreadable, kExitNoInput},
    Rule{tgs::session::errc::busy, kExitTempFail},
    Rule{tgs::session::errc::locked, kExitCannotWrite},
    Rule{tgs::session::errc::write_failed, kExitCannotWrite},
    Rule{tgs::session::errc::format_read_only, kExitUsage},
    Rule{tgs::session::errc::seal_key_required, kExitUsage},
    Rule{tgs::session::errc::seal_wrong_passphrase, kExitRejected},
    Rule{tgs::session::errc::tdata_wrong_passcode, kExitRejected},
    Rule{tgs::session::errc::tdata_passcode_required, kExitUsage},
    Rule{tgs::session::errc::tdata_no_account, kExitUsage},
    Rule{tgs::session::errc::store_url_invalid, kExitUsage},
    Rule{tgs::session::errc::store_unavailable, kExitUnavailable},
    Rule{tgs::session::errc::store_error, kExitUnavailable},
    Rule{tgs::session::errc::store_auth_failed, kExitRejected},
    Rule{"SESSION_*", kExitBadInput},  // corrupt, foreign, empty, wrong version, bad string
    // A proxy that refused our user name / password is a rejected credential; a malformed
    // proxy URL is a usage error. Every other proxy failure is the network's (NET_*).
    Rule{tgs::net::errc::proxy_auth_refused, kExitRejected},
    Rule{tgs::transport::errc::proxy_bad_url, kExitUsage},
    // lib/net reports these as NET_PROXY_*; the same rules hold if one escapes unmapped.
    Rule{tgs::transport::errc::proxy_auth_refused, kExitRejected},
    Rule{"PROXY_*", kExitUnavailable},
    // The network, the server, or a server that speaks the protocol wrong.
    Rule{"NET_*", kExitUnavailable},
    Rule{"TRANSPORT_*", kExitUnavailable},
    Rule{"HANDSHAKE_*", kExitUnavailable},
    Rule{"MSG_*", kExitUnavailable},
    Rule{"TL_*", kExitUnavailable},
    Rule{"DH_*", kExitUnavailable},
    Rule{"RSA_*", kExitUnavailable},
    Rule{"PQ_*", kExitUnavailable},
    Rule{"SRP_*", kExitUnavailable},
    // lib/crypto's codes for a caller's mistake or a failing crypto library: a bug, not input.
    Rule{"AES_*", kExitInternal},
    Rule{"BIGINT_*", kExitInternal},
    Rule{"CRYPTO_*", kExitInternal},
    Rule{tgs::crypto::errc::auth_key_invalid, kExitInternal},
};

bool matches(std::string_view pattern, std::string_view code) {
    if (!pattern.empty() && pattern.back() == '*') {
        pattern.remove_suffix(1);
        return code.substr(0, pattern.size()) == pattern;
    }
    return code == pattern;
}

}  // namespace

UsageError::UsageError(std::string message) : UsageError(std::move(message), errc::usage) {}

bool has_exit_rule(const std::string& error_code) {
    return std::any_of(kRules.begin(), kRules.end(),
                       [&](const Rule& rule) { return matches(rule.pattern, error_code); });
}

int exit_code_for(const std::string& error_code, std::optional<int> rpc_error_code) {
    for (const auto& rule : kRules) {
        if (matches(rule.pattern, error_code)) return rule.exit_code;
    }
    if (rpc_error_code) {
        const int c = *rpc_error_code;
        if (c == 420) return kExitTempFail;
        if (c == 401) return kExitNotAuthorized;
        if (c >= 500 || c < 0) return kExitUnavailable;
        if (c == 303) return kExitUnavailable;  // an unhandled migration
        return kExitBadInput;                   // 400/403/406: the request was refused
    }
    return kExitInternal;
}

Failure classify(const std::exception& e) {
    Failure f;
    f.message = e.what();
    if (const auto* rpc = dynamic_cast<const tgs::RpcError*>(&e)) {
        f.code = rpc->code();
        f.exit_code = exit_code_for(f.code, rpc->error_code());
        if (f.exit_code == kExitTempFail) f.retry_after = rpc->value();
        return f;
    }
    if (const auto* err = dynamic_cast<const tgs::Error*>(&e)) {
        f.code = err->code();
        f.exit_code = exit_code_for(f.code);
        return f;
    }
    if (dynamic_cast<const std::bad_alloc*>(&e) != nullptr) {
        f.code = tgs::resource::memory;
        f.exit_code = kExitResource;
        return f;
    }
    if (const auto* sys = dynamic_cast<const std::system_error*>(&e)) {
        // std::thread and friends report EAGAIN when no thread can be made.
        if (sys->code() == std::errc::resource_unavailable_try_again) {
            f.code = tgs::resource::threads;
            f.exit_code = kExitResource;
            return f;
        }
        if (sys->code() == std::errc::too_many_files_open ||
            sys->code() == std::errc::too_many_files_open_in_system) {
            f.code = tgs::resource::descriptors;
            f.exit_code = kExitResource;
            return f;
        }
        if (sys->code() == std::errc::not_enough_memory) {
            f.code = tgs::resource::memory;
            f.exit_code = kExitResource;
            return f;
        }
    }
    if (const auto* usage = dynamic_cast<const UsageError*>(&e)) {
        f.code = usage->code();
        f.exit_code = kExitUsage;
        return f;
    }
    if (const auto* fs = dynamic_cast<const std::filesystem::filesystem_error*>(&e)) {
        const auto ec = fs->code();
        if (ec == std::errc::no_such_file_or_directory) {
            f.code = errc::file_not_found;
            f.exit_code = kExitNoInput;
        } else {
            f.code = errc::file_io;
            f.exit_code = kExitCannotWrite;
        }
        return f;
    }
    f.code = errc::internal;
    f.exit_code = kExitInternal;
    return f;
}

}  // namespace tgsession
