// Private to lib/session: what the location-generic functions call for a postgresql:// location.
// Only pg_*.cpp include libpq; everything else sees these.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tgs/session/store.hpp"

namespace tgs::session::detail {

bool is_store_url(std::string_view location);
/// The location without a password written in the URL; the password is kept in this process's
/// memory for connecting, so the returned location can be printed, logged and kept.
std::string strip_store_password(std::string_view location);

LoadedSession store_read(const std::string& location);
std::vector<std::string> store_save(const std::string& location, const SessionData& d, Format f,
                                    bool discard_other_rows);
bool store_exists(const std::string& location);
void store_remove(const std::string& location);
bool is_store_collection(const std::string& location);
std::optional<std::vector<std::string>> store_sessions(const std::string& location);
std::string store_session_in(const std::string& collection, const std::string& name);
std::string store_session_name(const std::string& location);

struct StoreLease;
/// Holds the session's lease, waiting up to `wait`; SESSION_LOCKED names the holder.
std::unique_ptr<StoreLease> acquire_store_lease(const std::string& location,
                                                std::chrono::milliseconds wait);

}  // namespace tgs::session::detail
