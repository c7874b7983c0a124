// libpq connections of the PostgreSQL store: one per database per process, opened on first use
// and shared (a lease lives on it). Errors never carry the password: libpq's messages don't,
// and the locations we print have it removed.
#include <unistd.h>

#include <charconv>
#include <map>

#include "internal.hpp"
#include "pg_store.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session::detail {
namespace {

std::string trimmed(const char* msg) {
    std::string s = msg ? msg : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

std::string application_name() {
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
    // The shape other holders can recognise in pg_stat_activity (docs/postgres-store.md).
    return "tgsession PID " + std::to_string(::getpid()) +
           (host[0] ? " on " + std::string(host) : "");
}

std::mutex g_cache_mutex;
std::map<std::string, std::shared_ptr<PgConn>>& cache() {
    static std::map<std::string, std::shared_ptr<PgConn>> m;
    return m;
}

}  // namespace

std::int64_t PgResult::i64(int row, int col) const {
    const char* v = libpq().getvalue(r_, row, col);
    std::int64_t out = 0;
    std::from_chars(v, v + std::char_traits<char>::length(v), out);
    return out;
}

PgConn::PgConn(const StoreUrl& url) {
    const auto server_end = url.display.find('?');
    display = url.display.substr(0, server_end);
    const std::string app = application_name();
    const auto password = remembered_password(url.conninfo);
    // expand_dbname: the URI carries host, port, user, dbname and any libpq parameters; a
    // keyword before it is a default the URI may override (connect_timeout=), one after it
    // overrides the URI. Without a password here libpq uses $PGPASSWORD or ~/.pgpass.
    const char* keys[] = {"connect_timeout", "dbname", "fallback_application_name",
                          password ? "password" : nullptr, nullptr};
    const char* values[] = {"10", url.conninfo.c_str(), app.c_str(),
                            password ? password->c_str() : nullptr, nullptr};
    c_ = libpq().connectdb_params(keys, values, 1);
    if (c_ == nullptr) fail(errc::store_unavailable, display + ": out of memory connecting");
    if (libpq().status(c_) != CONNECTION_OK) {
        const std::string msg = trimmed(libpq().error_message(c_));
        const bool auth = libpq().connection_needs_password(c_) ||
                          msg.find("password authentication failed") != std::string::npos;
        libpq().finish(c_);
        c_ = nullptr;
        fail(auth ? errc::store_auth_failed : errc::store_unavailable,
             "cannot connect to the session store " + display + ": " + msg);
    }
    // Messages at NOTICE level ("relation exists, skipping") would go to stderr by default.
    libpq().set_notice_processor(
        c_, [](void*, const char*) {}, nullptr);
}

PgConn::~PgConn() {
    if (c_) libpq().finish(c_);
}

PgResult PgConn::exec(const std::string& sql,
                      const std::vector<std::optional<std::string>>& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    return checked(PgResult(libpq().exec_params(c_, sql.c_str(), static_cast<int>(values.size()),
                                                nullptr, values.data(), nullptr, nullptr, 0)));
}

PgResult PgConn::exec_prepared(const std::string& name, const std::string& sql,
                               const std::vector<std::optional<std::string>>& params) {
    if (!prepared.count(name)) {
        checked(PgResult(libpq().prepare(c_, name.c_str(), sql.c_str(),
                                         static_cast<int>(params.size()), nullptr)));
        prepared.insert(name);
    }
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    return checked(PgResult(libpq().exec_prepared(c_, name.c_str(), static_cast<int>(values.size()),
                                                  values.data(), nullptr, nullptr, 0)));
}

PgResult PgConn::checked(PgResult r) {
    const auto status = r.get() ? libpq().result_status(r.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return r;
    const std::string msg =
        trimmed(r.get() ? libpq().result_error_message(r.get()) : libpq().error_message(c_));
    if (libpq().status(c_) != CONNECTION_OK) {
        fail(errc::store_unavailable,
             "lost the connection to the session store " + display + ": " + msg);
    }
    fail(errc::store_error, "session store " + display + ": " + msg);
}

std::string PgConn::bytea(ByteView b) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "\\x";
    out.reserve(2 + b.size() * 2);
    for (const auto byte : b) {
        out += kHex[byte >> 4];
        out += kHex[byte & 15];
    }
    return out;
}

bool PgConn::healthy() const {
    return c_ != nullptr && libpq().status(c_) == CONNECTION_OK;
}

void PgConn::rollback() noexcept {
    if (c_ == nullptr) return;
    PGresult* r = libpq().exec(c_, "ROLLBACK");
    if (r) libpq().clear(r);
}

std::shared_ptr<PgConn> store_connection(const StoreUrl& url) {
    const std::lock_guard lock(g_cache_mutex);
    auto& slot = cache()[url.conninfo];
    // A broken connection (server restarted) is replaced; a lease on it is already gone.
    if (!slot || !slot->healthy()) slot = std::make_shared<PgConn>(url);
    return slot;
}

}  // namespace tgs::session::detail
