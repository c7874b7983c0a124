// Which store a connection string names, as the server sees it. Two spellings of one store
// (another name for the host, a socket instead of TCP, libpq parameters added or reordered)
// name the same sessions, and a fleet check must read each once (batch_mentions.hpp). The
// server is asked only about connection strings that name the same database and table prefix
// as an earlier one: no query at all in the usual run with one spelling.
#include <map>
#include <optional>

#include "pg_api.hpp"
#include "pg_store.hpp"

namespace tgs::session::detail {
namespace {

// The database as the URL's path names it ("" when it is left to libpq's defaults).
std::string database_of(const std::string& conninfo) {
    const auto authority = conninfo.find("://");
    const auto slash = conninfo.find('/', authority == std::string::npos ? 0 : authority + 3);
    if (slash == std::string::npos) return {};
    return conninfo.substr(slash + 1, conninfo.find('?', slash) - slash - 1);
}

// The server (its start time, to the microsecond: a cluster's system identifier needs
// privileges a store's role may lack), the database and the sessions table as this
// connection resolves them (search_path included); nullopt when it cannot be asked or has
// no such table (then nothing is merged: each spelling reports its own error).
std::optional<std::string> identity_of(const StoreBatchGroup& g) {
    try {
        StoreUrl url = parse_store_url(g.conninfo);
        url.prefix = g.prefix;
        auto conn = store_connection(url);
        const std::lock_guard lock(conn->mutex);
        const auto r = conn->exec(
            "SELECT extract(epoch FROM pg_postmaster_start_time())::text, "
            "(SELECT oid FROM pg_database WHERE datname = current_database())::text, "
            "to_regclass($1)::oid::text",
            {"\"" + g.prefix + "sessions\""});
        if (r.rows() != 1 || r.null(0, 2)) return std::nullopt;
        return r.text(0, 0) + " " + r.text(0, 1) + " " + r.text(0, 2);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace

std::vector<std::uint32_t> same_store_groups(const std::vector<StoreBatchGroup>& groups) {
    std::vector<std::uint32_t> first(groups.size());
    std::map<std::pair<std::string, std::string>, std::vector<std::uint32_t>> alike;
    std::map<std::uint32_t, std::optional<std::string>> asked;
    auto identity = [&](std::uint32_t g) -> const std::optional<std::string>& {
        const auto it = asked.find(g);
        return it != asked.end() ? it->second
                                 : asked.emplace(g, identity_of(groups[g])).first->second;
    };
    for (std::uint32_t g = 0; g < groups.size(); ++g) {
        first[g] = g;
        auto& earlier = alike[{database_of(groups[g].conninfo), groups[g].prefix}];
        for (const auto e : earlier) {
            if (first[e] != e) continue;  // compared with the one it is the same as
            if (identity(g) && identity(g) == identity(e)) {
                first[g] = e;
                break;
            }
        }
        earlier.push_back(g);
    }
    return first;
}

}  // namespace tgs::session::detail
