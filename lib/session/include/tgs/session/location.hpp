// Where sessions live, independent of the kind of store: a file path, or a PostgreSQL URL
// (postgresql://[user@]host[:port]/db?session=NAME[&table_prefix=P], the tables of
// telethon-session-sqlalchemy; docs/postgres-store.md). The functions of store.hpp and
// SessionLock take either; callers need not know which one they hold.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tgs::session {

/// A non-empty session is there (a file with bytes in it; a session's rows in the store).
/// Throws for a store that cannot be reached (SESSION_STORE_*).
bool session_exists(const std::filesystem::path& location);

/// Deletes the session: the file, or every row of the session in one transaction (under its
/// lease, so a session another process holds is refused with SESSION_LOCKED).
void remove_session(const std::filesystem::path& location);

/// True for a directory or a store URL without session= (which need not hold tables yet).
bool is_collection(const std::string& location);

/// A collection of sessions: a directory (its *.session names directly inside, all but
/// folders: a dangling link is listed, for its reader to report) or a store URL without
/// session=. Returns the sessions' locations, sorted; nullopt when `location` is not a
/// collection. A directory that cannot be listed throws RESOURCE_* (out of descriptors or
/// memory) or SESSION_UNREADABLE, never passes for an empty one. A store without tables throws
/// SESSION_NOT_FOUND (naming the database and table prefix looked for): a mistyped table_prefix=
/// must not pass for an empty store.
std::optional<std::vector<std::string>> sessions_in(const std::string& location);

/// The same sessions one at a time, in the same order, holding at most a page of them (a store
/// is listed 128 names per query in one snapshot; a folder is listed whole, as sessions_in
/// does): for going through a store of any size. False when `location` is not a collection.
bool for_each_session_in(const std::string& location,
                         const std::function<void(const std::string&)>& visit);

/// The location of session `name` inside `collection` ("DIR/NAME.session"; the URL with
/// session=NAME). A name that is no file name ('/' in it, or empty) cannot be in a directory:
/// SESSION_WRITE_FAILED, never a path outside it.
std::string session_in(const std::string& collection, const std::string& name);

/// The name a session has inside its collection (a file's stem; the session id).
std::string session_name(const std::string& location);

/// True for a store URL. Only for code that must say what it is talking to (docs, messages);
/// everything else works on locations of either kind.
bool is_store_location(std::string_view location);

}  // namespace tgs::session
