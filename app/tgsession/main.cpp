// tgsession: parse (CLI11), set up logging and output, run one command, map failures to the
// documented exit codes. The library never prints, prompts or exits; this file does.
#include <openssl/crypto.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "api_credentials.hpp"
#include "argv_secrets.hpp"
#include "cli_options.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "json_fields.hpp"
#include "output.hpp"
#include "printable.hpp"
#include "redaction.hpp"
#include "terminal.hpp"
#include "tgs/crypto/secure.hpp"
#include "tgs/error.hpp"
#include "tgs/version.hpp"
#include "xdg_paths.hpp"

namespace {

std::string command_name(tgsession::Command c) {
    using tgsession::Command;
    switch (c) {
        case Command::Login:
            return "login";
        case Command::BotLogin:
            return "bot-login";
        case Command::Status:
            return "status";
        case Command::Revoke:
            return "revoke";
        case Command::Convert:
            return "convert";
        case Command::Export:
            return "export";
        case Command::Import:
            return "import";
        case Command::None:
            return "";
    }
    return "";
}

std::string session_of(const tgsession::Options& o) {
    using tgsession::Command;
    switch (o.command) {
        case Command::Login:
            return o.login.session;
        case Command::BotLogin:
            return o.bot_login.session;
        case Command::Revoke:
            return o.revoke.session;
        case Command::Export:
            return o.export_.session;
        default:
            return "";
    }
}

int dispatch(tgsession::AppContext& ctx) {
    using tgsession::Command;
    switch (ctx.opts.command) {
        case Command::Login:
            return tgsession::run_login(ctx);
        case Command::BotLogin:
            return tgsession::run_bot_login(ctx);
        case Command::Status:
            return tgsession::run_status(ctx);
        case Command::Revoke:
            return tgsession::run_revoke(ctx);
        case Command::Convert:
            return tgsession::run_convert(ctx);
        case Command::Export:
            return tgsession::run_export(ctx);
        case Command::Import:
            return tgsession::run_import(ctx);
        case Command::None:
            break;
    }
    throw tgsession::UsageError("no command given");
}

}  // namespace

int main(int argc, char** argv) {
    // Auth keys and passwords live in this process: keep them out of core files.
    (void)tgs::crypto::disable_core_dumps();
    // MTProto fixes every algorithm (SHA-1/256, AES-256, RSA, DH) and lib/crypto fetches each
    // from the default provider once; reading openssl.cnf and registering every legacy cipher
    // and digest name on first use cost about 1 ms of each run. (Done here, not in the library:
    // a program embedding lib/crypto may want its own OpenSSL configuration.)
    OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG | OPENSSL_INIT_NO_ADD_ALL_CIPHERS |
                            OPENSSL_INIT_NO_ADD_ALL_DIGESTS,
                        nullptr);

    tgsession::Options opts;
    // Never destroyed: the process ends when main returns, and tearing down the options of
    // every subcommand took ~0.1 ms of each run (a login costs ~14 ms of CPU in all).
    static auto* const app_ptr =
        new CLI::App{"tgsession: log in to Telegram and manage .session files", "tgsession"};
    CLI::App& app = *app_ptr;
    app.set_version_flag(
        "--version", std::string("tgsession ") + TGS_VERSION + "\n" +
                         tgsession::credentials_version_note(tgsession::built_in_credentials()));
    const std::string config_path = tgsession::default_config_path();
    try {
        // Options in that file can name DCs and RSA keys: refuse one another user could change.
        if (!config_path.empty() && std::filesystem::exists(config_path)) {
            const std::filesystem::path file(config_path);
            tgsession::require_private(tgsession::xdg_config_home());
            tgsession::require_private(file.parent_path());
            tgsession::require_private(file);
        }
    } catch (const tgs::Error& unsafe) {
        std::cerr << "error: " << tgsession::printable(unsafe.what()) << '\n';
        return tgsession::exit_code_for(unsafe.code(), std::nullopt);
    }
    tgsession::build_cli(app, opts, config_path);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        // --help / --version are successes; everything else is a usage error.
        return rc == 0 ? 0 : tgsession::kExitUsage;
    }

    const std::vector<std::string> args(argv + 1, argv + argc);
    opts.global.api_hash_on_argv = tgsession::flag_on_argv(args, "--api-hash");
    opts.login.phone_on_argv = tgsession::flag_on_argv(args, "--phone");
    const auto& g = opts.global;
    tgsession::install_logger(g.verbose - g.quiet);
    const auto color = tgsession::parse_color_mode(g.color).value_or(tgsession::ColorMode::Auto);
    tgsession::Style style{
        tgsession::use_color(color, tgsession::stderr_is_tty(), std::getenv("NO_COLOR"))};
    tgsession::Output out(g.json, g.quiet > 0, style);
    const bool interactive = tgsession::stdin_is_tty() && tgsession::stderr_is_tty();
    tgsession::AppContext ctx{opts, out, interactive,
                              tgsession::system_secret_environment(interactive)};
    if (g.api_hash_on_argv) out.note(out.style().yellow(tgsession::api_hash_argv_warning()));
    if (tgsession::store_password_on_argv(args))
        out.note(out.style().yellow(tgsession::store_password_argv_warning()));
    try {
        return dispatch(ctx);
    } catch (const std::exception& e) {
        const auto f = tgsession::classify(e);
        const auto now = std::chrono::system_clock::now();
        // Messages quote server errors and file contents: no control characters to the terminal.
        const auto message = tgsession::printable(tgsession::Redactor::global().apply(f.message));
        auto shown = f;
        shown.message = message;
        out.result(
            tgsession::failure_json(command_name(opts.command), session_of(opts), shown, now));
        if (f.retry_after) {
            out.error(tgsession::flood_wait_text(*f.retry_after, now));
        } else {
            out.error(message);
        }
        if (f.exit_code == tgsession::kExitInternal) spdlog::debug("internal error: {}", f.code);
        return f.exit_code;
    }
}
