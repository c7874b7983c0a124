// The sessions of a whole store (a URL without session=), listed for BatchReader a page at a
// time instead of all at once: one snapshot (a read-only repeatable-read transaction on a
// connection of the listing's own) gives their number up front and every page after it, so the
// count and the pages agree however the store changes meanwhile. Pages go by name (keyset: the
// primary key's order), so each costs the same wherever it starts.
#include "internal.hpp"
#include "pg_api.hpp"
#include "pg_store.hpp"
#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session::detail {

struct StoreListing::State {
    StoreUrl url;
    std::unique_ptr<PgConn> conn;
    std::string sessions;             // the quoted table name
    std::optional<std::string> last;  // the last name listed
    std::size_t listed = 0;
};

StoreListing::StoreListing(const std::string& collection) : s_(std::make_unique<State>()) {
    s_->url = parse_store_url(collection);
    if (s_->url.session) {
        fail(errc::store_url_invalid, s_->url.display + " names one session, not a store");
    }
    s_->conn = std::make_unique<PgConn>(s_->url);
    s_->sessions = "\"" + s_->url.prefix + "sessions\"";
    PgConn& c = *s_->conn;
    const std::lock_guard lock(c.mutex);
    // No tables is SESSION_NOT_FOUND, not an empty listing: a mistyped table_prefix= or
    // database would otherwise pass for a fleet with nothing in it.
    ensure_schema(c, s_->url.prefix, false);
    // The snapshot's transaction waits between pages while the checks run: a server that ends
    // idle transactions (managed services set a timeout) would end the listing half-way.
    c.exec("SET idle_in_transaction_session_timeout = 0");
    c.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    size_ = static_cast<std::size_t>(
        c.exec("SELECT count(DISTINCT session_id) FROM " + s_->sessions).i64(0, 0));
}

StoreListing::~StoreListing() = default;  // the connection, and its snapshot, end with it

std::vector<std::string> StoreListing::next_page(std::size_t n) {
    std::vector<std::string> out;
    if (s_->listed >= size_ || n == 0) return out;
    PgConn& c = *s_->conn;
    const std::lock_guard lock(c.mutex);
    const std::string count = std::to_string(n);
    const std::string tail = " GROUP BY session_id ORDER BY session_id LIMIT ";
    const auto r =
        s_->last ? c.exec_prepared("tgs_list_after",
                                   "SELECT session_id FROM " + s_->sessions +
                                       " WHERE session_id > $1" + tail + "$2",
                                   {*s_->last, count})
                 : c.exec_prepared("tgs_list_first",
                                   "SELECT session_id FROM " + s_->sessions + tail + "$1", {count});
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(store_url_with_session(s_->url, r.text(i, 0)));
    if (r.rows() > 0) s_->last = r.text(r.rows() - 1, 0);
    s_->listed += out.size();
    return out;
}

std::string StoreListing::at(std::size_t i) {
    PgConn& c = *s_->conn;
    const std::lock_guard lock(c.mutex);
    const auto r = c.exec_prepared("tgs_list_at",
                                   "SELECT session_id FROM " + s_->sessions +
                                       " GROUP BY session_id ORDER BY session_id OFFSET $1 LIMIT 1",
                                   {std::to_string(i)});
    if (r.rows() == 0)
        fail(errc::not_found,
             s_->url.display + ": no session number " + std::to_string(i + 1) + " in the listing");
    return store_url_with_session(s_->url, r.text(0, 0));
}

}  // namespace tgs::session::detail
