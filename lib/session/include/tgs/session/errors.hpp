// The SESSION_* error codes this layer throws (as tgs::Error) and the sysexits-style exit code
// the CLI should use for each.
#pragma once

#include <string_view>

// SESSION_UNREADABLE: open/read failed (permissions, EIO): nothing was read, so not corrupt.
// SESSION_BUSY: another program is mid-write and the read would have had to wait.
namespace tgs::session::errc {

inline constexpr std::string_view not_found = "SESSION_NOT_FOUND";                          // 66
inline constexpr std::string_view unreadable = "SESSION_UNREADABLE";                        // 66
inline constexpr std::string_view busy = "SESSION_BUSY";                                    // 75
inline constexpr std::string_view empty = "SESSION_EMPTY";                                  // 65
inline constexpr std::string_view corrupt = "SESSION_CORRUPT";                              // 65
inline constexpr std::string_view foreign = "SESSION_FOREIGN";                              // 65
inline constexpr std::string_view unsupported = "SESSION_UNSUPPORTED_VERSION";              // 65
inline constexpr std::string_view string_invalid = "SESSION_STRING_INVALID";                // 65
inline constexpr std::string_view no_auth_key = "SESSION_NO_AUTH_KEY";                      // 65
inline constexpr std::string_view address_invalid = "SESSION_ADDRESS_INVALID";              // 65
inline constexpr std::string_view key_invalid = "SESSION_KEY_INVALID";                      // 65
inline constexpr std::string_view unknown_dc = "SESSION_UNKNOWN_DC";                        // 65
inline constexpr std::string_view format_read_only = "SESSION_FORMAT_READ_ONLY";            // 64
inline constexpr std::string_view seal_wrong_passphrase = "SESSION_SEAL_WRONG_PASSPHRASE";  // 77
inline constexpr std::string_view seal_tampered = "SESSION_SEAL_TAMPERED";                  // 65
inline constexpr std::string_view seal_key_required = "SESSION_SEAL_KEY_REQUIRED";          // 64
inline constexpr std::string_view seal_key_invalid = "SESSION_SEAL_KEY_INVALID";            // 65
inline constexpr std::string_view locked = "SESSION_LOCKED";                                // 73
inline constexpr std::string_view write_failed = "SESSION_WRITE_FAILED";                    // 73
// The PostgreSQL session store (postgresql:// locations).
inline constexpr std::string_view store_url_invalid = "SESSION_STORE_URL_INVALID";          // 64
inline constexpr std::string_view store_unavailable = "SESSION_STORE_UNAVAILABLE";          // 69
inline constexpr std::string_view store_error = "SESSION_STORE_ERROR";                      // 69
inline constexpr std::string_view store_auth_failed = "SESSION_STORE_AUTH_FAILED";          // 77
inline constexpr std::string_view store_schema_mismatch = "SESSION_STORE_SCHEMA_MISMATCH";  // 65

}  // namespace tgs::session::errc

namespace tgs::session {
/// sysexits code for a SESSION_* error code (65 bad input, 66 missing or unreadable, 73 cannot
/// write, 75 busy, 64 usage, 77 rejected credentials), 71 for the RESOURCE_* codes of
/// tgs/resource_error.hpp (out of descriptors or memory: never a fact about the file); 70
/// (internal) for anything else.
int exit_code_for(std::string_view error_code);
}  // namespace tgs::session
