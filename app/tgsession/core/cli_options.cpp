#include "cli_options.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>

#include "xdg_paths.hpp"

namespace tgsession {

std::string default_config_path() {
    std::filesystem::path dir;
    try {
        dir = xdg_config_home() / "tgsession";
    } catch (const std::exception&) {
        return "";  // no home directory: no default config file (never one under /tmp)
    }
    if (std::filesystem::exists(dir / "config.toml")) return (dir / "config.toml").string();
    if (std::filesystem::exists(dir / "config.ini")) return (dir / "config.ini").string();
    return (dir / "config.toml").string();
}

namespace {

void add_globals(CLI::App& app, GlobalOptions& g) {
    const char* net = "Connection";
    const char* out = "Output";
    app.add_option("--api-id", g.api_id, "Telegram API id")->envname("TG_API_ID")->group(net);
    // The hash may come from here, the config file, $TG_API_HASH or --api-hash-file; it is
    // never required on argv.
    app.add_option("--api-hash", g.api_hash, "Telegram API hash (prefer $TG_API_HASH or a file)")
        ->group(net);
    app.add_option("--api-hash-file", g.api_hash_file, "read the API hash from F ('-' = stdin)")
        ->group(net);
    app.add_option("--dc", g.dcs, "DC address ID=HOST:PORT (repeatable)")
        ->group(net)
        ->type_name("ID=HOST:PORT");
    app.add_option("--rsa-key", g.rsa_keys, "server RSA public key, PEM file or text (repeatable)")
        ->group(net)
        ->type_name("PEM");
    app.add_option("--server-config", g.server_config,
                   "DCs and RSA keys from FILE (as tgsession-testdc --write-config writes)")
        ->group(net)
        ->type_name("FILE");
    app.add_flag("--test", g.test, "use Telegram's test DCs")->group(net);
    // Also $TGSESSION_PROXY or `proxy = ...` in the config file, so a proxy password or
    // MTProxy secret need not be on argv.
    app.add_option("--proxy", g.proxy,
                   "socks5://[u:p@]h:p, http://[u:p@]h:p or tg://proxy?server=&port=&secret= URL")
        ->envname("TGSESSION_PROXY")
        ->group(net);
    app.add_flag("--ipv6", g.ipv6, "prefer IPv6 DC addresses")->group(net);
    app.add_option("--timeout", g.timeout, "network timeout in seconds")
        ->group(net)
        ->check(CLI::PositiveNumber);
    app.add_option("--transport", g.transport, "MTProto transport")
        ->group(net)
        ->check(CLI::IsMember(kTransports));
    app.add_flag("--json", g.json, "one JSON object per result on stdout")->group(out);
    app.add_flag("-v,--verbose", g.verbose, "more log output (repeatable)")->group(out);
    app.add_flag("-q,--quiet", g.quiet, "less output")->group(out);
    app.add_option("--color", g.color, "colour: auto, always or never (honours NO_COLOR)")
        ->group(out)
        ->check(CLI::IsMember({"auto", "always", "never"}));
    app.add_option("--wait", g.wait, "wait up to SECONDS for a locked session file")
        ->type_name("SECONDS")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--passphrase-file", g.passphrase_file,
                   "passphrase for sealed sessions from F ('-' = stdin)");
}

void add_login(CLI::App& app, Options& o) {
    auto* cmd = app.add_subcommand("login", "log in a user account (or a bot, given a token)");
    auto& l = o.login;
    cmd->add_option("SESSION", l.session, "session file (.session appended if no extension)")
        ->required();
    cmd->add_option("--phone", l.phone, "phone number in international format")
        ->envname("TGSESSION_PHONE");
    auto* code = cmd->add_option("--code", l.code, "login code (or $TGSESSION_CODE)");
    auto* code_file = cmd->add_option("--code-file", l.code_file, "read the code from F");
    code->excludes(code_file);
    code_file->excludes(code);
    cmd->add_option("--password-file", l.password_file,
                    "read the 2FA password from F ('-' = stdin; or $TGSESSION_PASSWORD)");
    auto* qr = cmd->add_flag("--qr", l.qr, "log in by scanning a QR code with another device");
    auto* send = cmd->add_flag("--send-code", l.send_code,
                               "only send the code and store the pending login; finish later "
                               "with login --code");
    qr->excludes(send);
    send->excludes(qr);
    cmd->add_flag("--force", l.force,
                  "replace an already authorized session (its key is logged out first)");
    cmd->add_flag("--keep-old", l.keep_old,
                  "with --force: leave the replaced authorization logged in");
    cmd->add_option("--format", l.format, "file format to write")
        ->check(CLI::IsMember(kFileFormats));
    cmd->add_flag("--seal", l.seal, "write an encrypted (sealed) session");
    cmd->add_option("--email", l.email,
                    "login email to set up when Telegram asks for one (or $TGSESSION_EMAIL)")
        ->envname("TGSESSION_EMAIL");
    cmd->add_option("--email-code", l.email_code,
                    "code sent to that email (or $TGSESSION_EMAIL_CODE)");
    cmd->add_flag("--recover", l.recover,
                  "forgot the 2FA password: recover it with a code sent to the recovery email")
        ->envname("TGSESSION_RECOVER");
    cmd->add_option("--recovery-code", l.recovery_code,
                    "the emailed recovery code (or $TGSESSION_RECOVERY_CODE)");
    cmd->add_option("--new-password-file", l.new_password_file,
                    "new 2FA password for --recover from F ('-' = stdin; or "
                    "$TGSESSION_NEW_PASSWORD); without one 2FA is removed");
    cmd->add_option("--sign-up", l.sign_up,
                    "create the account if the number has none: \"First [Last]\"")
        ->envname("TGSESSION_SIGN_UP");
    cmd->add_flag("--accept-tos", l.accept_tos,
                  "accept Telegram's terms of service for --sign-up without a prompt")
        ->envname("TGSESSION_ACCEPT_TOS");
    cmd->callback([&o] { o.command = Command::Login; });
}

void add_bot_login(CLI::App& app, Options& o) {
    auto* cmd = app.add_subcommand("bot-login", "log in a bot with its token");
    auto& b = o.bot_login;
    cmd->add_option("SESSION", b.session, "session file")->required();
    cmd->add_option("--token-file", b.token_file,
                    "read the token from F ('-' = stdin); else $TGSESSION_BOT_TOKEN, else stdin");
    cmd->add_flag("--force", b.force,
                  "replace an already authorized session (its key is logged out first)");
    cmd->add_flag("--keep-old", b.keep_old,
                  "with --force: leave the replaced authorization logged in");
    cmd->add_option("--format", b.format, "file format to write")
        ->check(CLI::IsMember(kFileFormats));
    cmd->callback([&o] { o.command = Command::BotLogin; });
}

void add_status(CLI::App& app, Options& o) {
    auto* cmd = app.add_subcommand("status", "is each session authorized?");
    auto& s = o.status;
    cmd->add_option("SESSION", s.sessions,
                    "session files, or directories (every *.session file directly inside)");
    cmd->add_option("--files-from", s.files_from,
                    "also check the files listed in FILE, one per line ('-' = stdin)");
    cmd->add_flag("-0,--null", s.null_separated,
                  "the --files-from list is NUL separated (as find -print0 writes)");
    cmd->add_flag("--offline", s.offline, "only report what the file says");
    cmd->add_option("--jobs", s.jobs,
                    "online checks in flight at once (default 128, capped by the descriptor limit)")
        ->check(CLI::PositiveNumber);
    cmd->add_flag("--keep-order", s.keep_order,
                  "print results in input order (default: as they finish)");
    cmd->callback([&o] { o.command = Command::Status; });
}

void add_revoke(CLI::App& app, Options& o) {
    auto* cmd = app.add_subcommand("revoke", "log out, or manage the account's authorizations");
    auto& r = o.revoke;
    cmd->add_option("SESSION", r.session, "session file")->required();
    auto* list = cmd->add_flag("--list", r.list, "list the account's authorizations");
    auto* others = cmd->add_flag("--others", r.others, "end every other authorization");
    auto* hash = cmd->add_option("--hash", r.hash, "end the authorization with hash H");
    list->excludes(others)->excludes(hash);
    others->excludes(list)->excludes(hash);
    hash->excludes(list)->excludes(others);
    auto* del = cmd->add_flag("--delete", r.delete_file, "delete the file after logging out");
    del->excludes(list)->excludes(others)->excludes(hash);
    auto* forget = cmd->add_flag("--forget", r.forget,
                                 "also delete the number's future auth tokens (the next login "
                                 "needs a code)");
    forget->excludes(list)->excludes(others)->excludes(hash);
    cmd->callback([&o] { o.command = Command::Revoke; });
}

void add_convert(CLI::App& app, Options& o) {
    auto* cmd = app.add_subcommand("convert", "convert a session between formats");
    auto& c = o.convert;
    cmd->add_option("SRC", c.src, "source session (file or string file)")->required();
    cmd->add_option("DST", c.dst, "destination file")->required();
    std::vector<std::string> all = kFileFormats;
    all.insert(all.end(), kStringFormats.begin(), kStringFormats.end());
    all.emplace_back("tdata");  // DST is then a Telegram Desktop data folder
    cmd->add_option("--to", c.to, "destination format")->check(CLI::IsMember(all));
    cmd->add_option("--account", c.account,
                    "account of a Telegram Desktop tdata SRC, by its index (default: the active "
                    "one)")
        ->check(CLI::Range(0, 5));
    cmd->add_flag("--seal", c.seal, "write DST sealed");
    cmd->add_flag("--unseal", c.unseal, "write DST as a plain interop file");
    cmd->add_flag("--force", c.force, "overwrite DST if it exists");
    cmd->callback([&o] { o.command = Command::Convert; });
}

void add_export(CLI::App& app, Options& o) {
    auto* cmd = app.add_subcommand("export", "print a session as a string session (stdout)");
    cmd->add_option("SESSION", o.export_.session, "session file")->required();
    cmd->add_option("--to", o.export_.to, "string format")
        ->required()
        ->check(CLI::IsMember(kStringFormats));
    cmd->callback([&o] { o.command = Command::Export; });
}

void add_import(CLI::App& app, Options& o) {
    auto* cmd = app.add_subcommand("import", "write a string session to a session file");
    cmd->add_option("STRING-or-FILE", o.import_.source,
                    "string session, a file holding one, or '-' for stdin")
        ->required();
    cmd->add_option("DST", o.import_.dst, "destination file")->required();
    cmd->add_option("--format", o.import_.format, "file format to write")
        ->check(CLI::IsMember(kFileFormats));
    cmd->add_flag("--force", o.import_.force, "overwrite DST if it exists");
    cmd->callback([&o] { o.command = Command::Import; });
}

}  // namespace

void build_cli(CLI::App& app, Options& opts, const std::string& config_path) {
    app.require_subcommand(1);
    app.fallthrough();  // global options may also follow the command
    if (config_path.size() >= 4 && config_path.substr(config_path.size() - 4) == ".ini") {
        app.config_formatter(std::make_shared<CLI::ConfigINI>());
    }
    app.set_config("--config", config_path, "read global options from this TOML/INI file");
    add_globals(app, opts.global);
    add_login(app, opts);
    add_bot_login(app, opts);
    add_status(app, opts);
    add_revoke(app, opts);
    add_convert(app, opts);
    add_export(app, opts);
    add_import(app, opts);
}

}  // namespace tgsession
