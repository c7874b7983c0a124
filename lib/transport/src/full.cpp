// Full: len(4 LE, = 12 + payload) | seqno(4 LE) | payload | crc32(4 LE over len+seqno+payload).
// Each direction counts its packets from 0 on this connection. No quick acks.
#include <string>

#include "framed_codec.hpp"
#include "tgs/crypto/hash.hpp"
#include "tgs/transport/errors.hpp"

namespace tgs::transport::detail {
namespace {

class FullCodec final : public FramedCodec {
  public:
    explicit FullCodec(CodecOptions options) : FramedCodec(Protocol::Full, std::move(options)) {}

  protected:
    void frame(ByteView payload, Bytes& out, bool quick_ack) override {
        if (quick_ack) fail(errc::quick_ack_unsupported, "full transport has no quick ack");
        const std::size_t start = out.size();
        append_le32(out, static_cast<std::uint32_t>(payload.size() + 12));
        append_le32(out, send_seq_++);
        out.insert(out.end(), payload.begin(), payload.end());
        append_le32(out, crypto::crc32(ByteView(out).subspan(start)));
    }

    void do_encode_quick_ack(std::uint32_t, Bytes&) override {
        fail(errc::quick_ack_unsupported, "full transport has no quick ack");
    }

    std::optional<Event> parse(ByteView avail, std::size_t& consumed) override {
        consumed = 0;
        if (avail.size() < 4) return std::nullopt;
        const std::uint32_t length = load_le32(avail.data());
        if (length < 12) {
            fail(errc::frame_too_short,
                 "full frame length " + std::to_string(length) + " is below 12");
        }
        if (length == 12) fail(errc::empty_frame, "full frame with empty payload");
        check_length(length - 12u);
        if (length % 4 != 0) {
            fail(errc::unaligned_length,
                 "full length " + std::to_string(length) + " is not a multiple of 4");
        }
        if (avail.size() < length) return std::nullopt;
        const std::uint32_t crc = load_le32(avail.data() + length - 4);
        if (crc != crypto::crc32(avail.first(length - 4))) {
            fail(errc::bad_crc, "full frame CRC32 mismatch");
        }
        const std::uint32_t seq = load_le32(avail.data() + 4);
        if (seq != recv_seq_) {
            fail(errc::bad_seqno, "full frame seqno " + std::to_string(seq) + ", expected " +
                                      std::to_string(recv_seq_));
        }
        ++recv_seq_;
        consumed = length;
        return classify(avail.subspan(8, length - 12), false, 4);
    }

  private:
    std::uint32_t send_seq_ = 0;
    std::uint32_t recv_seq_ = 0;
};

}  // namespace

std::unique_ptr<Codec> make_full(CodecOptions options) {
    return std::make_unique<FullCodec>(std::move(options));
}

}  // namespace tgs::transport::detail
