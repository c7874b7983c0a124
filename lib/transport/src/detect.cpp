#include "tgs/transport/detect.hpp"

#include "framed_codec.hpp"
#include "tgs/transport/errors.hpp"
#include "tgs/transport/obfuscated2.hpp"

namespace tgs::transport {

// Decision rule, applied to the first bytes of a connection in this order:
//  1. first byte ef                        -> abridged, the ef is consumed;
//  2. first 4 bytes ee ee ee ee            -> intermediate, 4 consumed;
//     first 4 bytes dd dd dd dd            -> padded intermediate, 4 consumed;
//  3. first LE word "HEAD"/"POST"/"GET "/"OPTI" -> HTTP transport: unsupported (error);
//     first 4 bytes 16 03 01 02            -> fake-TLS ClientHello, nothing consumed;
//  4. bytes 4..8 all zero                  -> full (seqno 0 of the first packet), nothing
//     consumed; its length word must be a plausible first packet (12 < len <= 12 +
//     max_packet, len % 4 == 0), else TRANSPORT_UNKNOWN_PROTOCOL;
//  5. anything else                        -> obfuscated2, 64-byte header consumed.
// This is unambiguous because an obfuscated2 client redraws its random header exactly when
// it would match rules 1-4 (first byte ef, those first words, or init[4:8] == 0), §1.1.
std::optional<Detection> detect_protocol(ByteView first, std::size_t max_packet) {
    if (first.empty()) return std::nullopt;
    if (first[0] == 0xef) return Detection{DetectedKind::Abridged, 1};
    if (first.size() < 4) return std::nullopt;
    const std::uint32_t word = detail::load_le32(first.data());
    if (word == 0xeeeeeeeeu) return Detection{DetectedKind::Intermediate, 4};
    if (word == 0xddddddddu) return Detection{DetectedKind::PaddedIntermediate, 4};
    for (std::uint32_t http : {0x44414548u, 0x54534f50u, 0x20544547u, 0x4954504fu}) {
        if (word == http) {
            detail::fail(errc::unsupported_protocol, "HTTP transport is not supported");
        }
    }
    if (word == 0x02010316u) return Detection{DetectedKind::FakeTls, 0};
    if (first.size() < 8) return std::nullopt;
    if (detail::load_le32(first.data() + 4) == 0) {
        if (word <= 12 || word % 4 != 0 || word - 12u > max_packet) {
            detail::fail(errc::unknown_protocol,
                         "first bytes look like the full transport but the length is invalid");
        }
        return Detection{DetectedKind::Full, 0};
    }
    if (first.size() < kObfuscatedHeaderSize) return std::nullopt;
    return Detection{DetectedKind::Obfuscated2, kObfuscatedHeaderSize};
}

}  // namespace tgs::transport
