// Private base for the plain codecs: input buffering, error latching, init marker and the
// client-role classification of server packets (transport errors).
#pragma once

#include <cstdint>
#include <optional>

#include "tgs/error.hpp"
#include "tgs/transport/codec.hpp"

namespace tgs::transport::detail {

inline std::uint32_t load_le32(const std::uint8_t* p) {
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
           static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

inline void append_le32(Bytes& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

[[noreturn]] void fail(const char* code, const std::string& message);

class FramedCodec : public Codec {
  public:
    FramedCodec(Protocol protocol, CodecOptions options);

    Protocol protocol() const override { return protocol_; }
    Role role() const override { return options_.role; }

    void feed(ByteView chunk) override;
    std::optional<Event> next() override;
    void finish() override;

  protected:
    /// Parses at most one frame from the front of `avail`. Returns nullopt if more bytes are
    /// needed (and sets consumed = 0); otherwise sets `consumed` to the frame's size.
    virtual std::optional<Event> parse(ByteView avail, std::size_t& consumed) = 0;
    /// Appends one framed payload (no init marker).
    virtual void frame(ByteView payload, Bytes& out, bool quick_ack) = 0;

    void do_encode(ByteView payload, Bytes& out, bool quick_ack) override;
    void do_encode_error(std::int32_t code, Bytes& out) override;

    /// Client role: a short packet holding a negative int32 is a transport error.
    /// `error_max` is the largest packet size that may carry one (4, or 19 when padded).
    Event classify(ByteView payload, bool quick_ack_requested, std::size_t error_max) const;
    /// Throws TRANSPORT_FRAME_TOO_LARGE if `length` exceeds the bound plus `allowance`
    /// (bytes of framing overhead that `length` includes, e.g. padding).
    void check_length(std::uint64_t length, std::uint64_t allowance = 0) const;

    const CodecOptions& options() const { return options_; }

  private:
    void check_usable() const;

    Protocol protocol_;
    CodecOptions options_;
    Bytes buffer_;
    std::size_t read_pos_ = 0;
    bool marker_sent_ = false;
    bool broken_ = false;
};

std::unique_ptr<Codec> make_abridged(CodecOptions options);
std::unique_ptr<Codec> make_intermediate(CodecOptions options, bool padded);
std::unique_ptr<Codec> make_full(CodecOptions options);

}  // namespace tgs::transport::detail
