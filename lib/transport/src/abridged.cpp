// Abridged: length/4 in one byte (< 0x7f) or 0x7f + 3 bytes LE; payload a multiple of 4.
// Quick ack: the client sets 0x80 on the first length byte; the server answers with the
// 4-byte token big-endian, so its first byte has the top bit set.
#include <string>

#include "framed_codec.hpp"
#include "tgs/transport/errors.hpp"

namespace tgs::transport::detail {
namespace {

class AbridgedCodec final : public FramedCodec {
  public:
    explicit AbridgedCodec(CodecOptions options)
        : FramedCodec(Protocol::Abridged, std::move(options)) {}

  protected:
    void frame(ByteView payload, Bytes& out, bool quick_ack) override {
        if (payload.size() % 4 != 0) {
            fail(errc::unaligned_length, "abridged payload length " +
                                             std::to_string(payload.size()) +
                                             " is not a multiple of 4");
        }
        const std::size_t words = payload.size() / 4;
        const std::uint8_t ack = quick_ack ? 0x80 : 0x00;
        if (words < 0x7f) {
            out.push_back(static_cast<std::uint8_t>(words) | ack);
        } else {
            if (words >= (1u << 24)) fail(errc::frame_too_large, "abridged length overflow");
            out.push_back(0x7f | ack);
            for (int i = 0; i < 3; ++i) out.push_back(static_cast<std::uint8_t>(words >> (8 * i)));
        }
        out.insert(out.end(), payload.begin(), payload.end());
    }

    void do_encode_quick_ack(std::uint32_t token, Bytes& out) override {
        if (role() != Role::Server) fail(errc::quick_ack_unsupported, "servers send acks");
        token |= 0x80000000u;
        for (int i = 3; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(token >> (8 * i)));
    }

    std::optional<Event> parse(ByteView avail, std::size_t& consumed) override {
        consumed = 0;
        if (avail.empty()) return std::nullopt;
        std::uint8_t first = avail[0];
        bool ack_bit = (first & 0x80) != 0;
        if (ack_bit && role() == Role::Client) {
            if (avail.size() < 4) return std::nullopt;
            std::uint32_t token = static_cast<std::uint32_t>(avail[0]) << 24 |
                                  static_cast<std::uint32_t>(avail[1]) << 16 |
                                  static_cast<std::uint32_t>(avail[2]) << 8 | avail[3];
            consumed = 4;
            return QuickAck{token};
        }
        first &= 0x7f;
        std::size_t header = 1;
        std::uint64_t words = first;
        if (first == 0x7f) {
            if (avail.size() < 4) return std::nullopt;
            header = 4;
            words = static_cast<std::uint64_t>(avail[1]) |
                    static_cast<std::uint64_t>(avail[2]) << 8 |
                    static_cast<std::uint64_t>(avail[3]) << 16;
        }
        const std::uint64_t length = words * 4;
        if (length == 0) fail(errc::empty_frame, "abridged frame with zero length");
        check_length(length);
        if (avail.size() - header < length) return std::nullopt;
        consumed = header + static_cast<std::size_t>(length);
        return classify(avail.subspan(header, static_cast<std::size_t>(length)), ack_bit, 4);
    }
};

}  // namespace

std::unique_ptr<Codec> make_abridged(CodecOptions options) {
    return std::make_unique<AbridgedCodec>(std::move(options));
}

}  // namespace tgs::transport::detail
