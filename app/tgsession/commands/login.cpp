// `tgsession login SESSION`: phone → code → 2FA password (or a bot token typed at the first
// prompt), interactive on a TTY, flag/env/file driven otherwise, or in two phases
// (--send-code now, --code later) with the pending state kept in the XDG state dir.
#include <chrono>
#include <future>

#include "commands.hpp"
#include "errors.hpp"
#include "exit_codes.hpp"
#include "future_tokens.hpp"
#include "json_fields.hpp"
#include "login_branches.hpp"
#include "login_common.hpp"
#include "login_input.hpp"
#include "pending_login.hpp"
#include "printable.hpp"
#include "qr_render.hpp"
#include "redaction.hpp"
#include "session_path.hpp"
#include "tgs/error.hpp"
#include "tgs/rpc_error.hpp"
#include "xdg_paths.hpp"

namespace tgsession {
namespace {

using tgs::auth::Client;
using tgs::auth::LoginToken;
using tgs::auth::PasswordToken;
using tgs::auth::User;

constexpr const char* kExpiredHelp =
    "The code has expired. Telegram invalidates a login code as soon as it is shared in any "
    "Telegram chat (even sent to yourself), and after a while.";

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

PendingLoginStore pending_store() {
    return PendingLoginStore(xdg_state_home() / "tgsession");
}

SecretSpec code_spec(const LoginOptions& l) {
    SecretSpec s;
    s.what = "login code";
    s.value = l.code;
    s.value_flag = "--code";
    s.file = l.code_file;
    s.file_flag = "--code-file";
    s.env_var = "TGSESSION_CODE";
    s.prompt = "Login code: ";
    s.echo = true;
    s.missing_code = errc::usage_code;
    return s;
}

SecretSpec password_spec(const LoginOptions& l) {
    SecretSpec s;
    s.what = "2FA password";
    s.file = l.password_file;
    s.file_flag = "--password-file";
    s.env_var = "TGSESSION_PASSWORD";
    s.prompt = "2FA password: ";
    s.missing_code = errc::usage_password;
    return s;
}

bool code_given(const AppContext& ctx) {
    const auto& l = ctx.opts.login;
    return l.code || l.code_file || (ctx.secrets.getenv && ctx.secrets.getenv("TGSESSION_CODE"));
}

/// The 2FA step: on a TTY re-prompts after a wrong password (an empty one offers recovery);
/// otherwise one attempt. --recover goes to recovery at once.
User password_step(AppContext& ctx, Client& client, const PasswordToken& token) {
    if (ctx.opts.login.recover) return recovery_step(ctx, client, token);
    auto spec = password_spec(ctx.opts.login);
    const bool from_prompt =
        !spec.file && !(ctx.secrets.getenv && ctx.secrets.getenv(spec.env_var));
    const std::string hint = printable(token.hint);  // the account owner's text, via the server
    if (!hint.empty()) ctx.out.note("Two-step verification is on (hint: " + hint + ")");
    spec.prompt = "2FA password" + (hint.empty() ? "" : " (hint: " + hint + ")") +
                  (token.has_recovery ? ", or empty to recover it by email: " : ": ");
    for (;;) {
        const auto pw = resolve_secret(spec, ctx.secrets);
        if (pw.value.empty() && from_prompt && ctx.interactive) {
            return recovery_step(ctx, client, token);
        }
        try {
            return client.check_password(token, pw.value);
        } catch (const tgs::RpcError& e) {
            if (e.code() != errc::rpc_password_hash_invalid || !from_prompt || !ctx.interactive)
                throw;
            ctx.out.error("wrong password; try again");
        }
    }
}

User after_sign_in(AppContext& ctx, Client& client, std::variant<User, PasswordToken> r) {
    if (auto* u = std::get_if<User>(&r)) return *u;
    return password_step(ctx, client, std::get<PasswordToken>(r));
}

/// auth.signIn with the code, then 2FA or sign-up as the answer requires.
User complete_sign_in(AppContext& ctx, Client& client, const LoginToken& token,
                      const std::string& code) {
    std::variant<User, PasswordToken> answer;
    try {
        answer = client.sign_in(token, code);
    } catch (const tgs::auth::SignUpRequired& why) {
        return sign_up_step(ctx, client, token, why);
    }
    return after_sign_in(ctx, client, std::move(answer));
}

/// The typed code as the delivery wants it: words and phrases as text, else digits.
std::optional<std::string> code_from(const LoginToken& token, std::string_view typed) {
    if (code_is_text(token.type)) {
        auto t = trim(typed);
        return t.empty() ? std::nullopt : std::optional<std::string>(t);
    }
    return normalize_code(typed);
}

/// The code step on a TTY: 'r' resends, wrong codes re-prompt, an expired code is explained.
User interactive_code_step(AppContext& ctx, Client& client, LoginToken token) {
    for (;;) {
        const auto typed = prompt_line(code_prompt(token) + " (or 'r' to resend): ");
        if (!typed) throw UsageError("no login code entered (end of input)", errc::usage_code);
        const auto t = trim(*typed);
        if (t == "r" || t == "R") {
            token = client.resend_login_code(token);
            ctx.out.note(code_sent_text(token));
            continue;
        }
        if (t == "reset" && token.type == tgs::auth::CodeDelivery::Email) {
            // The user lost the login email's mailbox: Telegram sends the code by SMS instead.
            token = client.reset_login_email(token);
            ctx.out.note(code_sent_text(token));
            continue;
        }
        const auto code = code_from(token, t);
        if (!code) {
            ctx.out.error("the code is digits only (spaces and dashes are fine)");
            continue;
        }
        Redactor::global().add(*code);
        try {
            return complete_sign_in(ctx, client, token, *code);
        } catch (const tgs::RpcError& e) {
            if (e.code() == errc::rpc_phone_code_invalid ||
                e.code() == errc::rpc_phone_code_empty ||
                e.code() == errc::rpc_email_code_invalid) {
                ctx.out.error("wrong code; try again");
            } else if (e.code() == errc::rpc_phone_code_expired) {
                ctx.out.error(kExpiredHelp);
                ctx.out.note("Type 'r' to get a new code.");
            } else {
                throw;
            }
        }
    }
}

/// The code step without a TTY: exactly one code from --code/--code-file/$TGSESSION_CODE.
User scripted_code_step(AppContext& ctx, Client& client, const LoginToken& token,
                        const Secret& code_secret) {
    const auto code = code_from(token, code_secret.value);
    if (!code)
        throw UsageError("the login code must be digits (from " + to_string(code_secret.origin) +
                         ")");
    try {
        return complete_sign_in(ctx, client, token, *code);
    } catch (const tgs::RpcError& e) {
        if (e.code() == errc::rpc_phone_code_expired) ctx.out.note(kExpiredHelp);
        throw;
    }
}

std::string ask_phone_or_token(AppContext& ctx) {
    for (;;) {
        const auto typed = prompt_line("Phone number or bot token: ");
        if (!typed) throw UsageError("no phone number entered (end of input)");
        if (looks_like_bot_token(*typed)) {
            Redactor::global().add(trim(*typed));
            return trim(*typed);
        }
        if (auto p = normalize_phone(*typed)) return *p;
        ctx.out.error("enter the phone number in international format, e.g. +1 555 000 1111");
    }
}

int send_code_only(AppContext& ctx, const std::filesystem::path& path, ProgressRelay& progress) {
    const auto& l = ctx.opts.login;
    if (!l.phone) throw UsageError("--send-code needs --phone (or $TGSESSION_PHONE)");
    const auto phone = normalize_phone(*l.phone);
    if (!phone) throw UsageError("--phone: not a phone number");
    auto target = open_login_target(ctx, path, l.format, l.seal, /*take_lock=*/false);
    auto client = make_login_client(ctx, target, l.force, l.keep_old, progress);
    Spinner spinner(ctx.spinner_enabled());
    LoginToken token;
    {
        ProgressRelay::Scope scope(progress, spinner);
        spinner.set_text("connecting");
        client->connect();
        token = email_setup_step(ctx, *client, client->request_login_code(*phone));
    }
    spinner.stop();
    const auto& s = client->session();
    if (!s.auth_key)
        throw tgs::Error(errc::auth_no_key, "the client has no auth key after sending the code");
    PendingLogin p;
    p.session_path = absolute_session_key(path).string();
    p.phone = token.phone.empty() ? *phone : token.phone;
    p.phone_code_hash = token.phone_code_hash;
    p.dc_id = s.dc_id;
    p.server_address = s.server_address;
    p.port = s.port;
    const auto key = s.auth_key->view();
    p.auth_key.assign(key.begin(), key.end());
    p.code_type = tgs::auth::to_string(token.type);
    p.code_length = token.code_length;
    p.created_at = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
    pending_store().save(p);
    auto j = code_sent_json(token);
    j["command"] = "login";
    j["ok"] = true;
    j["state"] = "code_sent";
    j["session"] = path.string();
    ctx.out.result(j);
    ctx.out.text(code_sent_text(token) + " Finish with: tgsession login " + path.string() +
                 " --code CODE");
    return kExitOk;
}

int finish_pending(AppContext& ctx, const std::filesystem::path& path, const PendingLogin& p,
                   ProgressRelay& progress) {
    const auto& l = ctx.opts.login;
    auto target = open_login_target(ctx, path, l.format, l.seal, /*take_lock=*/true);
    // The code was sent under the pending key: continue with exactly that key and DC.
    tgs::session::SessionData data = target.start;
    data.dc_id = p.dc_id;
    data.server_address = p.server_address;
    data.port = p.port;
    data.auth_key.emplace(tgs::ByteView(p.auth_key));
    data.user.reset();
    auto config = ctx.client_config();
    config.on_progress = progress.callback();
    Client client(config, data);
    LoginToken token;
    token.phone = p.phone;
    token.phone_code_hash = p.phone_code_hash;
    token.code_length = p.code_length;
    token.dc_id = p.dc_id;
    User user;
    try {
        if (ctx.interactive && !code_given(ctx)) {
            ctx.out.note("Continuing the pending login of +" + p.phone);
            user = interactive_code_step(ctx, client, token);
        } else {
            user =
                scripted_code_step(ctx, client, token, resolve_secret(code_spec(l), ctx.secrets));
        }
    } catch (const tgs::RpcError& e) {
        // A dead pending login is removed so the next attempt starts over.
        if (e.code() == errc::rpc_phone_code_expired ||
            e.code() == errc::rpc_phone_code_hash_empty) {
            pending_store().remove(path);
        }
        throw;
    }
    pending_store().remove(path);
    return finish_login(ctx, target, client, user, "login");
}

/// QR login: shows tg://login links (drawn as QR codes on a terminal) until another logged-in
/// app scans one; 2FA accounts then give their password as usual.
int qr_login(AppContext& ctx, const std::filesystem::path& path, ProgressRelay& progress) {
    const auto& l = ctx.opts.login;
    auto target = open_login_target(ctx, path, l.format, l.seal, /*take_lock=*/true);
    auto client = make_login_client(ctx, target, l.force, l.keep_old, progress);
    client->connect();
    auto show = [&ctx](const std::string& url, std::int64_t expires) {
        nlohmann::json j;
        j["command"] = "login";
        j["state"] = "qr";
        j["url"] = url;
        j["expires"] = expires;
        ctx.out.result(j);
        if (ctx.interactive) ctx.out.note(render_qr(url));
        ctx.out.note("Scan with Telegram (Settings > Devices > Link Desktop Device), or open: " +
                     url);
    };
    const auto user = after_sign_in(ctx, *client, client->qr_login(show, std::chrono::minutes(5)));
    return finish_login(ctx, target, *client, user, "login");
}

}  // namespace

int run_login(AppContext& ctx) {
    const auto& l = ctx.opts.login;
    // A bot token is the bot's whole account: on argv every local user could read it.
    if (l.phone && l.phone_on_argv && looks_like_bot_token(*l.phone)) {
        Redactor::global().add(trim(*l.phone));
        throw UsageError(
            "a bot token on the command line is visible to other local users; give it with "
            "bot-login --token-file F, $TGSESSION_BOT_TOKEN or $TGSESSION_PHONE");
    }
    const auto path = session_path(l.session);
    ProgressRelay progress;
    if (l.qr) return qr_login(ctx, path, progress);
    if (l.send_code) return send_code_only(ctx, path, progress);

    if (auto pending = pending_store().load(path)) {
        const bool same_phone = !l.phone || normalize_phone(*l.phone) == pending->phone;
        if (same_phone) return finish_pending(ctx, path, *pending, progress);
        pending_store().remove(path);  // a new phone number starts over
    }

    // Without a terminal everything must be known up front: fail before sending a code.
    std::optional<Secret> scripted_code;
    if (!ctx.interactive || code_given(ctx)) {
        if (!ctx.interactive && !l.phone) {
            throw UsageError(
                "missing phone number: not a terminal, so give --phone or $TGSESSION_PHONE");
        }
        // A number with future auth tokens may log in without a code: then a missing code is
        // only an error once Telegram asked for one.
        const auto known = l.phone ? normalize_phone(*l.phone) : std::nullopt;
        if (code_given(ctx) || !known ||
            default_future_token_store().load(*known, unix_now()).empty()) {
            scripted_code = resolve_secret(code_spec(l), ctx.secrets);
        }
    }

    auto target = open_login_target(ctx, path, l.format, l.seal, /*take_lock=*/true);
    auto client = make_login_client(ctx, target, l.force, l.keep_old, progress);

    // TCP connect and key creation run while the user types the phone number. With the number
    // given there is nothing to overlap: no thread (and its malloc arena) for it.
    std::future<void> connecting;
    std::string phone_or_token;
    if (l.phone) {
        phone_or_token = *l.phone;
    } else {
        connecting = std::async(std::launch::async, [&client] { client->connect(); });
        phone_or_token = ask_phone_or_token(ctx);
    }
    {
        Spinner spinner(ctx.spinner_enabled());
        ProgressRelay::Scope scope(progress, spinner);
        spinner.set_text("connecting");
        if (connecting.valid()) {
            connecting.get();
        } else {
            client->connect();
        }
    }

    if (looks_like_bot_token(phone_or_token)) {
        Redactor::global().add(trim(phone_or_token));
        const auto user = client->bot_sign_in(trim(phone_or_token));
        return finish_login(ctx, target, *client, user, "login");
    }
    const auto phone = normalize_phone(phone_or_token);
    if (!phone) throw UsageError("--phone: not a phone number");
    auto sent = client->send_code(*phone, default_future_token_store().load(*phone, unix_now()));
    if (auto* user = std::get_if<User>(&sent)) {
        ctx.out.note("Logged in with a future auth token from an earlier login: no code needed.");
        return finish_login(ctx, target, *client, *user, "login");
    }
    auto token = email_setup_step(ctx, *client, std::get<LoginToken>(sent));
    ctx.out.note(code_sent_text(token));
    if (!scripted_code && !ctx.interactive)
        scripted_code = resolve_secret(code_spec(l), ctx.secrets);
    const auto user = scripted_code ? scripted_code_step(ctx, *client, token, *scripted_code)
                                    : interactive_code_step(ctx, *client, token);
    return finish_login(ctx, target, *client, user, "login");
}

}  // namespace tgsession
