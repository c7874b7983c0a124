#include "convert_tdata.hpp"

#include <set>

#include "convert_common.hpp"
#include "exit_codes.hpp"
#include "secret_source.hpp"
#include "session_path.hpp"
#include "tdata_source.hpp"
#include "tgs/crypto/rsa.hpp"
#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"
#include "tgs/session/location.hpp"
#include "tgs/session/lock.hpp"
#include "tgs/session/tdata.hpp"

namespace tgsession {
namespace {

namespace tdata = tgs::session::tdata;

/// The config stored in the folder: with --server-config / --dc, those DCs, and every
/// --rsa-key stored for each of their ids (the app takes a DC's stored keys before its
/// built-in ones); otherwise the app's own built-in Telegram addresses.
tdata::MtpConfig folder_config(const AppContext& ctx, const tgs::session::SessionData& d) {
    const auto servers = ctx.server_config();
    if (servers.dcs.empty()) return tdata::default_config(d.test_mode);
    tdata::MtpConfig c = tdata::default_config(d.test_mode);
    c.dc_options.clear();
    for (const auto& [id, ep] : servers.dcs) {
        const bool v6 = ep.host.find(':') != std::string::npos;
        c.dc_options.push_back({id, v6 ? tdata::kFlagIpv6 : 0, ep.host, ep.port, {}});
    }
    for (const auto& pem : servers.rsa_keys_pem) {
        const auto key = tgs::crypto::RsaPublicKey::from_pem(pem);
        for (const auto& [id, ep] : servers.dcs) {
            c.rsa_keys.push_back({id, key.n().to_bytes(), key.e().to_bytes()});
        }
    }
    return c;
}

std::string passcode(const AppContext& ctx) {
    if (!ctx.opts.global.passphrase_file) return {};
    SecretSpec spec;
    spec.what = "Telegram Desktop local passcode";
    spec.file = ctx.opts.global.passphrase_file;
    spec.file_flag = "--passphrase-file";
    return resolve_secret(spec, ctx.secrets).value;
}

}  // namespace

int convert_to_tdata(AppContext& ctx) {
    const auto& c = ctx.opts.convert;
    const auto loaded = ctx.load(session_path(c.src));
    const std::filesystem::path dst(c.dst);
    std::error_code ec;
    if (std::filesystem::exists(dst, ec)) {
        const bool empty_dir =
            std::filesystem::is_directory(dst, ec) && std::filesystem::is_empty(dst, ec);
        if (!empty_dir && !(c.force && tdata::is_tdata_folder(dst))) {
            throw tgs::Error(std::string(tgs::session::errc::write_failed),
                             dst.string() + (tdata::is_tdata_folder(dst)
                                                 ? " is a tdata folder already; use --force to "
                                                   "replace its accounts"
                                                 : " exists and is not an empty directory"));
        }
    }
    auto account = tdata::from_session(loaded.data, 0, folder_config(ctx, loaded.data));
    tdata::Folder folder;
    folder.accounts.push_back(std::move(account));
    tdata::write_folder(dst, folder, passcode(ctx));
    const auto dropped = tgs::session::dropped_fields(loaded.data, tgs::session::Format::Tdata);
    report_dropped(ctx, dropped, tgs::session::Format::Tdata);
    ctx.out.result({{"command", "convert"},
                    {"ok", true},
                    {"source", c.src},
                    {"destination", dst.string()},
                    {"from", std::string(tgs::session::format_name(loaded.format))},
                    {"to", "tdata"},
                    {"passcode", ctx.opts.global.passphrase_file.has_value()},
                    {"dropped_fields", dropped}});
    ctx.out.text("Converted " + std::string(tgs::session::format_name(loaded.format)) +
                 " → tdata: " + dst.string());
    return kExitOk;
}

int convert_from_tdata(AppContext& ctx, tgs::session::Format to) {
    const auto& c = ctx.opts.convert;
    if (tgs::session::is_string_format(to) || to == tgs::session::Format::Tdata) {
        throw UsageError("convert a tdata folder to a session file first, then use export");
    }
    const auto loaded = load_tdata(ctx, c.src, c.account);  // before DST is touched
    const auto dst = session_path(c.dst);
    refuse_overwrite(dst, c.force);
    auto opts = ctx.save_options();
    if (to == tgs::session::Format::Sealed) opts.seal_key = ctx.seal_key();
    tgs::session::SessionLock lock(dst, ctx.lock_wait());
    refuse_overwrite(dst, c.force);  // again: the lock's holder may have written DST meanwhile
    const auto dropped = tgs::session::save(dst, loaded.data, to, opts);
    report_dropped(ctx, dropped, to);
    ctx.out.result({{"command", "convert"},
                    {"ok", true},
                    {"source", c.src},
                    {"destination", dst.string()},
                    {"from", "tdata"},
                    {"to", std::string(tgs::session::format_name(to))},
                    {"dc_id", loaded.data.dc_id},
                    {"dropped_fields", dropped}});
    ctx.out.text("Converted tdata → " + std::string(tgs::session::format_name(to)) + ": " +
                 dst.string());
    return kExitOk;
}

}  // namespace tgsession
