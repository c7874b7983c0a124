// Where a secret (login code, 2FA password, bot token, API hash) comes from. Never only argv:
// precedence is  value flag > file flag ("-" = stdin) > environment > no-echo TTY prompt >
// stdin (when allowed) > usage error naming the flags. The environment is injected so the
// precedence is unit-tested without a terminal.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace tgsession {

struct SecretSpec {
    std::string what;                  // "login code", used in prompts and errors
    std::optional<std::string> value;  // e.g. --code C (only where the contract has one)
    std::string value_flag;            // "--code" (empty when there is no such flag)
    std::optional<std::string> file;   // e.g. --code-file F
    std::string file_flag;             // "--code-file"
    std::string env_var;               // "TGSESSION_CODE"
    std::string prompt;                // "Login code: "
    bool echo = false;                 // codes may echo; passwords and tokens never
    bool stdin_fallback = false;       // bot-login: read stdin when nothing else is given
    // The UsageError's code when nothing supplies it (empty: errc::usage, CLI_USAGE).
    std::string missing_code;
};

enum class SecretOrigin { Flag, File, StdinFile, Env, Prompt, StdinFallback };
std::string to_string(SecretOrigin o);

/// A resolved secret; its value is wiped when this (or any copy) is destroyed.
struct Secret {
    std::string value;
    SecretOrigin origin;

    Secret(std::string v, SecretOrigin o) : value(std::move(v)), origin(o) {}
    Secret(const Secret&) = default;
    Secret(Secret&&) noexcept = default;
    Secret& operator=(const Secret&) = default;
    Secret& operator=(Secret&&) noexcept = default;
    ~Secret();
};

/// Zeroes a string's bytes (up to its capacity) where the compiler cannot skip it.
void wipe(std::string& s) noexcept;

struct SecretEnvironment {
    std::function<std::optional<std::string>(const std::string&)> getenv;
    std::function<std::string(const std::string& path)> read_file;  // throws tgs::Error
    std::function<std::string()> read_stdin;
    bool interactive = false;  // stdin and stderr are terminals
    std::function<std::optional<std::string>(const std::string& prompt, bool echo)> prompt;
};

/// The process's real environment (getenv, files, stdin, termios prompt).
SecretEnvironment system_secret_environment(bool interactive);

/// Resolves a secret by the precedence above; throws UsageError naming the flags/env when
/// nothing supplies it. A resolved value is registered with the log redactor.
Secret resolve_secret(const SecretSpec& spec, const SecretEnvironment& env);

/// Drops one trailing "\n" or "\r\n" (what `echo secret > file` leaves); keeps inner spaces.
std::string strip_line_end(std::string s);

}  // namespace tgsession
