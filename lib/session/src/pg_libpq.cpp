#include "pg_libpq.hpp"

#include <dlfcn.h>

#include <string>

#include "internal.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session::detail {
namespace {

// The soname of libpq 10 and later (Debian's libpq5).
constexpr const char* kLibpq = "libpq.so.5";

template <typename F>
void resolve(void* handle, F& slot, const char* name) {
    void* sym = ::dlsym(handle, name);
    if (sym == nullptr) {
        fail(errc::store_unavailable, std::string(kLibpq) + " has no " + name +
                                          ": the PostgreSQL client library is too old");
    }
    slot = reinterpret_cast<F>(sym);
}

Libpq load() {
    // RTLD_LOCAL: libpq's symbols (and its dependencies') stay out of the global namespace.
    void* h = ::dlopen(kLibpq, RTLD_NOW | RTLD_LOCAL);
    if (h == nullptr) {
        const char* why = ::dlerror();
        fail(errc::store_unavailable,
             std::string("postgresql:// locations need the PostgreSQL client library (Debian: "
                         "libpq5): ") +
                 (why ? why : kLibpq));
    }
    Libpq l{};
    resolve(h, l.connectdb_params, "PQconnectdbParams");
    resolve(h, l.status, "PQstatus");
    resolve(h, l.error_message, "PQerrorMessage");
    resolve(h, l.connection_needs_password, "PQconnectionNeedsPassword");
    resolve(h, l.finish, "PQfinish");
    resolve(h, l.set_notice_processor, "PQsetNoticeProcessor");
    resolve(h, l.exec, "PQexec");
    resolve(h, l.exec_params, "PQexecParams");
    resolve(h, l.prepare, "PQprepare");
    resolve(h, l.exec_prepared, "PQexecPrepared");
    resolve(h, l.result_status, "PQresultStatus");
    resolve(h, l.result_error_message, "PQresultErrorMessage");
    resolve(h, l.clear, "PQclear");
    resolve(h, l.ntuples, "PQntuples");
    resolve(h, l.getisnull, "PQgetisnull");
    resolve(h, l.getvalue, "PQgetvalue");
    return l;  // the handle stays open for the life of the process
}

}  // namespace

const Libpq& libpq() {
    // A failed load throws out of the initialiser, so the next call tries again.
    static const Libpq l = load();
    return l;
}

}  // namespace tgs::session::detail
