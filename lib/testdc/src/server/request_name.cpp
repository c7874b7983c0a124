#include "request_name.hpp"

#include <cstdio>

#include "tgs/error.hpp"
#include "tgs/tl/api.hpp"
#include "tgs/tl/layered.hpp"
#include "tgs/tl/mt.hpp"

namespace tgs::testdc {

namespace api = tl::api;

std::string request_name(ByteView body) {
    Bytes inner(body.begin(), body.end());
    try {
        // Wrappers nest a handful deep at most; the bound only guards against loops.
        for (int depth = 0; depth < 8 && inner.size() >= 4; ++depth) {
            tl::Reader r(inner);
            const std::uint32_t id = r.peek_uint32();
            if (id == api::invokeWithLayer::ID) {
                inner = api::read<api::invokeWithLayer>(r).query.data;
            } else if (id == api::initConnection::ID) {
                inner = api::read<api::initConnection>(r).query.data;
            } else if (id == api::invokeWithoutUpdates::ID) {
                inner = api::read<api::invokeWithoutUpdates>(r).query.data;
            } else if (id == api::invokeAfterMsg::ID) {
                inner = api::read<api::invokeAfterMsg>(r).query.data;
            } else {
                break;
            }
        }
    } catch (const Error&) {
        // Fall through: name whatever id we stopped at.
    }
    if (inner.size() < 4) return "(empty)";
    const std::uint32_t id = tl::Reader(inner).peek_uint32();
    if (const char* name = api::constructor_name(id)) return name;
    if (const char* name = tl::mt::constructor_name(id)) return name;
    // Older layers' ids and every layer-228 method (also the ones the test DC does not answer).
    if (const char* name = tl::layered::name_of(id)) return name;
    char hex[16];
    std::snprintf(hex, sizeof hex, "#%08x", id);
    return hex;
}

}  // namespace tgs::testdc
