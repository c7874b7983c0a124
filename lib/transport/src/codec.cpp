#include "tgs/transport/codec.hpp"

#include "framed_codec.hpp"
#include "tgs/transport/errors.hpp"

namespace tgs::transport {

const char* protocol_name(Protocol p) {
    switch (p) {
        case Protocol::Abridged:
            return "abridged";
        case Protocol::Intermediate:
            return "intermediate";
        case Protocol::PaddedIntermediate:
            return "padded_intermediate";
        case Protocol::Full:
            return "full";
    }
    return "unknown";
}

std::unique_ptr<Codec> make_codec(Protocol protocol, CodecOptions options) {
    switch (protocol) {
        case Protocol::Abridged:
            return detail::make_abridged(std::move(options));
        case Protocol::Intermediate:
            return detail::make_intermediate(std::move(options), false);
        case Protocol::PaddedIntermediate:
            return detail::make_intermediate(std::move(options), true);
        case Protocol::Full:
            return detail::make_full(std::move(options));
    }
    detail::fail(errc::unsupported_protocol, "unknown protocol");
}

Bytes init_marker(Protocol protocol) {
    switch (protocol) {
        case Protocol::Abridged:
            return {0xef};
        case Protocol::Intermediate:
            return {0xee, 0xee, 0xee, 0xee};
        case Protocol::PaddedIntermediate:
            return {0xdd, 0xdd, 0xdd, 0xdd};
        case Protocol::Full:
            return {};
    }
    return {};
}

std::array<std::uint8_t, 4> obfuscation_tag(Protocol protocol) {
    switch (protocol) {
        case Protocol::Abridged:
            return {0xef, 0xef, 0xef, 0xef};
        case Protocol::Intermediate:
            return {0xee, 0xee, 0xee, 0xee};
        case Protocol::PaddedIntermediate:
            return {0xdd, 0xdd, 0xdd, 0xdd};
        case Protocol::Full:
            break;
    }
    detail::fail(errc::unsupported_protocol, "the full transport cannot be obfuscated");
}

}  // namespace tgs::transport
