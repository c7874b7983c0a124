// `tgsession bot-login SESSION`: the token from --token-file, $TGSESSION_BOT_TOKEN, a no-echo
// prompt on a TTY, else stdin. Never from argv.
#include "commands.hpp"
#include "exit_codes.hpp"
#include "login_common.hpp"
#include "login_input.hpp"
#include "session_path.hpp"

namespace tgsession {

int run_bot_login(AppContext& ctx) {
    const auto& b = ctx.opts.bot_login;
    const auto path = session_path(b.session);
    SecretSpec spec;
    spec.what = "bot token";
    spec.file = b.token_file;
    spec.file_flag = "--token-file";
    spec.env_var = "TGSESSION_BOT_TOKEN";
    spec.prompt = "Bot token: ";
    spec.stdin_fallback = true;
    const auto token = trim(resolve_secret(spec, ctx.secrets).value);
    if (!looks_like_bot_token(token)) {
        throw UsageError("that is not a bot token (expected DIGITS:SECRET, as @BotFather gives)");
    }
    ProgressRelay progress;
    auto target = open_login_target(ctx, path, b.format, false, /*take_lock=*/true);
    auto client = make_login_client(ctx, target, b.force, b.keep_old, progress);
    tgs::auth::User user;
    {
        Spinner spinner(ctx.spinner_enabled());
        ProgressRelay::Scope scope(progress, spinner);
        spinner.set_text("connecting");
        client->connect();
        user = client->bot_sign_in(token);
    }
    return finish_login(ctx, target, *client, user, "bot-login");
}

}  // namespace tgsession
