// PostgreSQL session locations: parsing the URL, keeping its password out of everything that is
// printed, and the location of one session inside a store.
#include <map>

#include "internal.hpp"
#include "pg_store.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session::detail {
namespace {

constexpr std::string_view kSchemes[] = {"postgresql://", "postgres://"};
constexpr std::string_view kUrlInvalid = errc::store_url_invalid;

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
            hex_value(s[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string percent_encode(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 15];
        }
    }
    return out;
}

// Passwords taken out of URLs, by the password-free conninfo they belong to.
std::mutex g_password_mutex;
std::map<std::string, std::string>& passwords() {
    static std::map<std::string, std::string> m;
    return m;
}

struct SplitUrl {
    std::string_view scheme, user, password, hostpath, query;
    bool has_password = false;
};

SplitUrl split(std::string_view location) {
    SplitUrl s;
    for (const auto scheme : kSchemes) {
        if (location.starts_with(scheme)) s.scheme = scheme;
    }
    std::string_view rest = location.substr(s.scheme.size());
    const auto q = rest.find('?');
    if (q != std::string_view::npos) {
        s.query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    const auto slash = rest.find('/');
    const std::string_view authority = rest.substr(0, slash);
    const auto at = authority.rfind('@');
    if (at != std::string_view::npos) {
        const std::string_view userinfo = authority.substr(0, at);
        const auto colon = userinfo.find(':');
        s.user = userinfo.substr(0, colon);
        if (colon != std::string_view::npos) {
            s.password = userinfo.substr(colon + 1);
            s.has_password = true;
        }
        rest = rest.substr(at + 1);
    }
    s.hostpath = rest;
    return s;
}

bool valid_prefix(const std::string& p) {
    if (p.size() > 40) return false;
    for (const char c : p) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
    }
    return true;
}

}  // namespace

bool is_store_url(std::string_view location) {
    for (const auto scheme : kSchemes) {
        if (location.starts_with(scheme)) return true;
    }
    return false;
}

std::string strip_store_password(std::string_view location) {
    return parse_store_url(location).display;
}

StoreUrl parse_store_url(std::string_view location) {
    if (!is_store_url(location)) fail(kUrlInvalid, "not a postgresql:// URL");
    const SplitUrl s = split(location);
    StoreUrl url;
    std::string userpart = s.user.empty() ? std::string() : std::string(s.user) + "@";
    if (s.hostpath.find('/') == std::string_view::npos) {
        fail(kUrlInvalid, "a store URL names its database: postgresql://HOST/DB?session=NAME");
    }
    std::string kept;
    std::size_t start = 0;
    while (start <= s.query.size() && !s.query.empty()) {
        auto end = s.query.find('&', start);
        if (end == std::string_view::npos) end = s.query.size();
        const std::string_view param = s.query.substr(start, end - start);
        const auto eq = param.find('=');
        const std::string key(param.substr(0, eq));
        const std::string value =
            eq == std::string_view::npos ? std::string() : percent_decode(param.substr(eq + 1));
        if (key == "session") {
            if (value.empty() || value.size() > 255)
                fail(kUrlInvalid, "session= needs a name of 1 to 255 characters");
            url.session = value;
        } else if (key == "table_prefix") {
            if (!valid_prefix(value))
                fail(kUrlInvalid,
                     "table_prefix may hold only letters, digits and '_' (40 at most)");
            url.prefix = value;
        } else if (key == "password") {
            fail(kUrlInvalid,
                 "give the database password in $PGPASSWORD or ~/.pgpass, not in the URL's query");
        } else if (!param.empty()) {
            kept += (kept.empty() ? "?" : "&") + std::string(param);
        }
        start = end + 1;
    }
    // libpq reads the URI itself (host lists, sslmode, …).
    url.conninfo = "postgresql://" + userpart + std::string(s.hostpath) + kept;
    url.display = std::string(s.scheme) + userpart + std::string(s.hostpath);
    if (!s.query.empty()) url.display += "?" + std::string(s.query);
    if (s.has_password) {
        const std::lock_guard lock(g_password_mutex);
        passwords()[url.conninfo] = percent_decode(s.password);
    }
    return url;
}

std::string store_url_with_session(const StoreUrl& store, const std::string& session) {
    std::string out = store.display;
    out += out.find('?') == std::string::npos ? "?" : "&";
    return out + "session=" + percent_encode(session);
}

std::optional<std::string> remembered_password(const std::string& conninfo) {
    const std::lock_guard lock(g_password_mutex);
    const auto it = passwords().find(conninfo);
    if (it == passwords().end()) return std::nullopt;
    return it->second;
}

}  // namespace tgs::session::detail
