// `convert SRC DST`, `export SESSION --to ...-string` and `import STRING-or-FILE DST`: moving a
// session between formats, saying which fields a format cannot keep.
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "convert_common.hpp"
#include "convert_tally.hpp"
#include "convert_tdata.hpp"
#include "exit_codes.hpp"
#include "login_input.hpp"
#include "redaction.hpp"
#include "session_path.hpp"
#include "tdata_source.hpp"
#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"
#include "tgs/session/format.hpp"
#include "tgs/session/location.hpp"
#include "tgs/session/lock.hpp"
#include "tgs/session/strings.hpp"

namespace tgsession {
namespace {

/// Guesses the destination format from DST's name when --to is absent.
tgs::session::Format default_format(const std::optional<std::string>& to) {
    return to ? parse_format_option(*to) : tgs::session::Format::Telethon;
}

/// A password in a store URL is taken out before anything can print the location.
std::string without_password(const std::string& location) {
    return tgs::session::is_store_location(location) ? session_path(location).string() : location;
}

/// The session string given as SRC: "-" reads one line from stdin. A string typed on argv is
/// refused: it is the whole account, and argv is readable by every local user.
std::string string_source(const std::string& arg, const char* command) {
    if (arg != "-") {
        // Never quote `arg`: it may be the session string itself.
        throw UsageError(std::string("no such session file; a session string on the command "
                                     "line is visible to other local users, so pass it on "
                                     "standard input: tgsession ") +
                         command + " - ...");
    }
    std::string text;
    std::getline(std::cin, text);
    text = trim(text);
    Redactor::global().add(text);
    if (text.empty()) throw UsageError("no session string on standard input");
    return text;
}

/// One SRC -> DST conversion (DST already resolved), reported as one result. `listed`: SRC
/// comes from a folder's or a store's listing, so it is a location, never a session string
/// (a dangling link there is SESSION_NOT_FOUND, not a usage error about argv).
void convert_one(AppContext& ctx, const std::string& source, const std::filesystem::path& dst,
                 tgs::session::Format to, bool listed = false) {
    const auto& c = ctx.opts.convert;
    refuse_overwrite(dst, c.force);
    std::string src = source;
    std::error_code ec;  // a long session string is not a valid file name: no throw
    if (!listed && std::filesystem::exists(session_path(src), ec)) {
        src = session_path(src).string();
    }
    // A dangling link is a missing file (the library says so), not a session string on argv.
    if (!listed && !tgs::session::is_store_location(src) && !std::filesystem::exists(src, ec) &&
        !std::filesystem::is_symlink(src, ec)) {
        src = string_source(source, "convert");
    }

    std::optional<tgs::session::SealKey> src_key;
    if (std::filesystem::exists(src, ec) &&
        tgs::session::detect_file_format(src) == tgs::session::Format::Sealed) {
        src_key = ctx.seal_key();
    }
    auto opts = ctx.save_options();
    if (to == tgs::session::Format::Sealed) opts.seal_key = ctx.new_seal_key();
    tgs::session::SessionLock lock(dst, ctx.lock_wait());
    refuse_overwrite(dst, c.force);  // again: the lock's holder may have written DST meanwhile
    const auto res = tgs::session::convert(src, dst, to, src_key, opts);
    report_dropped(ctx, res.dropped, res.to);
    ctx.out.result({{"command", "convert"},
                    {"ok", true},
                    {"source", source},
                    {"destination", dst.string()},
                    {"from", std::string(tgs::session::format_name(res.from))},
                    {"to", std::string(tgs::session::format_name(res.to))},
                    {"dropped_fields", res.dropped}});
    ctx.out.text("Converted " + std::string(tgs::session::format_name(res.from)) + " → " +
                 std::string(tgs::session::format_name(res.to)) + ": " + dst.string());
}

}  // namespace

int run_convert(AppContext& ctx) {
    const auto& c = ctx.opts.convert;
    if (c.seal && c.unseal) throw UsageError("--seal and --unseal exclude each other");
    auto to = c.seal ? tgs::session::Format::Sealed : default_format(c.to);
    if (to == tgs::session::Format::Tdata) return convert_to_tdata(ctx);
    if (is_tdata_source(c.src)) return convert_from_tdata(ctx, to);
    // A password in a store URL is taken out before anything can print the location.
    const std::string src =
        tgs::session::is_store_location(c.src) ? session_path(c.src).string() : c.src;
    // A folder of session files into a store, or back: every session, under its own name.
    if (tgs::session::is_collection(src)) {
        const std::string dst = without_password(c.dst);
        // Made once the source is listed: a store that cannot be listed leaves nothing behind.
        bool made = false;
        auto make_dst = [&] {
            if (!made && !tgs::session::is_collection(dst))
                std::filesystem::create_directories(dst);
            made = true;
        };
        // The new files' passphrase is the run's, not a member's: asked once, up front. Asked
        // per member, a missing one refused (and a prompt asked again for) every member.
        if (to == tgs::session::Format::Sealed) ctx.new_seal_key();
        // A refused member is reported and the next one tried (convert_tally.hpp).
        ConvertTally tally(ctx.out);
        // A store is listed a page at a time: memory does not grow with its sessions.
        tgs::session::for_each_session_in(src, [&](const std::string& member) {
            make_dst();
            std::string target;
            try {
                target = tgs::session::session_in(dst, tgs::session::session_name(member));
                convert_one(ctx, member, target, to, true);
                tally.converted();
            } catch (const std::exception& e) {
                if (tally.refused(member, target, e)) return;
                tally.finish();
                throw;
            }
        });
        make_dst();  // an empty source still gives its (empty) destination
        return tally.finish();
    }
    // A string destination keeps the name as given; a file destination gets the path rule.
    const std::filesystem::path dst =
        tgs::session::is_string_format(to) ? std::filesystem::path(c.dst) : session_path(c.dst);
    convert_one(ctx, src, dst, to);
    return kExitOk;
}

int run_export(AppContext& ctx) {
    const auto& e = ctx.opts.export_;
    const auto path = session_path(e.session);
    const auto loaded = ctx.load(path);
    const auto to = parse_format_option(e.to);
    std::vector<std::string> dropped;
    const auto text = tgs::session::encode_string(loaded.data, to, &dropped);
    Redactor::global().add(text);  // the string is the account: never in a log line
    report_dropped(ctx, dropped, to);
    // The string alone goes to stdout (even with --json, which must never carry secrets), so
    // `S=$(tgsession export a --to telethon-string)` works.
    std::cout << text << '\n' << std::flush;
    return kExitOk;
}

int run_import(AppContext& ctx) {
    const auto& im = ctx.opts.import_;
    std::string text;
    std::error_code ec;  // a long session string is not a valid file name: no throw
    if (im.source != "-" && std::filesystem::is_regular_file(im.source, ec)) {
        std::ifstream in(im.source);
        std::stringstream buf;
        buf << in.rdbuf();
        text = buf.str();
    } else {
        text = string_source(im.source, "import");
    }
    text = trim(text);
    Redactor::global().add(text);
    const auto from = tgs::session::detect_string_format(text);
    const auto data = tgs::session::decode_string(text, from);
    const auto to = im.format ? parse_format_option(*im.format) : tgs::session::Format::Telethon;
    const auto dst = session_path(im.dst);
    refuse_overwrite(dst, im.force);
    tgs::session::SessionLock lock(dst, ctx.lock_wait());
    refuse_overwrite(dst, im.force);  // again: the lock's holder may have written DST meanwhile
    auto opts = ctx.save_options();
    opts.discard_other_rows = true;  // --force replaces the session whole, cache rows too
    const auto dropped = tgs::session::save(dst, data, to, opts);
    report_dropped(ctx, dropped, to);
    ctx.out.result({{"command", "import"},
                    {"ok", true},
                    {"destination", dst.string()},
                    {"from", std::string(tgs::session::format_name(from))},
                    {"to", std::string(tgs::session::format_name(to))},
                    {"dc_id", data.dc_id},
                    {"dropped_fields", dropped}});
    ctx.out.text("Imported a " + std::string(tgs::session::format_name(from)) + " into " +
                 dst.string());
    return kExitOk;
}

}  // namespace tgsession
