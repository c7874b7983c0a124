#include "tgs/error.hpp"
#include "tgs/net/connection.hpp"
#include "tgs/net/errors.hpp"

namespace tgs::net {

TransportChoice parse_transport(const std::string& name) {
    using transport::Protocol;
    if (name == "abridged") return {Protocol::Abridged, false};
    if (name == "intermediate") return {Protocol::Intermediate, false};
    if (name == "padded") return {Protocol::PaddedIntermediate, false};
    if (name == "full") return {Protocol::Full, false};
    if (name == "obfuscated" || name == "obfuscated-intermediate") {
        return {Protocol::Intermediate, true};
    }
    if (name == "obfuscated-abridged") return {Protocol::Abridged, true};
    if (name == "obfuscated-padded") return {Protocol::PaddedIntermediate, true};
    throw Error(errc::bad_transport,
                "unknown transport '" + name +
                    "' (abridged, intermediate, padded, full, obfuscated, obfuscated-abridged, "
                    "obfuscated-padded)");
}

}  // namespace tgs::net
