#include "login_common.hpp"

#include "errors.hpp"
#include "exit_codes.hpp"
#include "future_tokens.hpp"
#include "json_fields.hpp"
#include "login_input.hpp"
#include "printable.hpp"
#include "tgs/error.hpp"
#include "tgs/session/format.hpp"
#include "tgs/session/location.hpp"
#include "unsaved_login.hpp"

namespace tgsession {

LoginTarget open_login_target(AppContext& ctx, const std::filesystem::path& path,
                              const std::string& format_name, bool seal, bool take_lock) {
    LoginTarget t;
    t.path = path;
    t.format = seal ? tgs::session::Format::Sealed : parse_format_option(format_name);
    if (!tgs::session::is_writable_format(t.format) || tgs::session::is_string_format(t.format)) {
        throw UsageError("login cannot write the format '" + format_name + "'");
    }
    if (take_lock) t.lock.emplace(path, ctx.lock_wait());
    if (tgs::session::session_exists(path)) {
        // An unparseable file throws here and is never overwritten.
        auto loaded = ctx.load(path);
        t.file_format = loaded.format;
        if (loaded.data.user) t.file_user_id = loaded.data.user->id;
        t.start = std::move(loaded.data);
    }
    if (seal) t.seal = ctx.new_seal_key();
    return t;
}

namespace {

/// Ends the authorization `--force` replaces, so it does not stay live on the account. Best
/// effort: the new login goes ahead if this fails, and the outcome is reported either way.
bool log_out_replaced(AppContext& ctx, tgs::auth::Client& client) {
    try {
        client.sign_out();
        ctx.out.note("note: logged out the authorization this login replaces");
        return true;
    } catch (const std::exception& e) {
        ctx.out.note("warning: could not log out the replaced authorization (" +
                     printable(e.what()) + "); end it with `tgsession revoke` or in the app");
        return false;
    }
}

}  // namespace

std::unique_ptr<tgs::auth::Client> make_login_client(AppContext& ctx, LoginTarget& target,
                                                     bool force, bool keep_old,
                                                     ProgressRelay& progress) {
    auto config = ctx.client_config();
    config.on_progress = progress.callback();
    auto client = std::make_unique<tgs::auth::Client>(config, target.start);
    if (!target.start.has_key()) return client;

    Spinner spinner(ctx.spinner_enabled());
    ProgressRelay::Scope scope(progress, spinner);
    spinner.set_text("checking the existing session");
    auto status = client->authorization_status();
    using tgs::auth::AuthState;
    if (status.state == AuthState::KeyUnknown) {
        // -404 is unauthenticated by design: anyone on the path can forge it. Ask once more on
        // a fresh connection before believing that a key which may be good is dead.
        client = std::make_unique<tgs::auth::Client>(config, target.start);
        status = client->authorization_status();
    }
    spinner.stop();
    if (status.state == AuthState::Authorized && !force) {
        std::string who = status.user ? describe_user(*status.user) : "an account";
        throw tgs::Error(errc::login_already_authorized, target.path.string() +
                                                             " is already logged in as " + who +
                                                             "; use --force to replace it");
    }
    if (status.state == AuthState::KeyUnknown && target.file_user_id && !force) {
        throw tgs::Error(errc::login_already_authorized,
                         target.path.string() +
                             " holds a logged-in account whose key the server says it does not "
                             "know (twice); that answer is unauthenticated, so the file is kept. "
                             "Use --force to replace it");
    }
    if (status.state == AuthState::Authorized) {
        target.old_logged_out = keep_old ? false : log_out_replaced(ctx, *client);
    } else if (status.state == AuthState::KeyUnknown && target.file_user_id) {
        // --force over a -404 that may be forged: the old key cannot be logged out, and if the
        // server does know it, that authorization stays live.
        target.old_logged_out = false;
        ctx.out.note(
            "warning: the server said twice that it does not know this file's key; it was not "
            "logged out. If that answer was forged, the old authorization is still live: check "
            "`tgsession revoke --list` or the app");
    }
    // A new login starts over on the same DC with a new key: a key the server did not confirm
    // as authorized may be one its maker still holds (a traded file), so it is never reused.
    target.start.auth_key.reset();
    target.start.user.reset();
    target.start.state.reset();
    return std::make_unique<tgs::auth::Client>(config, target.start);
}

namespace {

/// Saves into the existing file, except when it held another account (or an unknown one):
/// then the file is written from scratch, so the previous account's rows (Telethon's entity
/// cache, its self user) neither leak into the new session nor hide who the new self user is.
std::vector<std::string> save_login(const LoginTarget& target,
                                    const tgs::session::SessionData& data,
                                    const tgs::session::SaveOptions& opts) {
    const bool same_account =
        target.file_user_id && data.user && *target.file_user_id == data.user->id;
    auto fresh = opts;
    fresh.discard_other_rows = !same_account;
    return tgs::session::save(target.path, data, target.format, fresh);
}

}  // namespace

void remember_future_token(tgs::auth::Client& client, const std::string& phone) {
    const auto token = client.future_auth_token();
    const auto digits = normalize_phone(phone);
    if (!token || !digits) return;
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    default_future_token_store().add(*digits, *token, now);
}

int finish_login(AppContext& ctx, LoginTarget& target, tgs::auth::Client& client,
                 const tgs::auth::User& user, const std::string& command) {
    auto save_opts = ctx.save_options();
    if (target.seal) save_opts.seal_key = std::move(target.seal);
    std::vector<std::string> dropped;
    try {
        dropped = save_login(target, client.session(), save_opts);
    } catch (const tgs::Error& e) {
        // The server has the new authorization now: its key must not die with this process.
        rethrow_keeping_login(e, target.path, client.session(), save_opts);
    }
    remember_salt(client);
    remember_future_token(client, user.phone);
    nlohmann::json j{{"command", command},
                     {"ok", true},
                     {"session", target.path.string()},
                     {"format", std::string(tgs::session::format_name(target.format))},
                     {"user", user_json(user)},
                     {"dropped_fields", dropped},
                     {"next_step", "done"}};
    if (target.old_logged_out) j["replaced_logged_out"] = *target.old_logged_out;
    ctx.out.result(j);
    ctx.out.text(ctx.out.style().green("Logged in") + " as " + describe_user(user) + " (DC " +
                 std::to_string(client.session().dc_id) + "); saved " + target.path.string());
    // The chosen format's limits are expected at login (they are in the JSON result); say them
    // only when asked to be verbose. `convert` always says them.
    if (ctx.opts.global.verbose > 0) {
        for (const auto& f : dropped) {
            ctx.out.note("note: the " + std::string(tgs::session::format_name(target.format)) +
                         " format cannot keep " + f);
        }
    }
    return kExitOk;
}

}  // namespace tgsession
