// The command-line contract (docs/architecture.md §3) as plain option structs plus the CLI11 wiring
// that fills them. Names here are public: add freely, never rename or drop.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace tgsession {

struct GlobalOptions {
    std::optional<std::int32_t> api_id;          // --api-id / $TG_API_ID / config
    std::optional<std::string> api_hash;         // --api-hash / config (also $TG_API_HASH)
    std::optional<std::string> api_hash_file;    // --api-hash-file F ("-" = stdin)
    std::vector<std::string> dcs;                // --dc ID=HOST:PORT (repeatable)
    std::vector<std::string> rsa_keys;           // --rsa-key PEM (file or inline, repeatable)
    std::optional<std::string> server_config;    // --server-config FILE (tgsession-testdc JSON)
    bool test = false;                           // --test: Telegram's test DCs
    std::optional<std::string> proxy;            // --proxy URL
    bool ipv6 = false;                           // --ipv6
    double timeout = 15.0;                       // --timeout S
    std::string transport = "intermediate";      // --transport NAME
    bool json = false;                           // --json
    int verbose = 0;                             // -v (repeatable)
    int quiet = 0;                               // -q (repeatable)
    std::string color = "auto";                  // --color auto|always|never
    double wait = 0.0;                           // --wait SECONDS (session lock)
    std::optional<std::string> passphrase_file;  // --passphrase-file F (sealed sessions)
    bool api_hash_on_argv = false;               // set by main: --api-hash was typed (warned)
};

struct LoginOptions {
    std::string session;
    std::optional<std::string> phone;          // --phone / $TGSESSION_PHONE
    std::optional<std::string> code;           // --code C
    std::optional<std::string> code_file;      // --code-file F
    std::optional<std::string> password_file;  // --password-file F
    bool qr = false;
    bool send_code = false;
    bool force = false;
    bool keep_old = false;            // --keep-old: --force without logging the old key out
    bool phone_on_argv = false;       // set by main: --phone was typed (a bot token is refused)
    std::string format = "telethon";  // --format telethon|telethon2|pyrogram
    bool seal = false;                // --seal: write a sealed session
    // Login branches (docs/architecture.md §3), each also from $TGSESSION_<NAME>:
    std::optional<std::string> email;              // --email ADDR: set up a login email
    std::optional<std::string> email_code;         // --email-code C: the code sent there
    bool recover = false;                          // --recover: 2FA recovery by email
    std::optional<std::string> recovery_code;      // --recovery-code C
    std::optional<std::string> new_password_file;  // --new-password-file F (else 2FA is removed)
    std::optional<std::string> sign_up;            // --sign-up "First [Last]": create the account
    bool accept_tos = false;                       // --accept-tos: Telegram's terms of service
};

struct BotLoginOptions {
    std::string session;
    std::optional<std::string> token_file;
    bool force = false;
    bool keep_old = false;  // --keep-old
    std::string format = "telethon";
};

struct StatusOptions {
    std::vector<std::string> sessions;      // files, or directories (their *.session files)
    std::optional<std::string> files_from;  // --files-from FILE ("-" = stdin)
    bool null_separated = false;            // -0: the list is NUL separated (find -print0)
    bool offline = false;
    std::optional<int> jobs;  // --jobs N: online checks in flight at once
    bool keep_order = false;  // --keep-order: print in input order
};

struct RevokeOptions {
    std::string session;
    bool list = false;
    bool others = false;
    std::optional<std::int64_t> hash;
    bool delete_file = false;  // --delete
    bool forget = false;       // --forget: also delete the number's future auth tokens
};

struct ConvertOptions {
    std::string src;
    std::string dst;
    std::optional<std::string> to;  // --to FORMAT (default: from DST's name, else telethon)
    bool seal = false;
    bool unseal = false;
    bool force = false;
    std::optional<int> account;  // --account N: which account of a tdata SRC (default: active)
};

struct ExportOptions {
    std::string session;
    std::string to;  // telethon-string | gramjs-string | pyrogram-string
};

struct ImportOptions {
    std::string source;  // a string session, a file holding one, or "-" for stdin
    std::string dst;
    std::optional<std::string> format;
    bool force = false;
};

enum class Command { None, Login, BotLogin, Status, Revoke, Convert, Export, Import };

struct Options {
    GlobalOptions global;
    Command command = Command::None;
    LoginOptions login;
    BotLoginOptions bot_login;
    StatusOptions status;
    RevokeOptions revoke;
    ConvertOptions convert;
    ExportOptions export_;
    ImportOptions import_;
};

inline const std::vector<std::string> kFileFormats{"telethon", "telethon2", "pyrogram"};
inline const std::vector<std::string> kStringFormats{"telethon-string", "gramjs-string",
                                                     "pyrogram-string"};
inline const std::vector<std::string> kTransports{"abridged", "intermediate", "padded", "full",
                                                  "obfuscated"};

/// Registers every command and option on `app`, writing into `opts`. `config_path` is the
/// default config file ($XDG_CONFIG_HOME/tgsession/config.toml or .ini; may not exist).
void build_cli(CLI::App& app, Options& opts, const std::string& config_path);

/// The config file to read by default: config.toml if present, else config.ini, else the
/// .toml path (which CLI11 then silently skips).
std::string default_config_path();

}  // namespace tgsession
