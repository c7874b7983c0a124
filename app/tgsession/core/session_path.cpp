#include "session_path.hpp"

#include "tgs/session/format.hpp"

namespace tgsession {

std::filesystem::path session_path(const std::string& argument) {
    return tgs::session::session_path(argument);
}

}  // namespace tgsession
