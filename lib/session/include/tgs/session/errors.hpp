// The SESSION_* error codes this layer throws (as tgs::Error). Which exit code each one means
// is the CLI's policy (app/tgsession/core/exit_codes.cpp), not this library's.
#pragma once

#include <array>
#include <string_view>

// SESSION_UNREADABLE: open/read failed (permissions, EIO): nothing was read, so not corrupt.
// SESSION_BUSY: another program is mid-write and the read would have had to wait.
namespace tgs::session::errc {

inline constexpr const char* not_found = "SESSION_NOT_FOUND";
inline constexpr const char* unreadable = "SESSION_UNREADABLE";
inline constexpr const char* busy = "SESSION_BUSY";
inline constexpr const char* empty = "SESSION_EMPTY";
inline constexpr const char* corrupt = "SESSION_CORRUPT";
inline constexpr const char* foreign = "SESSION_FOREIGN";
inline constexpr const char* unsupported = "SESSION_UNSUPPORTED_VERSION";
inline constexpr const char* string_invalid = "SESSION_STRING_INVALID";
inline constexpr const char* no_auth_key = "SESSION_NO_AUTH_KEY";
inline constexpr const char* address_invalid = "SESSION_ADDRESS_INVALID";
inline constexpr const char* key_invalid = "SESSION_KEY_INVALID";
inline constexpr const char* unknown_dc = "SESSION_UNKNOWN_DC";
inline constexpr const char* format_read_only = "SESSION_FORMAT_READ_ONLY";
inline constexpr const char* seal_wrong_passphrase = "SESSION_SEAL_WRONG_PASSPHRASE";
inline constexpr const char* seal_tampered = "SESSION_SEAL_TAMPERED";
inline constexpr const char* seal_key_required = "SESSION_SEAL_KEY_REQUIRED";
inline constexpr const char* seal_key_invalid = "SESSION_SEAL_KEY_INVALID";
inline constexpr const char* locked = "SESSION_LOCKED";
inline constexpr const char* write_failed = "SESSION_WRITE_FAILED";
// Telegram Desktop `tdata` folders (tdata.hpp).
inline constexpr const char* tdata_wrong_passcode = "SESSION_TDATA_WRONG_PASSCODE";
inline constexpr const char* tdata_passcode_required = "SESSION_TDATA_PASSCODE_REQUIRED";
inline constexpr const char* tdata_checksum = "SESSION_TDATA_CHECKSUM";
inline constexpr const char* tdata_unsupported = "SESSION_TDATA_UNSUPPORTED_VERSION";
inline constexpr const char* tdata_corrupt = "SESSION_TDATA_CORRUPT";
inline constexpr const char* tdata_no_account = "SESSION_TDATA_NO_SUCH_ACCOUNT";
inline constexpr const char* tdata_no_user = "SESSION_TDATA_NO_USER_ID";
// The PostgreSQL session store (postgresql:// locations).
inline constexpr const char* store_url_invalid = "SESSION_STORE_URL_INVALID";
inline constexpr const char* store_unavailable = "SESSION_STORE_UNAVAILABLE";
inline constexpr const char* store_error = "SESSION_STORE_ERROR";
inline constexpr const char* store_auth_failed = "SESSION_STORE_AUTH_FAILED";
inline constexpr const char* store_schema_mismatch = "SESSION_STORE_SCHEMA_MISMATCH";

/// Every code above, for completeness tests (each needs a rule in the CLI's exit table).
inline constexpr std::array<std::string_view, 31> kAll{not_found,
                                                       unreadable,
                                                       busy,
                                                       empty,
                                                       corrupt,
                                                       foreign,
                                                       unsupported,
                                                       string_invalid,
                                                       no_auth_key,
                                                       address_invalid,
                                                       key_invalid,
                                                       unknown_dc,
                                                       format_read_only,
                                                       seal_wrong_passphrase,
                                                       seal_tampered,
                                                       seal_key_required,
                                                       seal_key_invalid,
                                                       locked,
                                                       write_failed,
                                                       store_url_invalid,
                                                       store_unavailable,
                                                       store_error,
                                                       store_auth_failed,
                                                       store_schema_mismatch,
                                                       tdata_wrong_passcode,
                                                       tdata_passcode_required,
                                                       tdata_checksum,
                                                       tdata_unsupported,
                                                       tdata_corrupt,
                                                       tdata_no_account,
                                                       tdata_no_user};

}  // namespace tgs::session::errc
