// `tgsession status SESSION... | DIR | --files-from FILE [-0]`: what each file says
// (--offline) or what the server says about its key. Offline: one file after another on this
// thread, each one SQLite open and one read. Online: an io_context per usable CPU, at most
// --jobs connections at once in all (status_online.hpp). Opens read-only; never writes the files.
#include <spdlog/spdlog.h>

#include <iostream>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "resource_limits.hpp"
#include "status_check.hpp"
#include "status_inputs.hpp"
#include "status_online.hpp"
#include "status_output.hpp"
#include "terminal.hpp"

namespace tgsession {

int run_status(AppContext& ctx) {
    const auto& s = ctx.opts.status;
    if (s.sessions.empty() && !s.files_from) {
        throw UsageError("status: no session files to check (give SESSION, DIR or --files-from)");
    }
    const long descriptors = raise_descriptor_limit();
    auto inputs = collect_status_inputs(s, std::cin);
    // An empty directory, list or store: nothing to check, nothing wrong.
    if (inputs.paths.empty()) return kExitOk;
    // Resolved once, up front: usage errors and any API-hash prompt come before the checks.
    std::optional<tgs::auth::ClientConfig> config;
    if (!s.offline) config = ctx.client_config();

    // Online checks use the keys: a session in a store is leased while its check runs. A
    // whole store counts as its sessions (listed as the checks reach them).
    SessionReader reader(ctx, std::move(inputs.paths), !s.offline);
    // Files are compared by path here, store sessions by database, prefix and name by the
    // reader (a session named alone and through its store is one): each is checked once.
    if (const auto repeats = inputs.duplicates + reader.repeats(); repeats > 0) {
        spdlog::info("{} duplicate session(s) checked once", repeats);
    }
    if (reader.size() == 0) return kExitOk;  // only empty stores
    StatusPrinterOptions po;
    po.total = reader.size();
    po.keep_order = s.keep_order;
    po.progress = stderr_is_tty() && !ctx.out.json() && !ctx.out.quiet();
    po.summary = reader.size() > 1;
    StatusPrinter printer(ctx.out, po);
    if (s.offline) {
        for (std::size_t i = 0; i < reader.size(); ++i) printer.add(i, check_offline(reader, i));
    } else {
        const int jobs = online_jobs(s.jobs, descriptors);
        spdlog::debug("checking {} sessions, {} at a time (descriptor limit {})", reader.size(),
                      jobs, descriptors);
        run_online_checks(*config, jobs, reader, [&printer](std::size_t i, StatusResult r) {
            printer.add(i, std::move(r));
        });
        write_remembered_salts();
    }
    const int exit_code = printer.finish();
    if (printer.repeats() > 0) {
        spdlog::info("{} file(s) named again through a link checked once", printer.repeats());
    }
    return exit_code;
}

}  // namespace tgsession
