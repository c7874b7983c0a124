// The error codes lib/testdc and the tgsession-testdc program (app/testdc) throw (as tgs::Error),
// named once like every layer's (docs/CONVENTIONS.md). They reach that program and tests, not
// tgsession's exit table: the test DC is a separate program with its own exits.
#pragma once

#include <array>
#include <string_view>

namespace tgs::testdc::errc {

/// The --accounts JSON does not describe accounts the test DC can serve (the message says why).
inline constexpr const char* accounts_invalid = "ACCOUNTS_INVALID";
/// The --state file is not one the test DC wrote (bad JSON, a bad auth key id).
inline constexpr const char* state_invalid = "STATE_INVALID";
/// The --state file cannot be read, or not written (saved atomically, mode 0600).
inline constexpr const char* state_read_failed = "STATE_READ_FAILED";
inline constexpr const char* state_write_failed = "STATE_WRITE_FAILED";
/// Two handlers for one constructor id, or a handler for a method no recorded layer has: a
/// mistake in the method table, found when it is built.
inline constexpr const char* method_duplicate = "TESTDC_METHOD_DUPLICATE";
inline constexpr const char* method_unknown = "TESTDC_METHOD_UNKNOWN";

/// app/testdc: a --fault value it does not know, or one without the number it needs.
inline constexpr const char* fault_invalid = "FAULT_INVALID";
/// app/testdc: the --key file (the DC's RSA key) cannot be read, or not written.
inline constexpr const char* key_read_failed = "KEY_READ_FAILED";
inline constexpr const char* key_write_failed = "KEY_WRITE_FAILED";
/// app/testdc: the --write-config file cannot be written.
inline constexpr const char* config_write_failed = "CONFIG_WRITE_FAILED";

inline constexpr std::array<std::string_view, 10> kAll{
    accounts_invalid, state_invalid, state_read_failed, state_write_failed, method_duplicate,
    method_unknown,   fault_invalid, key_read_failed,   key_write_failed,   config_write_failed};

}  // namespace tgs::testdc::errc
