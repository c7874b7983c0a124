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

}  // namespace tgsession
