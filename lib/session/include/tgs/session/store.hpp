// Reading, writing and converting sessions; every `path` may also be a store location
// (location.hpp), written in one transaction. Every write is atomic (temp file + fsync +
// rename + directory fsync), creates files 0600, and refuses to replace a file it can't parse.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tgs/session/format.hpp"
#include "tgs/session/sealed.hpp"
#include "tgs/session/session_data.hpp"

namespace tgs::session {

struct LoadedSession {
    SessionData data;
    Format format = Format::Telethon;
    unsigned file_mode = 0;  // st_mode of the file as read (for the "readable by others" note)
};

/// Which file a name led to (st_dev, st_ino): a symbolic or hard link to a file gives the same
/// as the file's own name. With its last change (st_ctime, ns): a file replaced meanwhile whose
/// inode number went to another file (a fleet's sessions are rewritten by rename) is not taken
/// for it. All 0 when unknown.
struct FileIdentity {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    std::int64_t changed_ns = 0;
    bool known() const { return device != 0 || inode != 0; }
    bool operator==(const FileIdentity&) const = default;
};

/// Reads a session file of any supported format without writing anything: one SQLite open and
/// one read, as an immutable snapshot that takes no lock and never waits for a writer (when a
/// writer is mid-transaction, a shared lock that fails at once with SESSION_BUSY). `seal_key`
/// is needed only for sealed files (SESSION_SEAL_KEY_REQUIRED otherwise). Errors that are not
/// about the bytes get their own codes: SESSION_NOT_FOUND, SESSION_UNREADABLE, RESOURCE_*
/// (tgs/resource_error.hpp). The path is used as given (apply session_path first).
/// `identity`, if given, is set from the descriptor as soon as the file is open, so it is
/// known for a file that then fails to read as well (not for one that cannot be opened).
LoadedSession open_read_only(const std::filesystem::path& path,
                             const std::optional<SealKey>& seal_key = std::nullopt,
                             FileIdentity* identity = nullptr);

struct SaveOptions {
    std::optional<SealKey> seal_key;  // required for Format::Sealed
    /// When replacing a file of another format, first copy it to "<path>.bak" (0600). Never
    /// when sealing a plain file: the backup would keep the auth key in plaintext beside it.
    bool backup_on_format_change = true;
    /// Write the session from scratch: rows the model doesn't cover (another account's entity
    /// cache) are dropped too. Still atomic: the old session or the new one, never neither.
    bool discard_other_rows = false;
    /// Called with the backup's path whenever one is written (the CLI says where it is).
    std::function<void(const std::filesystem::path&)> on_backup;
};

/// Writes `d` to `path` in `format`. If `path` already holds a session in the same SQLite format
/// it is updated on a copy (rows the model doesn't cover, e.g. other entities, survive). An
/// existing file that isn't a session (corrupt, foreign, unsupported version) is left untouched
/// and the error is thrown; an empty file is replaced. Returns the fields `format` cannot hold.
/// Throws SESSION_WRITE_FAILED (exit 73) on I/O errors. Does not lock: hold a SessionLock.
std::vector<std::string> save(const std::filesystem::path& path, const SessionData& d,
                              Format format, const SaveOptions& opts = {});

/// Fields of `d` that `format` can't represent (what save/encode_string would drop).
std::vector<std::string> dropped_fields(const SessionData& d, Format format);

struct ConvertResult {
    Format from;
    Format to;
    std::vector<std::string> dropped;
};

/// Reads `src` (a file, or a session string if `src` isn't an existing file and parses as one)
/// and writes `dst` in `to` (string formats are written as one line of text to the file).
/// An existing `dst` is replaced whole (SaveOptions::discard_other_rows), unless it is `src`.
ConvertResult convert(const std::string& src, const std::filesystem::path& dst, Format to,
                      const std::optional<SealKey>& src_key = std::nullopt,
                      const SaveOptions& dst_opts = {});

/// True when group or others may read the file (the CLI warns: it holds an auth key).
bool readable_by_others(const std::filesystem::path& path);

}  // namespace tgs::session
