#include "session_path.hpp"

namespace tgsession {

std::filesystem::path session_path(const std::string& argument) {
    std::filesystem::path p(argument);
    // filename() of "dir/" is empty: leave such paths alone and let the caller's open fail.
    if (p.filename().empty()) return p;
    // Like Python's Path.suffix: a leading dot (".hidden") is not an extension.
    if (p.extension().empty()) p += ".session";
    return p;
}

}  // namespace tgsession
