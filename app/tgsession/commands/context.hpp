// Everything a command needs from the global options: output, the client configuration built
// from --api-id/--dc/--server-config/..., the interactive flag, and session-file helpers.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "cli_options.hpp"
#include "output.hpp"
#include "secret_source.hpp"
#include "server_config.hpp"
#include "terminal.hpp"
#include "tgs/auth/client.hpp"
#include "tgs/session/sealed.hpp"
#include "tgs/session/store.hpp"

namespace tgsession {

/// The seal key once read: one passphrase serves every file of a run (stdin is read once, and
/// parallel `status` workers do not prompt at the same time).
struct SealKeyCache {
    std::mutex mutex;
    std::optional<tgs::session::SealKey> key;
};

struct AppContext {
    Options& opts;
    Output& out;
    bool interactive = false;  // stdin and stderr are terminals
    SecretEnvironment secrets;
    std::shared_ptr<SealKeyCache> seal_cache = std::make_shared<SealKeyCache>();

    /// Client settings; resolves the API id and hash (usage error if missing).
    tgs::auth::ClientConfig client_config() const;
    /// The DCs and RSA keys named by --server-config, --dc and --rsa-key (empty when none).
    ServerConfig server_config() const;
    /// A spinner when on a TTY, not quiet and not --json.
    bool spinner_enabled() const;
    std::chrono::milliseconds lock_wait() const;

    /// Loads a session for reading; asks for the seal passphrase only for sealed files.
    tgs::session::LoadedSession load(const std::filesystem::path& path) const;
    /// Save options whose backups (made on a format change) are announced with their path.
    tgs::session::SaveOptions save_options() const;
    /// The seal key from --passphrase-file / $TGSESSION_PASSPHRASE / prompt, read once per run.
    tgs::session::SealKey seal_key() const;
    /// The key for sealing a new file: like seal_key(), but a prompted passphrase is asked twice
    /// (a typo would lock the account out of its own file).
    tgs::session::SealKey new_seal_key() const;
};

/// Maps a --format/--to name to the session library's enum (usage error if unknown).
tgs::session::Format parse_format_option(const std::string& name);

/// Hex of the 8-byte auth key id (not secret: it is sent in clear with every message).
std::string auth_key_id_hex(const tgs::session::AuthKeyBytes& key);

/// Validates a --proxy / $TGSESSION_PROXY / config-file proxy URL (PROXY_BAD_URL,
/// TRANSPORT_BAD_PROXY_SECRET), registers its credentials with the log redactor and says with
/// -v which proxy and transport will be used. Returns the URL for ClientConfig::proxy.
std::string checked_proxy(const std::string& url, const std::string& transport);

/// `config` with the cached server salt of `data`'s key, if one is fresh.
tgs::auth::ClientConfig with_cached_salt(tgs::auth::ClientConfig config,
                                         const tgs::session::SessionData& data);
/// Remembers the client's current salt for its key (ignored when unknown) and writes the cache.
void remember_salt(tgs::auth::Client& client);
/// Remembers `salt` for `data`'s key unless it is unknown (0) or the one already cached; the
/// cache is written by write_remembered_salts() (once for a whole fleet, not per key).
void remember_salt(const tgs::session::SessionData& data, std::int64_t salt,
                   std::optional<std::int64_t> cached = std::nullopt);
void write_remembered_salts();

/// "Ann Lee (@ann), id 42" for messages.
std::string describe_user(const tgs::auth::User& u);

}  // namespace tgsession
