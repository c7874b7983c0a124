// Private to lib/session: libpq, loaded with dlopen on the first postgresql:// location.
// Linking it would load libpq's own dependency tree (Kerberos, LDAP, GnuTLS, p11-kit: ~25
// libraries) into every tgsession process, which cost ~6 ms of start-up for a one-file
// `status --offline` that never talks to PostgreSQL (issue 8). The types and constants still
// come from <libpq-fe.h>; only the calls go through this table.
#pragma once

#include <libpq-fe.h>

namespace tgs::session::detail {

struct Libpq {
    decltype(&::PQconnectdbParams) connectdb_params;
    decltype(&::PQstatus) status;
    decltype(&::PQerrorMessage) error_message;
    decltype(&::PQconnectionNeedsPassword) connection_needs_password;
    decltype(&::PQfinish) finish;
    decltype(&::PQsetNoticeProcessor) set_notice_processor;
    decltype(&::PQexec) exec;
    decltype(&::PQexecParams) exec_params;
    decltype(&::PQprepare) prepare;
    decltype(&::PQexecPrepared) exec_prepared;
    decltype(&::PQresultStatus) result_status;
    decltype(&::PQresultErrorMessage) result_error_message;
    decltype(&::PQclear) clear;
    decltype(&::PQntuples) ntuples;
    decltype(&::PQgetisnull) getisnull;
    decltype(&::PQgetvalue) getvalue;
};

/// The loaded library (once per process). Throws SESSION_STORE_UNAVAILABLE (exit 69) naming the
/// library when libpq.so.5 is not installed or lacks a function.
const Libpq& libpq();

}  // namespace tgs::session::detail
