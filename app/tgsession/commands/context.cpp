#include "context.hpp"

#include <spdlog/spdlog.h>

#include <fstream>
#include <sstream>

#include "api_credentials.hpp"
#include "errors.hpp"
#include "exit_codes.hpp"
#include "printable.hpp"
#include "redaction.hpp"
#include "salt_cache.hpp"
#include "server_config.hpp"
#include "tgs/crypto/secure.hpp"
#include "tgs/error.hpp"
#include "tgs/net/connection.hpp"
#include "tgs/session/format.hpp"

namespace tgsession {

tgs::auth::ClientConfig AppContext::client_config() const {
    const auto& g = opts.global;
    tgs::auth::ClientConfig c;
    const bool user_gave_hash =
        g.api_hash || g.api_hash_file || (secrets.getenv && secrets.getenv("TG_API_HASH"));
    const auto& built_in = built_in_credentials();
    if (use_built_in_credentials(built_in, g.api_id.has_value(), user_gave_hash)) {
        c.api_id = built_in.api_id;
        c.api_hash = unmask_api_hash(built_in);
    } else {
        if (!g.api_id || *g.api_id == 0) {
            throw UsageError(
                "missing API id: give --api-id, $TG_API_ID or api-id in the config file");
        }
        c.api_id = *g.api_id;
        SecretSpec hash;
        hash.what = "API hash";
        hash.value = g.api_hash;
        hash.value_flag = "--api-hash";
        hash.file = g.api_hash_file;
        hash.file_flag = "--api-hash-file";
        hash.env_var = "TG_API_HASH";
        hash.prompt = "API hash: ";
        c.api_hash = resolve_secret(hash, secrets).value;
    }

    const auto servers = server_config();
    c.dcs = servers.dcs;
    c.rsa_keys_pem = servers.rsa_keys_pem;
    c.test_servers = g.test;
    c.prefer_ipv6 = g.ipv6;
    c.timeout = std::chrono::milliseconds(static_cast<std::int64_t>(g.timeout * 1000));
    c.transport = g.transport;
    c.on_note = [&out = out](const std::string& line) { out.note(printable(line)); };
    if (g.proxy && !g.proxy->empty()) c.proxy = checked_proxy(*g.proxy, c.transport);
    return c;
}

ServerConfig AppContext::server_config() const {
    const auto& g = opts.global;
    ServerConfig servers;
    if (g.server_config) {
        std::ifstream in(*g.server_config);
        if (!in) {
            throw tgs::Error(errc::server_config_missing, "cannot read " + *g.server_config);
        }
        std::stringstream buf;
        buf << in.rdbuf();
        servers = parse_server_config_json(buf.str());
    }
    return merge_server_config(std::move(servers), g.dcs, g.rsa_keys);
}

std::string checked_proxy(const std::string& url, const std::string& transport) {
    // Register the credentials before parsing, so not even a parse error can show them.
    Redactor::global().add(url);
    tgs::net::ConnectionOptions route;
    route.proxy = tgs::transport::parse_proxy_url(url);
    Redactor::global().add(route.proxy->password);
    if (route.proxy->secret) {
        const auto& key = route.proxy->secret->key;
        Redactor::global().add(tgs::to_hex(tgs::ByteView(key.data(), key.size())));
    }
    route.transport = tgs::net::parse_transport(transport);
    spdlog::info("transport: {}", tgs::net::describe_route(route));
    return url;
}

bool AppContext::spinner_enabled() const {
    return stderr_is_tty() && !out.quiet() && !out.json();
}

std::chrono::milliseconds AppContext::lock_wait() const {
    return std::chrono::milliseconds(static_cast<std::int64_t>(opts.global.wait * 1000));
}

namespace {
SecretSpec passphrase_spec(const GlobalOptions& g) {
    SecretSpec spec;
    spec.what = "session passphrase";
    spec.file = g.passphrase_file;
    spec.file_flag = "--passphrase-file";
    spec.env_var = "TGSESSION_PASSPHRASE";
    spec.prompt = "Session passphrase: ";
    return spec;
}

tgs::session::SealKey read_seal_key(const GlobalOptions& g, const SecretEnvironment& secrets,
                                    SealKeyCache& cache, bool confirm) {
    std::lock_guard lock(cache.mutex);
    if (cache.key) return *cache.key;
    const auto spec = passphrase_spec(g);
    auto pass = resolve_secret(spec, secrets);
    if (confirm && pass.origin == SecretOrigin::Prompt) {
        auto again = spec;
        again.prompt = "Repeat the passphrase: ";
        auto second = resolve_secret(again, secrets);
        const bool same = tgs::crypto::constant_time_equal(tgs::as_bytes(second.value),
                                                           tgs::as_bytes(pass.value));
        wipe(second.value);
        if (!same) {
            wipe(pass.value);
            throw UsageError("the two passphrases differ; nothing was written");
        }
    }
    cache.key = tgs::session::SealKey::passphrase(pass.value);
    wipe(pass.value);
    return *cache.key;
}
}  // namespace

tgs::session::SealKey AppContext::seal_key() const {
    return read_seal_key(opts.global, secrets, *seal_cache, false);
}

tgs::session::SealKey AppContext::new_seal_key() const {
    return read_seal_key(opts.global, secrets, *seal_cache, true);
}

tgs::session::SaveOptions AppContext::save_options() const {
    tgs::session::SaveOptions o;
    o.on_backup = [&out = out](const std::filesystem::path& bak) {
        out.note("note: the previous file is kept as " + bak.string());
    };
    return o;
}

tgs::session::LoadedSession AppContext::load(const std::filesystem::path& path) const {
    if (tgs::session::detect_file_format(path) == tgs::session::Format::Sealed) {
        return tgs::session::open_read_only(path, seal_key());
    }
    return tgs::session::open_read_only(path);
}

tgs::session::Format parse_format_option(const std::string& name) {
    auto f = tgs::session::parse_format(name);
    if (!f) throw UsageError("unknown session format '" + name + "'");
    return *f;
}

std::string auth_key_id_hex(const tgs::session::AuthKeyBytes& key) {
    const tgs::crypto::AuthKey k(key.view());
    const auto id = k.id_bytes();
    return tgs::to_hex(tgs::ByteView(id.data(), id.size()));
}

namespace {
std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}
}  // namespace

tgs::auth::ClientConfig with_cached_salt(tgs::auth::ClientConfig config,
                                         const tgs::session::SessionData& data) {
    if (data.auth_key && !data.auth_key->all_zero()) {
        config.server_salt = default_salt_cache().load(auth_key_id_hex(*data.auth_key), unix_now());
    }
    return config;
}

void remember_salt(tgs::auth::Client& client) {
    remember_salt(client.session(), client.server_salt());
    write_remembered_salts();
}

void write_remembered_salts() {
    default_salt_cache().flush(unix_now());
}

void remember_salt(const tgs::session::SessionData& data, std::int64_t salt,
                   std::optional<std::int64_t> cached) {
    if (!data.auth_key || data.auth_key->all_zero() || salt == 0 || cached == salt) return;
    default_salt_cache().save(auth_key_id_hex(*data.auth_key), salt, unix_now());
}

std::string describe_user(const tgs::auth::User& u) {
    // Names are the account's own text (or a forged server's): printable() only.
    std::string s = printable(u.first_name);
    if (!u.last_name.empty()) s += " " + printable(u.last_name);
    if (!u.username.empty()) s += " (@" + printable(u.username) + ")";
    s += ", id " + std::to_string(u.id);
    if (u.bot) s += ", bot";
    return s;
}

}  // namespace tgsession
