// Sans-IO MTProto transport framing: abridged, intermediate, padded intermediate and full.
// A Codec turns payloads (MTProto messages) into stream bytes and back; the caller owns the
// socket. One Codec serves one TCP connection in one role (client or server).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <variant>

#include "tgs/bytes.hpp"
#include "tgs/crypto/random.hpp"

namespace tgs::transport {

enum class Protocol { Abridged, Intermediate, PaddedIntermediate, Full };
enum class Role { Client, Server };

const char* protocol_name(Protocol p);

/// Default bound on one packet's payload. Larger length prefixes are refused as soon as they
/// arrive (TRANSPORT_FRAME_TOO_LARGE) so a hostile peer cannot make us buffer gigabytes.
inline constexpr std::size_t kDefaultMaxPacket = 16u * 1024u * 1024u;

struct CodecOptions {
    Role role = Role::Client;
    std::size_t max_packet = kDefaultMaxPacket;
    /// Client role: emit the protocol's init bytes (`ef`, `eeeeeeee`, `dddddddd`) before the
    /// first packet. Off when the protocol is announced elsewhere (obfuscated2 header tag).
    bool send_init_marker = true;
    /// Padding bytes for the padded intermediate protocol (unused by the others).
    /// Empty = tgs::crypto::system_random().
    crypto::RandomSource random;
    /// Most padding bytes the padded intermediate protocol adds (the protocol allows 15).
    std::uint8_t max_padding = 15;
};

/// One MTProto payload. In the server role `quick_ack_requested` tells whether the client set
/// the quick-ack bit on this packet's length.
struct Packet {
    Bytes payload;
    bool quick_ack_requested = false;
};

/// A transport-level error from the server (client role only): a 4-byte packet holding a
/// negative int32, e.g. -404 (auth key not found / bad handshake), -429 (flood), -444 (bad DC).
struct TransportError {
    std::int32_t code;
};

/// A quick acknowledgement from the server (client role only): the token with its top bit set,
/// as the server computed it (LE32(msg_key_large[0:4]) | 0x80000000).
struct QuickAck {
    std::uint32_t token;
};

using Event = std::variant<Packet, TransportError, QuickAck>;

/// Interface shared by the plain codecs and the obfuscated2 wrapper.
/// Decoding: feed() any chunking of the received stream (1-byte chunks work), then call next()
/// until it returns nullopt. A malformed frame throws tgs::Error("TRANSPORT_*"); the codec is
/// then broken (every later call throws TRANSPORT_BROKEN) and the connection must be dropped.
class Codec {
  public:
    virtual ~Codec() = default;

    virtual Protocol protocol() const = 0;
    virtual Role role() const = 0;

    /// Frames `payload` and appends the bytes to send to `out`. In the client role the first
    /// call also emits whatever must precede the first packet (init marker / obfuscation
    /// header). `quick_ack`: client role, ask the server for a quick ack (not on full).
    void encode(ByteView payload, Bytes& out, bool quick_ack = false) {
        do_encode(payload, out, quick_ack);
    }
    Bytes encode(ByteView payload, bool quick_ack = false) {
        Bytes out;
        do_encode(payload, out, quick_ack);
        return out;
    }
    /// Server role: a transport error packet (`code` must be negative, e.g. -404).
    void encode_error(std::int32_t code, Bytes& out) { do_encode_error(code, out); }
    /// Server role: a quick-ack packet for `token` (top bit is forced on). Not on full.
    void encode_quick_ack(std::uint32_t token, Bytes& out) { do_encode_quick_ack(token, out); }

    virtual void feed(ByteView chunk) = 0;
    virtual std::optional<Event> next() = 0;
    /// Call at end of stream: throws TRANSPORT_TRUNCATED if a partial frame is buffered.
    virtual void finish() = 0;

  protected:
    virtual void do_encode(ByteView payload, Bytes& out, bool quick_ack) = 0;
    virtual void do_encode_error(std::int32_t code, Bytes& out) = 0;
    virtual void do_encode_quick_ack(std::uint32_t token, Bytes& out) = 0;
};

/// A plain (unobfuscated) codec for `protocol`.
std::unique_ptr<Codec> make_codec(Protocol protocol, CodecOptions options = {});

/// The bytes a client sends once before its first packet: ef / eeeeeeee / dddddddd / nothing.
Bytes init_marker(Protocol protocol);

/// The 4-byte protocol tag inside an obfuscated2 header: efefefef / eeeeeeee / dddddddd.
/// Full has no tag (throws TRANSPORT_UNSUPPORTED_PROTOCOL).
std::array<std::uint8_t, 4> obfuscation_tag(Protocol protocol);

/// The payload inside a padded-intermediate packet: total_len covers payload + 0..15 random
/// bytes, so the receiver finds the MTProto message length itself. Unencrypted message
/// (auth_key_id 0): 20 + message_data_length. Encrypted: 24 + ciphertext trimmed to a multiple
/// of 16 (as tdlib does). Shorter packets are trimmed to a multiple of 4.
std::size_t padded_payload_size(ByteView packet);

}  // namespace tgs::transport
