#include "tgs/session/store.hpp"

#include <SQLiteCpp/Transaction.h>
#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>

#include "internal.hpp"
#include "pg_api.hpp"
#include "sqlite_image.hpp"
#include "tgs/atomic_file.hpp"
#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"
#include "tgs/session/strings.hpp"

namespace tgs::session {
using detail::fail;

namespace {
SessionData read_rows(SQLite::Database& db, Format f) {
    switch (f) {
        case Format::Telethon:
            return detail::read_telethon_v1(db);
        case Format::Telethon2:
            return detail::read_telethon_v2(db);
        case Format::Pyrogram:
            return detail::read_pyrogram(db, false);
        case Format::Kurigram:
            return detail::read_pyrogram(db, true);
        default:
            break;
    }
    fail(errc::corrupt, "not a SQLite format");
}

void write_rows(SQLite::Database& db, const SessionData& d, Format f, bool fresh) {
    switch (f) {
        case Format::Telethon:
            detail::write_telethon_v1(db, d, fresh);
            return;
        case Format::Telethon2:
            detail::write_telethon_v2(db, d, fresh);
            return;
        case Format::Pyrogram:
            detail::write_pyrogram(db, d, fresh);
            return;
        default:
            fail(errc::format_read_only,
                 std::string(format_name(f)) + " is not a writable SQLite format");
    }
}

// Writes a complete SQLite file on a private temp copy, then swaps it in.
void save_sqlite(const std::filesystem::path& path, const SessionData& d, Format f,
                 bool reuse_existing) {
    tgs::AtomicFile tmp(path, std::string(errc::write_failed));
    if (reuse_existing) tmp.write_all(detail::read_file(path));
    try {
        SQLite::Database db = detail::open_sqlite_read_write(tmp.path());
        // The copy is private until tmp.commit() fsyncs and renames it, so SQLite's own
        // durability (a -journal file beside it and four fdatasyncs per save) buys nothing:
        // a crash before the rename leaves the old file, after it the complete new one. The
        // journal stays in memory so a failed write still rolls back. A WAL file keeps its mode
        // (journal_mode is stored in its header); only its syncs are skipped.
        db.exec("pragma synchronous = off");
        if (db.execAndGet("pragma journal_mode").getString() != "wal")
            db.exec("pragma journal_mode = memory");
        SQLite::Transaction tx(db);
        write_rows(db, d, f, !reuse_existing);
        tx.commit();
    } catch (const SQLite::Exception& e) {
        fail(errc::write_failed, path.string() + ": SQLite write failed: " + e.what());
    }
    tmp.commit();
}

// Files up to this size are read whole by the probe (a new Telethon file is 28 KiB).
constexpr std::size_t kImageLimit = 64 * 1024;

bool same_location(const std::string& src, const std::filesystem::path& dst) {
    if (detail::is_store_url(src) || detail::is_store_url(dst.native())) return src == dst.native();
    std::error_code ec;
    return std::filesystem::equivalent(src, dst, ec) ||
           std::filesystem::equivalent(session_path(src), dst, ec);
}

bool is_default_endpoint(const SessionData& d) {
    try {
        const Endpoint ep = default_endpoint(d.dc_id, d.test_mode);
        return ep.host == d.server_address && ep.port == d.port;
    } catch (const Error&) {
        return false;
    }
}
}  // namespace

LoadedSession open_read_only(const std::filesystem::path& path,
                             const std::optional<SealKey>& seal_key, FileIdentity* identity) {
    if (detail::is_store_url(path.native())) return detail::store_read(path.native());
    // One descriptor and one read for a small file: a fleet check reads thousands of files,
    // and the snapshot never waits for (or blocks) a writer. Checked before the read: a writer
    // that starts later leaves the bytes read before it began, or a torn image that the
    // image reader refuses and SQLite (which looks for the journal again) sorts out.
    const bool quiet = detail::no_writer_beside(path);
    const auto probe = detail::probe_file(path, kImageLimit, identity);
    LoadedSession out;
    out.file_mode = probe.mode;
    if (auto f = detail::format_from_head(path, probe)) {
        out.format = *f;
        if (*f == Format::Sealed) {
            if (!seal_key)
                fail(errc::seal_key_required,
                     path.string() + " is sealed: a passphrase or key file is needed");
            const bool whole = probe.head.size() == probe.size;
            out.data = unseal(whole ? probe.head : detail::read_file(path), *seal_key);
        } else {
            out.data =
                decode_string(std::string_view(reinterpret_cast<const char*>(probe.head.data()),
                                               probe.head.size()),
                              *f);
        }
        return out;
    }
    if (quiet && probe.head.size() == probe.size) {
        if (auto d = detail::read_telethon_v1_image(probe.head)) {
            out.format = Format::Telethon;
            out.data = std::move(*d);
            return out;
        }
    }
    try {
        auto db = detail::open_sqlite_read_only(path, detail::SqliteRead::Snapshot);
        try {
            out.format = detail::classify_sqlite(db);
            out.data = read_rows(db, out.format);
        } catch (const Error&) {
            // Damaged pages can pass for another schema or version; the integrity check tells,
            // and runs only on this failure path (it reads every page).
            detail::fail_if_damaged(db, path);
            throw;
        }
    } catch (const SQLite::Exception& e) {
        detail::fail_sqlite(path, e);
    }
    return out;
}

std::vector<std::string> dropped_fields(const SessionData& d, Format f) {
    std::vector<std::string> out;
    auto drop_if = [&](bool cond, const char* name) {
        if (cond) out.emplace_back(name);
    };
    const bool strings = is_string_format(f);
    const bool has_user = d.user.has_value();
    const SelfUser u = d.user.value_or(SelfUser{});
    switch (f) {
        case Format::Sealed:
            return out;
        case Format::TelethonSqlalchemy:
            drop_if(d.takeout_id.has_value(), "takeout_id");
            [[fallthrough]];  // the rest as in Telethon's own file
        case Format::Telethon:
            drop_if(has_user && !u.access_hash,
                    "user (Telethon v1 keeps only users with an access_hash)");
            drop_if(has_user && u.access_hash && !u.last_name.empty(),
                    "user.last_name (merged into the display name)");
            drop_if(has_user && u.bot.value_or(false), "user.bot (that the account is a bot)");
            drop_if(d.api_id.has_value(), "api_id");
            drop_if(d.test_mode, "test_mode");
            drop_if(!d.other_dcs.empty(), "other_dcs");
            return out;
        case Format::Telethon2:
            drop_if(d.takeout_id.has_value(), "takeout_id");
            drop_if(has_user && u.access_hash.has_value(), "user.access_hash");
            drop_if(has_user && !u.phone.empty(), "user.phone");
            drop_if(has_user && (!u.first_name.empty() || !u.last_name.empty()), "user.name");
            drop_if(d.api_id.has_value(), "api_id");
            drop_if(d.test_mode, "test_mode");
            return out;
        case Format::Pyrogram:
        case Format::PyrogramString:
            drop_if(!d.server_address.empty() && !is_default_endpoint(d),
                    "server_address/port (not the DC's default)");
            drop_if(d.takeout_id.has_value(), "takeout_id");
            drop_if(has_user && f == Format::Pyrogram && !u.access_hash,
                    "user.username/phone (no access_hash)");
            drop_if(has_user && (f == Format::PyrogramString || !u.access_hash) &&
                        (u.access_hash || !u.username.empty() || !u.phone.empty()),
                    "user.access_hash/username/phone");
            drop_if(has_user && (!u.first_name.empty() || !u.last_name.empty()), "user.name");
            drop_if(d.state.has_value(), "state");
            drop_if(!d.other_dcs.empty(), "other_dcs");
            return out;
        case Format::Tdata:  // the authorization keeps the user id, DC ids and keys only
            drop_if(has_user && (u.access_hash || !u.username.empty() || !u.phone.empty() ||
                                 !u.first_name.empty() || !u.last_name.empty()),
                    "user (all but its id)");
            drop_if(d.takeout_id.has_value(), "takeout_id");
            drop_if(d.state.has_value(), "state");
            drop_if(d.api_id.has_value(), "api_id");
            return out;
        default:
            break;
    }
    if (strings) {
        drop_if(d.takeout_id.has_value(), "takeout_id");
        drop_if(has_user, "user");
        drop_if(d.state.has_value(), "state");
        drop_if(d.api_id.has_value(), "api_id");
        drop_if(d.test_mode, "test_mode");
        drop_if(!d.other_dcs.empty(), "other_dcs");
    }
    return out;
}

std::vector<std::string> save(const std::filesystem::path& path, const SessionData& d, Format f,
                              const SaveOptions& opts) {
    if (detail::is_store_url(path.native()))
        return detail::store_save(path.native(), d, f, opts.discard_other_rows);
    if (!is_writable_format(f))
        fail(errc::format_read_only, std::string(format_name(f)) + " is read-only");
    if (f == Format::Sealed && !opts.seal_key)
        fail(errc::seal_key_required, "sealing needs a passphrase or key file");
    // Never replace what we can't parse: detection errors other than "missing"/"empty" stop here.
    // A new file (every login) is seen with one stat, not with an exception: the first throw in
    // a process costs the unwinder's set-up and ~0.5 MiB of .eh_frame mapped into memory.
    std::optional<Format> existing;
    std::error_code stat_error;  // anything but "no such file": detection says what it is
    if (std::filesystem::exists(path, stat_error) || stat_error) {
        try {
            existing = detect_file_format(path);
        } catch (const Error& e) {
            if (e.code() != errc::not_found && e.code() != errc::empty) throw;
        }
    }
    std::vector<std::string> dropped = dropped_fields(d, f);
    // Sealing is asked for to get the key out of plaintext: a backup of the plain file would
    // undo that silently. Backing up a sealed file (when unsealing) keeps it sealed.
    const bool plaintext_backup_of_sealing = f == Format::Sealed && existing != Format::Sealed;
    if (existing && *existing != f && opts.backup_on_format_change &&
        !plaintext_backup_of_sealing) {
        auto bak = path;
        bak += ".bak";
        tgs::write_file_atomically(bak, detail::read_file(path), std::string(errc::write_failed));
        if (opts.on_backup) opts.on_backup(bak);
    }
    if (is_sqlite_format(f)) {
        save_sqlite(path, d, f, existing == f && !opts.discard_other_rows);
    } else if (f == Format::Sealed) {
        tgs::write_file_atomically(path, seal(d, *opts.seal_key), std::string(errc::write_failed));
    } else {
        std::string text = encode_string(d, f) + "\n";
        tgs::write_file_atomically(path, as_bytes(text), std::string(errc::write_failed));
        sodium_memzero(text.data(), text.size());
    }
    return dropped;
}

ConvertResult convert(const std::string& src, const std::filesystem::path& dst, Format to,
                      const std::optional<SealKey>& src_key, const SaveOptions& dst_opts) {
    std::optional<LoadedSession> loaded;
    std::error_code ec;
    if (detail::is_store_url(src) || std::filesystem::exists(src, ec)) {
        loaded = open_read_only(src, src_key);
    } else if (std::filesystem::exists(session_path(src), ec)) {
        loaded = open_read_only(session_path(src), src_key);
    } else if (std::filesystem::is_symlink(src, ec)) {
        // Named or listed, a link to nothing is a missing file, not text to decode.
        fail(errc::not_found, src + " is a symbolic link to a missing file");
    } else {
        try {
            const Format f = detect_string_format(src);
            loaded = LoadedSession{decode_string(src, f), f};
        } catch (const Error&) {
            fail(errc::not_found, "no session file at " + session_path(src).string() +
                                      " and the argument is not a session string");
        }
    }
    // The destination becomes the source's session whole: rows of what it held before (another
    // account's entity cache, other DCs' rows) would sit beside the new self user. Converting a
    // session onto itself keeps them.
    SaveOptions opts = dst_opts;
    if (!same_location(src, dst)) opts.discard_other_rows = true;
    ConvertResult r{loaded->format, to, {}};
    r.dropped = save(dst, loaded->data, to, opts);
    return r;
}

bool readable_by_others(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return false;
    return (st.st_mode & (S_IRGRP | S_IROTH)) != 0;
}

}  // namespace tgs::session
