// `tgsession revoke SESSION`: auth.logOut (the file is kept without its key, or deleted with
// --delete), or manage the account's other authorizations (--list, --others, --hash H).
#include <ctime>

#include "commands.hpp"
#include "errors.hpp"
#include "exit_codes.hpp"
#include "future_tokens.hpp"
#include "json_fields.hpp"
#include "login_common.hpp"
#include "login_input.hpp"
#include "printable.hpp"
#include "progress.hpp"
#include "session_path.hpp"
#include "tgs/error.hpp"
#include "tgs/session/location.hpp"
#include "tgs/session/lock.hpp"

namespace tgsession {
namespace {

std::string date_text(std::int64_t unix) {
    if (unix == 0) return "-";
    const std::time_t t = unix;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[24];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

int list(AppContext& ctx, tgs::auth::Client& client, const std::string& session) {
    const auto auths = client.list_authorizations();
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& a : auths) {
        arr.push_back(authorization_json(a));
        // Every field is chosen by whoever created that authorization: printable() only.
        std::string line =
            (a.current ? ctx.out.style().green("* ") : "  ") + std::to_string(a.hash) + "  " +
            printable(a.app_name + " " + a.app_version + ", " + a.device_model + " (" + a.platform +
                      " " + a.system_version + "), " + a.ip + " " + a.country) +
            ", active " + date_text(a.date_active);
        if (a.current) line += "  (this session)";
        ctx.out.text(line);
    }
    ctx.out.result({{"command", "revoke"},
                    {"action", "list"},
                    {"ok", true},
                    {"session", session},
                    {"authorizations", arr}});
    return kExitOk;
}

}  // namespace

int run_revoke(AppContext& ctx) {
    const auto& r = ctx.opts.revoke;
    const auto path = session_path(r.session);
    const bool changes_file = !r.list && !r.others && !r.hash;
    // A session in a store is leased whenever its key is used, not only when it is written
    // (docs/postgres-store.md): a worker holding it would otherwise share the key with us.
    std::optional<tgs::session::SessionLock> lock;
    if (changes_file || tgs::session::is_store_location(path.native())) {
        lock.emplace(path, ctx.lock_wait());
    }
    const auto loaded = ctx.load(path);
    if (!loaded.data.has_key()) {
        throw tgs::Error(errc::auth_not_authorized,
                         path.string() + " holds no auth key (already logged out)");
    }
    ProgressRelay progress;
    auto config = ctx.client_config();
    config.on_progress = progress.callback();
    tgs::auth::Client client(with_cached_salt(config, loaded.data), loaded.data);
    Spinner spinner(ctx.spinner_enabled());
    ProgressRelay::Scope scope(progress, spinner);
    spinner.set_text("connecting");
    client.connect();
    spinner.stop();

    if (r.list) return list(ctx, client, path.string());
    if (r.others) {
        client.reset_other_authorizations();
        ctx.out.result({{"command", "revoke"},
                        {"action", "others"},
                        {"ok", true},
                        {"session", path.string()}});
        ctx.out.text("Ended every other authorization of this account");
        return kExitOk;
    }
    if (r.hash) {
        client.reset_authorization(*r.hash);
        ctx.out.result({{"command", "revoke"},
                        {"action", "hash"},
                        {"ok", true},
                        {"session", path.string()},
                        {"hash", *r.hash}});
        ctx.out.text("Ended authorization " + std::to_string(*r.hash));
        return kExitOk;
    }
    // The number keys its future auth tokens; a file without it costs one round trip to learn.
    std::string phone = loaded.data.user ? loaded.data.user->phone : "";
    if (phone.empty()) {
        if (auto me = client.get_me()) phone = me->phone;
    }
    client.sign_out();
    bool forgot = false;
    if (r.forget) {
        // No way back in without a code: neither this logout's token nor older ones are kept.
        if (auto digits = normalize_phone(phone))
            forgot = default_future_token_store().forget(*digits);
    } else {
        remember_future_token(client, phone);  // so the number can log in again without a code
    }
    if (r.delete_file) {
        tgs::session::remove_session(path);
        ctx.out.text("Logged out; deleted " + path.string());
    } else {
        // The file stays, with its DC but without the key: `status` reports it as logged out.
        tgs::session::SaveOptions save_opts;
        if (loaded.format == tgs::session::Format::Sealed) save_opts.seal_key = ctx.seal_key();
        tgs::session::save(path, client.session(), loaded.format, save_opts);
        ctx.out.text("Logged out; " + path.string() + " kept without its key");
    }
    ctx.out.result({{"command", "revoke"},
                    {"action", "log_out"},
                    {"ok", true},
                    {"session", path.string()},
                    {"deleted", r.delete_file},
                    {"future_tokens_deleted", forgot}});
    return kExitOk;
}

}  // namespace tgsession
