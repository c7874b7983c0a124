#include "tgs/resource_error.hpp"

#include <cerrno>
#include <cstring>

#include "tgs/error.hpp"

namespace tgs::resource {

std::optional<const char*> code_for_errno(int err) {
    switch (err) {
        case EMFILE:
        case ENFILE:
            return descriptors;
        case ENOMEM:
        case ENOBUFS:
            return memory;
        default:
            return std::nullopt;
    }
}

bool is_resource_code(std::string_view code) {
    return code == descriptors || code == memory || code == threads;
}

void throw_if_exhausted(int err, const std::string& what) {
    if (auto code = code_for_errno(err)) {
        throw Error(*code, what + ": " + std::strerror(err));
    }
}

}  // namespace tgs::resource
