#include "login_branches.hpp"

#include <ctime>

#include "errors.hpp"
#include "exit_codes.hpp"
#include "json_fields.hpp"
#include "login_input.hpp"
#include "redaction.hpp"
#include "secret_source.hpp"
#include "terminal.hpp"
#include "tgs/auth/errors.hpp"
#include "tgs/rpc_error.hpp"

namespace tgsession {
namespace {

using tgs::auth::Client;
using tgs::auth::LoginToken;
using tgs::auth::PasswordToken;
using tgs::auth::User;

/// True when a wrong answer may be retried: it was typed at a prompt.
bool typed_at_prompt(const AppContext& ctx, const Secret& s) {
    return ctx.interactive && s.origin == SecretOrigin::Prompt;
}

bool yes(const std::optional<std::string>& answer) {
    if (!answer) return false;
    const auto a = trim(*answer);
    return a == "y" || a == "Y" || a == "yes" || a == "Yes";
}

std::string date_text(std::int64_t unix) {
    return iso8601_utc(std::chrono::system_clock::from_time_t(static_cast<std::time_t>(unix)));
}

std::string ask_email(AppContext& ctx) {
    const auto& l = ctx.opts.login;
    if (l.email && !trim(*l.email).empty()) return trim(*l.email);
    if (ctx.interactive) {
        ctx.out.note("Telegram asks this account to set up a login email: login codes go there.");
        for (;;) {
            auto typed = prompt_line("Login email: ");
            if (!typed) throw UsageError("no email entered (end of input)", errc::usage_email);
            auto email = trim(*typed);
            if (email.find('@') != std::string::npos) return email;
            ctx.out.error("that is not an email address");
        }
    }
    throw UsageError(
        "Telegram asks this account to set up a login email first: give --email ADDR (or "
        "$TGSESSION_EMAIL), then the code sent there with --email-code",
        errc::usage_email);
}

}  // namespace

LoginToken email_setup_step(AppContext& ctx, Client& client, LoginToken token) {
    if (!token.email_setup_required) return token;
    const auto email = ask_email(ctx);
    const auto sent = client.send_login_email_code(token, email);
    ctx.out.note("A code was sent to " + sent.email_pattern + " (" + std::to_string(sent.length) +
                 " digits).");
    SecretSpec spec;
    spec.what = "email code";
    spec.value = ctx.opts.login.email_code;
    spec.value_flag = "--email-code";
    spec.env_var = "TGSESSION_EMAIL_CODE";
    spec.prompt = "Email code (sent to " + sent.email_pattern + "): ";
    spec.echo = true;
    spec.missing_code = errc::usage_email_code;
    for (;;) {
        const auto code = resolve_secret(spec, ctx.secrets);
        try {
            auto next = client.verify_login_email(token, trim(code.value));
            ctx.out.note("Login email verified.");
            return next;
        } catch (const tgs::RpcError& e) {
            if (e.code() != errc::rpc_email_code_invalid || !typed_at_prompt(ctx, code)) throw;
            ctx.out.error("wrong email code; try again");
        }
    }
}

User sign_up_step(AppContext& ctx, Client& client, const LoginToken& token,
                  const tgs::auth::SignUpRequired& why) {
    const auto& l = ctx.opts.login;
    if (!l.sign_up || trim(*l.sign_up).empty()) {
        throw tgs::Error(
            tgs::auth::errc::sign_up_required,
            "+" + token.phone +
                " has no Telegram account. To create one, run login again with "
                "--sign-up \"First [Last]\" (and --accept-tos when not on a terminal)");
    }
    const auto name = trim(*l.sign_up);
    const auto space = name.find(' ');
    const std::string first = name.substr(0, space);
    const std::string last = space == std::string::npos ? "" : trim(name.substr(space + 1));
    std::optional<std::string> accepted;
    if (const auto& terms = why.terms()) {
        ctx.out.note("Telegram's terms of service:\n" + terms->text);
        if (terms->min_age > 0) {
            ctx.out.note("You must be at least " + std::to_string(terms->min_age) + " years old.");
        }
        if (!l.accept_tos) {
            if (!ctx.interactive) {
                throw UsageError(
                    "creating an account means accepting Telegram's terms of service (shown "
                    "above): add --accept-tos (or $TGSESSION_ACCEPT_TOS=1)",
                    errc::usage_accept_tos);
            }
            if (!yes(prompt_line("Accept the terms of service? [y/N] "))) {
                throw UsageError("the terms of service were not accepted; no account created",
                                 errc::usage_accept_tos);
            }
        }
        accepted = terms->id;
    }
    ctx.out.note("Creating the account " + name + " for +" + token.phone);
    return client.sign_up(token, first, last, accepted);
}

namespace {

User reset_instead(AppContext& ctx, Client& client, const tgs::auth::PasswordToken& token,
                   const tgs::Error& why) {
    ctx.out.note(
        "This account has no recovery email, so its 2FA password cannot be recovered. Telegram "
        "can remove 2FA after a waiting period (account.resetPassword, usually 7 days); log in "
        "again after it to get in without a password.");
    if (token.pending_reset_date) {
        ctx.out.note("A reset is already under way: 2FA goes away at " +
                     date_text(*token.pending_reset_date) + ".");
    }
    if (!ctx.interactive || !yes(prompt_line("Request the reset now? [y/N] "))) throw why;
    const auto state = client.reset_password();
    using Kind = tgs::auth::PasswordResetState::Kind;
    if (state.kind == Kind::Waiting) {
        ctx.out.note("Reset requested: 2FA goes away at " + date_text(state.date) +
                     ". Log in again after that.");
    } else if (state.kind == Kind::RetryLater) {
        ctx.out.note("Telegram refused the reset for now; ask again after " +
                     date_text(state.date) + ".");
    } else {
        ctx.out.note("2FA was removed: log in again (no password needed).");
    }
    throw why;
}

std::optional<std::string> new_password(AppContext& ctx) {
    const auto& l = ctx.opts.login;
    SecretSpec spec;
    spec.what = "new 2FA password";
    spec.file = l.new_password_file;
    spec.file_flag = "--new-password-file";
    spec.env_var = "TGSESSION_NEW_PASSWORD";
    const bool given =
        spec.file || (ctx.secrets.getenv && ctx.secrets.getenv(spec.env_var).has_value());
    if (given) return resolve_secret(spec, ctx.secrets).value;
    if (!ctx.interactive || !ctx.secrets.prompt) return std::nullopt;
    for (;;) {
        auto first = ctx.secrets.prompt("New 2FA password (empty: turn 2FA off): ", false);
        if (!first || first->empty()) return std::nullopt;
        auto again = ctx.secrets.prompt("New 2FA password again: ", false);
        if (again && *again == *first) {
            Redactor::global().add(*first);
            return *first;
        }
        ctx.out.error("the two passwords differ; try again");
    }
}

}  // namespace

User recovery_step(AppContext& ctx, Client& client, const PasswordToken& token) {
    std::string pattern;
    try {
        pattern = client.request_password_recovery();
    } catch (const tgs::Error& e) {
        if (e.code() != tgs::auth::errc::no_recovery_email) throw;
        return reset_instead(ctx, client, token, e);
    }
    ctx.out.note("A recovery code was sent to " + pattern + ".");
    SecretSpec spec;
    spec.what = "recovery code";
    spec.value = ctx.opts.login.recovery_code;
    spec.value_flag = "--recovery-code";
    spec.env_var = "TGSESSION_RECOVERY_CODE";
    spec.prompt = "Recovery code (sent to " + pattern + "): ";
    spec.echo = true;
    spec.missing_code = errc::usage_recovery_code;
    const auto code_first = resolve_secret(spec, ctx.secrets);
    const auto password = new_password(ctx);
    for (auto code = code_first;; code = resolve_secret(spec, ctx.secrets)) {
        try {
            auto user = client.recover_password(token, trim(code.value), password, "");
            if (password) {
                ctx.out.note("The 2FA password was replaced.");
            } else {
                ctx.out.note(ctx.out.style().yellow("Two-step verification is now OFF") +
                             " for this account (no new password was given); turn it back on "
                             "in Telegram's settings.");
            }
            return user;
        } catch (const tgs::RpcError& e) {
            if (e.code() != errc::rpc_code_invalid || !typed_at_prompt(ctx, code)) throw;
            ctx.out.error("wrong recovery code; try again");
        }
    }
}

}  // namespace tgsession
