#include "exit_codes.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <new>
#include <string_view>
#include <system_error>

#include "tgs/error.hpp"
#include "tgs/rpc_error.hpp"

namespace tgsession {
namespace {

struct Rule {
    std::string_view pattern;  // exact code, or a prefix when it ends with '*'
    int exit_code;
};

// First match wins: exact names before the broad layer prefixes.
constexpr std::array kRules{
    // Flood waits: retry later.
    Rule{"RPC_FLOOD_WAIT", kExitTempFail},
    Rule{"RPC_FLOOD_PREMIUM_WAIT", kExitTempFail},
    Rule{"RPC_SLOWMODE_WAIT", kExitTempFail},
    Rule{"RPC_TAKEOUT_INIT_DELAY", kExitTempFail},
    // The account or key is not (or no longer) authorized.
    Rule{"RPC_AUTH_KEY_UNREGISTERED", kExitNotAuthorized},
    Rule{"RPC_AUTH_KEY_INVALID", kExitNotAuthorized},
    Rule{"RPC_SESSION_REVOKED", kExitNotAuthorized},
    Rule{"RPC_SESSION_EXPIRED", kExitNotAuthorized},
    Rule{"RPC_AUTH_KEY_DUPLICATED", kExitNotAuthorized},
    Rule{"RPC_USER_DEACTIVATED*", kExitNotAuthorized},
    Rule{"AUTH_NOT_AUTHORIZED", kExitNotAuthorized},
    // Credentials the server rejected.
    Rule{"RPC_PHONE_CODE_INVALID", kExitRejected},
    Rule{"RPC_PHONE_CODE_EXPIRED", kExitRejected},
    Rule{"RPC_PHONE_CODE_EMPTY", kExitRejected},
    Rule{"RPC_PASSWORD_HASH_INVALID", kExitRejected},
    Rule{"RPC_PASSWORD_EMPTY", kExitRejected},
    Rule{"RPC_SRP_ID_INVALID", kExitRejected},
    Rule{"RPC_ACCESS_TOKEN_INVALID", kExitRejected},
    Rule{"RPC_ACCESS_TOKEN_EXPIRED", kExitRejected},
    Rule{"RPC_BOT_TOKEN_INVALID", kExitRejected},
    Rule{"RPC_PHONE_NUMBER_INVALID", kExitRejected},
    Rule{"RPC_PHONE_NUMBER_BANNED", kExitRejected},
    Rule{"RPC_PHONE_NUMBER_UNOCCUPIED", kExitRejected},
    Rule{"RPC_PHONE_NUMBER_FLOOD", kExitTempFail},
    Rule{"RPC_API_ID_INVALID", kExitRejected},
    Rule{"RPC_API_ID_PUBLISHED_FLOOD", kExitRejected},
    Rule{"RPC_AUTH_RESTART", kExitUnavailable},
    Rule{"RPC_HASH_INVALID", kExitBadInput},
    Rule{"RPC_EMAIL_CODE_INVALID", kExitRejected},
    Rule{"RPC_EMAIL_VERIFY_EXPIRED", kExitRejected},
    Rule{"RPC_EMAIL_INVALID", kExitRejected},
    Rule{"RPC_EMAIL_NOT_ALLOWED", kExitRejected},
    Rule{"RPC_CODE_INVALID", kExitRejected},  // the 2FA recovery code
    Rule{"RPC_CODE_EMPTY", kExitRejected},
    Rule{"RPC_PASSWORD_RECOVERY_EXPIRED", kExitRejected},
    Rule{"RPC_PASSWORD_RECOVERY_NA", kExitUnavailable},
    Rule{"RPC_NEW_SETTINGS_INVALID", kExitRejected},
    Rule{"RPC_FIRSTNAME_INVALID", kExitRejected},
    Rule{"RPC_LASTNAME_INVALID", kExitRejected},
    Rule{"RPC_PHONE_NUMBER_APP_SIGNUP_FORBIDDEN", kExitRejected},
    Rule{"RPC_PHONE_NUMBER_OCCUPIED", kExitRejected},
    Rule{"RPC_RESET_REQUEST_MISSING", kExitUnavailable},
    // lib/auth's own codes (tgs/auth/errors.hpp; a test checks each has a rule here).
    Rule{"AUTH_PAYMENT_REQUIRED", kExitPaymentRequired},
    Rule{"AUTH_SIGN_UP_REQUIRED", kExitRejected},   // unless --sign-up
    Rule{"AUTH_EMAIL_SETUP_REQUIRED", kExitUsage},  // give --email
    Rule{"AUTH_NO_RECOVERY_EMAIL", kExitUnavailable},
    Rule{"AUTH_FIREBASE_ONLY", kExitUnavailable},
    Rule{"AUTH_PASSWORD_ALGO_UNSUPPORTED", kExitUnavailable},
    Rule{"AUTH_PASSWORD_STATE", kExitUnavailable},
    Rule{"AUTH_UNEXPECTED_RESULT", kExitUnavailable},
    Rule{"AUTH_RESET_REFUSED", kExitUnavailable},
    Rule{"AUTH_QR_TIMEOUT", kExitTempFail},
    Rule{"AUTH_NO_KEY", kExitUnavailable},
    // CLI-side input problems.
    Rule{"CLI_USAGE*", kExitUsage},
    Rule{"PENDING_LOGIN_MISSING", kExitNoInput},
    Rule{"PENDING_LOGIN_CORRUPT", kExitBadInput},
    Rule{"PENDING_LOGIN_WRITE", kExitCannotWrite},
    Rule{"LOGIN_ALREADY_AUTHORIZED", kExitCannotWrite},
    Rule{"LOGIN_CODE_EXPIRED", kExitRejected},
    Rule{"PATH_NO_HOME", kExitUsage},
    Rule{"PATH_UNSAFE", kExitCannotWrite},
    Rule{"SERVER_CONFIG_MISSING", kExitNoInput},
    Rule{"SERVER_CONFIG_*", kExitBadInput},
    Rule{"SECRET_FILE_*", kExitNoInput},
    Rule{"HEX_INVALID", kExitBadInput},
    Rule{"STATUS_LIST_MISSING", kExitNoInput},
    // The process ran out of something: not a fact about the input (tgs/resource_error.hpp).
    Rule{"RESOURCE_*", kExitResource},
    // Session files (codes from tgs/session/errors.hpp).
    Rule{"SESSION_NOT_FOUND", kExitNoInput},
    Rule{"SESSION_UNREADABLE", kExitNoInput},
    Rule{"SESSION_BUSY", kExitTempFail},
    Rule{"SESSION_LOCKED", kExitCannotWrite},
    Rule{"SESSION_WRITE_FAILED", kExitCannotWrite},
    Rule{"SESSION_FORMAT_READ_ONLY", kExitUsage},
    Rule{"SESSION_SEAL_KEY_REQUIRED", kExitUsage},
    Rule{"SESSION_SEAL_WRONG_PASSPHRASE", kExitRejected},
    Rule{"SESSION_TDATA_WRONG_PASSCODE", kExitRejected},
    Rule{"SESSION_TDATA_PASSCODE_REQUIRED", kExitUsage},
    Rule{"SESSION_TDATA_NO_SUCH_ACCOUNT", kExitUsage},
    Rule{"SESSION_STORE_URL_INVALID", kExitUsage},
    Rule{"SESSION_STORE_UNAVAILABLE", kExitUnavailable},
    Rule{"SESSION_STORE_ERROR", kExitUnavailable},
    Rule{"SESSION_STORE_AUTH_FAILED", kExitRejected},
    Rule{"SESSION_*", kExitBadInput},  // corrupt, foreign, empty, wrong version, bad string
    // A proxy that refused our user name / password is a rejected credential; a malformed
    // proxy URL is a usage error. Every other proxy failure is the network's (NET_*).
    Rule{"NET_PROXY_AUTH_REFUSED", kExitRejected},
    Rule{"PROXY_BAD_URL", kExitUsage},
    // lib/net reports these as NET_PROXY_*; the same rules hold if one escapes unmapped.
    Rule{"PROXY_AUTH_REFUSED", kExitRejected},
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
    Rule{"AUTH_KEY_INVALID", kExitInternal},
};

bool matches(std::string_view pattern, std::string_view code) {
    if (!pattern.empty() && pattern.back() == '*') {
        pattern.remove_suffix(1);
        return code.substr(0, pattern.size()) == pattern;
    }
    return code == pattern;
}

}  // namespace

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
        f.code = "RESOURCE_MEMORY";
        f.exit_code = kExitResource;
        return f;
    }
    if (const auto* sys = dynamic_cast<const std::system_error*>(&e)) {
        // std::thread and friends report EAGAIN when no thread can be made.
        if (sys->code() == std::errc::resource_unavailable_try_again) {
            f.code = "RESOURCE_THREADS";
            f.exit_code = kExitResource;
            return f;
        }
        if (sys->code() == std::errc::too_many_files_open ||
            sys->code() == std::errc::too_many_files_open_in_system) {
            f.code = "RESOURCE_DESCRIPTORS";
            f.exit_code = kExitResource;
            return f;
        }
        if (sys->code() == std::errc::not_enough_memory) {
            f.code = "RESOURCE_MEMORY";
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
            f.code = "FILE_NOT_FOUND";
            f.exit_code = kExitNoInput;
        } else {
            f.code = "FILE_IO";
            f.exit_code = kExitCannotWrite;
        }
        return f;
    }
    f.code = "INTERNAL";
    f.exit_code = kExitInternal;
    return f;
}

}  // namespace tgsession
