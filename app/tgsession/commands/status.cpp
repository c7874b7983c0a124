// `tgsession status SESSION...`: what each file says (--offline) or what the server says (one
// round trip per file, files checked concurrently). Opens read-only; never writes.
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <future>
#include <vector>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "json_fields.hpp"
#include "session_path.hpp"
#include "tgs/crypto/secure.hpp"
#include "tgs/error.hpp"
#include "tgs/session/format.hpp"
#include "tgs/session/location.hpp"

namespace tgsession {
namespace {

struct Checked {
    StatusReport report;
    int exit_code = kExitOk;
};

void fill_from_file(StatusReport& r, const std::filesystem::path& path,
                    const tgs::session::LoadedSession& s) {
    r.format = std::string(tgs::session::format_name(s.format));
    if (s.data.dc_id != 0) r.dc_id = s.data.dc_id;
    if (!s.data.server_address.empty()) r.server_address = s.data.server_address;
    if (s.data.port != 0) r.port = s.data.port;
    if (s.data.auth_key && !s.data.auth_key->all_zero())
        r.auth_key_id = auth_key_id_hex(*s.data.auth_key);
    if (s.data.user) {
        r.user_id = s.data.user->id;
        if (!s.data.user->username.empty()) r.username = s.data.user->username;
        if (s.data.user->bot) r.bot = *s.data.user->bot;
    }
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) r.file_mode = file_mode_text(st.st_mode);
    if (tgs::session::readable_by_others(path)) {
        spdlog::warn("{} is readable by other users; it holds an auth key (chmod 600 it)",
                     path.string());
    }
}

Checked check_one(const AppContext& ctx, const std::optional<tgs::auth::ClientConfig>& config,
                  const std::string& arg) {
    const bool offline = !config;
    Checked c;
    const auto path = session_path(arg);
    c.report.session = path.string();
    try {
        const auto loaded = ctx.load(path);
        fill_from_file(c.report, path, loaded);
        const bool has_key = loaded.data.auth_key && !loaded.data.auth_key->all_zero();
        if (!has_key) {
            c.report.state = "not_authorized";
            c.report.reason = "no_key";
            c.exit_code = kExitNotAuthorized;
            return c;
        }
        if (offline) {
            c.report.state = loaded.data.user ? "has_key" : "has_key_no_user";
            return c;
        }
        // A cached salt makes this one round trip (no bad_server_salt first).
        tgs::auth::Client client(with_cached_salt(*config, loaded.data), loaded.data);
        const auto st = client.authorization_status();
        if (st.state == tgs::auth::AuthState::authorized) remember_salt(client);
        if (st.state == tgs::auth::AuthState::authorized) {
            c.report.state = "authorized";
            if (st.user) {
                c.report.user_id = st.user->id;
                c.report.username = st.user->username;
                c.report.bot = st.user->bot;
            }
        } else {
            c.report.state = "not_authorized";
            c.report.reason = tgs::auth::to_string(st.state);
            if (!st.server_error.empty()) c.report.message = st.server_error;
            c.exit_code = kExitNotAuthorized;
        }
    } catch (const std::exception& e) {
        const auto f = classify(e);
        c.exit_code = f.exit_code;
        c.report.state = f.exit_code == kExitUnavailable ? "unreachable" : "error";
        c.report.reason = f.code;
        c.report.message = f.message;
    }
    return c;
}

std::string human_line(const Style& st, const StatusReport& r) {
    std::string line = r.session + ": ";
    if (r.state == "authorized") {
        line += st.green("authorized");
    } else if (r.state == "unreachable" || r.state == "error") {
        line += st.red(r.state);
    } else if (r.state == "not_authorized") {
        line += st.yellow("not authorized");
    } else {
        line += r.state == "has_key" ? "has a key (offline)" : "has a key, no user (offline)";
    }
    if (r.reason) line += " (" + *r.reason + ")";
    if (r.format) line += ", " + *r.format;
    if (r.dc_id) line += ", DC " + std::to_string(*r.dc_id);
    if (r.user_id) line += ", user " + std::to_string(*r.user_id);
    if (r.username && !r.username->empty()) line += " @" + *r.username;
    if (r.bot && *r.bot) line += " (bot)";
    if (r.auth_key_id) line += ", key id " + *r.auth_key_id;
    if (r.file_mode) line += ", mode " + *r.file_mode;
    if (r.message && r.state != "not_authorized") line += ": " + *r.message;
    return line;
}

}  // namespace

int run_status(AppContext& ctx) {
    const auto& s = ctx.opts.status;
    // Resolved once, up front: usage errors and any API-hash prompt happen before the threads.
    std::optional<tgs::auth::ClientConfig> config;
    if (!s.offline) config = ctx.client_config();
    // A session store named without session=: every session in it.
    std::vector<std::string> inputs;
    for (const auto& arg : s.sessions) {
        std::error_code ec;
        auto members =
            std::filesystem::is_directory(arg, ec) ? std::nullopt : tgs::session::sessions_in(arg);
        if (members) {
            inputs.insert(inputs.end(), members->begin(), members->end());
        } else {
            inputs.push_back(arg);
        }
    }
    std::vector<std::future<Checked>> jobs;
    jobs.reserve(inputs.size());
    for (const auto& arg : inputs) {
        jobs.push_back(std::async(std::launch::async,
                                  [&ctx, &config, arg] { return check_one(ctx, config, arg); }));
    }
    bool unreachable = false;
    int file_error = 0;
    bool not_authorized = false;
    for (auto& job : jobs) {
        const auto c = job.get();
        ctx.out.result(status_json(c.report));
        ctx.out.text(human_line(ctx.out.style(), c.report));
        if (c.exit_code == kExitUnavailable) {
            unreachable = true;
        } else if (c.exit_code == kExitNotAuthorized) {
            not_authorized = true;
        } else if (c.exit_code != kExitOk && file_error == 0) {
            file_error = c.exit_code;
        }
    }
    if (unreachable) return kExitUnavailable;
    if (file_error != 0) return file_error;
    if (not_authorized) return kExitNotAuthorized;
    // --offline cannot prove authorization; a key with a user is the best the file can say.
    return kExitOk;
}

}  // namespace tgsession
