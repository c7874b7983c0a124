// Intermediate: 4-byte LE length + payload. Padded intermediate: the length also covers 0..15
// random bytes after the payload, which the receiver trims (padded_payload_size).
// Quick ack: the client sets bit 31 of the length; the server's ack is a bare 4-byte LE word
// with bit 31 set (no length prefix).
#include <string>

#include "framed_codec.hpp"
#include "tgs/transport/errors.hpp"

namespace tgs::transport {

std::size_t padded_payload_size(ByteView packet) {
    const std::size_t size = packet.size();
    const bool unencrypted = size >= 20 && detail::load_le32(packet.data()) == 0 &&
                             detail::load_le32(packet.data() + 4) == 0;
    if (unencrypted) {
        const std::uint64_t n =
            20 + static_cast<std::uint64_t>(detail::load_le32(packet.data() + 16));
        if (n <= size && size - n < 16) return static_cast<std::size_t>(n);
        return size & ~std::size_t{3};  // malformed; the mtproto layer reports it
    }
    if (size >= 24) return 24 + ((size - 24) & ~std::size_t{15});
    return size & ~std::size_t{3};
}

namespace detail {
namespace {

class IntermediateCodec final : public FramedCodec {
  public:
    IntermediateCodec(CodecOptions options, bool padded)
        : FramedCodec(padded ? Protocol::PaddedIntermediate : Protocol::Intermediate,
                      std::move(options)),
          padded_(padded) {
        if (padded_ && !this->options().random) random_ = crypto::system_random();
    }

  protected:
    void frame(ByteView payload, Bytes& out, bool quick_ack) override {
        Bytes padding;
        if (padded_) {
            std::uint8_t r = 0;
            random()(MutableByteView(&r, 1));
            padding.resize(r % (this->options().max_padding + 1u));
            if (!padding.empty()) random()(padding);
        }
        std::uint32_t length = static_cast<std::uint32_t>(payload.size() + padding.size());
        if (quick_ack) length |= 0x80000000u;
        append_le32(out, length);
        out.insert(out.end(), payload.begin(), payload.end());
        out.insert(out.end(), padding.begin(), padding.end());
    }

    void do_encode_quick_ack(std::uint32_t token, Bytes& out) override {
        if (role() != Role::Server) fail(errc::quick_ack_unsupported, "servers send acks");
        append_le32(out, token | 0x80000000u);
    }

    std::optional<Event> parse(ByteView avail, std::size_t& consumed) override {
        consumed = 0;
        if (avail.size() < 4) return std::nullopt;
        std::uint32_t word = load_le32(avail.data());
        const bool ack_bit = (word & 0x80000000u) != 0;
        if (ack_bit && role() == Role::Client) {
            consumed = 4;
            return QuickAck{word};
        }
        const std::uint32_t length = word & 0x7fffffffu;
        if (length == 0) fail(errc::empty_frame, "intermediate frame with zero length");
        // The limit is on the payload; the padded length may exceed it by the 15 pad bytes.
        check_length(length, padded_ ? 15 : 0);
        if (!padded_ && length % 4 != 0) {
            fail(errc::unaligned_length,
                 "intermediate length " + std::to_string(length) + " is not a multiple of 4");
        }
        if (avail.size() - 4 < length) return std::nullopt;
        consumed = 4 + length;
        auto packet = avail.subspan(4, length);
        if (!padded_) return classify(packet, ack_bit, 4);
        // Errors may arrive padded: anything shorter than the smallest MTProto message (20).
        auto event = classify(packet, ack_bit, 19);
        if (auto* p = std::get_if<Packet>(&event)) p->payload.resize(padded_payload_size(packet));
        if (auto* p = std::get_if<Packet>(&event); p && p->payload.empty()) {
            fail(errc::empty_frame, "padded frame holds no payload");
        }
        return event;
    }

  private:
    const crypto::RandomSource& random() const {
        return options().random ? options().random : random_;
    }

    bool padded_;
    crypto::RandomSource random_;
};

}  // namespace

std::unique_ptr<Codec> make_intermediate(CodecOptions options, bool padded) {
    return std::make_unique<IntermediateCodec>(std::move(options), padded);
}

}  // namespace detail
}  // namespace tgs::transport
