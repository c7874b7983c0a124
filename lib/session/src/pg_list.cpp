// The sessions of a whole store (a URL without session=), listed for BatchReader a page at a
// time instead of all at once: one snapshot (a read-only repeatable-read transaction on a
// connection of the listing's own) gives their number up front and every page after it, so the
// count and the pages agree however the store changes meanwhile. Pages go by name (keyset: the
// primary key's order), so each costs the same wherever it starts.
#include <unordered_set>

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
    // Sessions of the store named alone before it (a few, from the command line): left out of
    // the pages and the count, filtered here so a page query stays a plain index range.
    std::unordered_set<std::string> skip;
    std::string skip_array;  // the same, as an array literal, for at()
};

namespace {

std::vector<std::string> names_present(PgConn& c, const std::string& sessions,
                                       const std::vector<std::string>& names) {
    std::vector<std::string> out;
    if (names.empty()) return out;
    const auto r = c.exec(
        "SELECT DISTINCT session_id FROM " + sessions + " WHERE session_id = ANY($1::text[])",
        {pg_array(names)});
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
    return out;
}

}  // namespace

StoreListing::StoreListing(const std::string& collection, const std::vector<std::string>& skip)
    : s_(std::make_unique<State>()) {
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
    const auto skipped = names_present(c, s_->sessions, skip);  // in the same snapshot
    size_ -= skipped.size();
    s_->skip_array = pg_array(skipped);
    s_->skip.insert(skipped.begin(), skipped.end());
}

std::vector<std::string> StoreListing::present(const std::vector<std::string>& names) {
    PgConn& c = *s_->conn;
    const std::lock_guard lock(c.mutex);
    return names_present(c, s_->sessions, names);
}

StoreListing::~StoreListing() = default;  // the connection, and its snapshot, end with it

std::vector<std::string> StoreListing::next_page(std::size_t n) {
    std::vector<std::string> out;
    PgConn& c = *s_->conn;
    const std::lock_guard lock(c.mutex);
    const std::string tail = " GROUP BY session_id ORDER BY session_id LIMIT ";
    // More than one query only when a skipped name fell in the page.
    while (s_->listed < size_ && out.size() < n) {
        const std::size_t want = n - out.size();
        const std::string count = std::to_string(want);
        const auto r =
            s_->last
                ? c.exec_prepared("tgs_list_after",
                                  "SELECT session_id FROM " + s_->sessions +
                                      " WHERE session_id > $1" + tail + "$2",
                                  {*s_->last, count})
                : c.exec_prepared("tgs_list_first",
                                  "SELECT session_id FROM " + s_->sessions + tail + "$1", {count});
        for (int i = 0; i < r.rows(); ++i) {
            std::string name = r.text(i, 0);
            if (!s_->skip.count(name)) out.push_back(store_url_with_session(s_->url, name));
            s_->last = std::move(name);
        }
        if (static_cast<std::size_t>(r.rows()) < want) break;  // the end of the snapshot
    }
    s_->listed += out.size();
    return out;
}

std::string StoreListing::at(std::size_t i) {
    PgConn& c = *s_->conn;
    const std::lock_guard lock(c.mutex);
    const auto r = c.exec_prepared("tgs_list_at",
                                   "SELECT session_id FROM " + s_->sessions +
                                       " WHERE session_id <> ALL($2::text[]) GROUP BY session_id "
                                       "ORDER BY session_id OFFSET $1 LIMIT 1",
                                   {std::to_string(i), s_->skip_array});
    if (r.rows() == 0)
        fail(errc::not_found,
             s_->url.display + ": no session number " + std::to_string(i + 1) + " in the listing");
    return store_url_with_session(s_->url, r.text(0, 0));
}

}  // namespace tgs::session::detail
