#include "argv_secrets.hpp"

namespace tgsession {

bool flag_on_argv(const std::vector<std::string>& args, std::string_view flag) {
    for (const auto& a : args) {
        if (a == "--") return false;
        if (a == flag) return true;
        if (a.size() > flag.size() && a.compare(0, flag.size(), flag) == 0 && a[flag.size()] == '=')
            return true;
    }
    return false;
}

std::string api_hash_argv_warning() {
    return "warning: --api-hash on the command line is visible to other local users (ps, "
           "/proc) and stays in shell history; use $TG_API_HASH, --api-hash-file F or the "
           "config file";
}

bool store_password_on_argv(const std::vector<std::string>& args) {
    for (const std::string_view a : args) {
        if (a == "--") break;
        std::string_view rest;
        for (const std::string_view scheme : {"postgresql://", "postgres://"})
            if (a.substr(0, scheme.size()) == scheme) rest = a.substr(scheme.size());
        if (rest.empty()) continue;
        // user:password@host — the userinfo ends at the last '@' before the path.
        const auto authority = rest.substr(0, rest.find('/'));
        const auto at = authority.rfind('@');
        if (at != std::string_view::npos &&
            authority.substr(0, at).find(':') != std::string_view::npos)
            return true;
        const auto query = rest.find('?');
        if (query != std::string_view::npos) {
            const auto q = rest.substr(query);
            if (q.find("?password=") != std::string_view::npos ||
                q.find("&password=") != std::string_view::npos)
                return true;
        }
    }
    return false;
}

std::string store_password_argv_warning() {
    return "warning: a database password in a postgresql:// URL on the command line is visible "
           "to other local users (ps, /proc) and stays in shell history; use $PGPASSWORD or "
           "~/.pgpass";
}

}  // namespace tgsession
