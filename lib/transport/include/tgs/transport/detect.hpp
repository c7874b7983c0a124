// Server role: decide the transport from the first bytes a client sends.
#pragma once

#include <cstddef>
#include <optional>

#include "tgs/bytes.hpp"
#include "tgs/transport/codec.hpp"

namespace tgs::transport {

enum class DetectedKind { Abridged, Intermediate, PaddedIntermediate, Full, Obfuscated2, FakeTls };

struct Detection {
    DetectedKind kind;
    /// Bytes of `first` that belong to the announcement and are not transport frames:
    /// 1 (ef), 4 (eeeeeeee / dddddddd), 0 (full, fake-TLS), 64 (obfuscated2 header).
    std::size_t consume;
};

/// Returns nullopt while more bytes are needed (at most 64 are ever needed).
/// Throws TRANSPORT_UNSUPPORTED_PROTOCOL for HTTP (HEAD/POST/GET /OPTI) and
/// TRANSPORT_UNKNOWN_PROTOCOL for a full-transport-looking start with an impossible length.
/// The exact rule is documented at its definition (src/detect.cpp).
std::optional<Detection> detect_protocol(ByteView first,
                                         std::size_t max_packet = kDefaultMaxPacket);

}  // namespace tgs::transport
