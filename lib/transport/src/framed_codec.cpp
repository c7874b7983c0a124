#include "framed_codec.hpp"

#include <string>

#include "tgs/transport/errors.hpp"

namespace tgs::transport::detail {

void fail(const char* code, const std::string& message) {
    throw Error(code, message);
}

FramedCodec::FramedCodec(Protocol protocol, CodecOptions options)
    : protocol_(protocol), options_(std::move(options)) {}

void FramedCodec::check_usable() const {
    if (broken_) fail(errc::broken, "transport stream is unusable after an earlier error");
}

void FramedCodec::check_length(std::uint64_t length, std::uint64_t allowance) const {
    if (length > options_.max_packet + allowance) {
        fail(errc::frame_too_large, "packet of " + std::to_string(length) +
                                        " bytes exceeds the limit of " +
                                        std::to_string(options_.max_packet));
    }
}

void FramedCodec::feed(ByteView chunk) {
    check_usable();
    // Drop consumed bytes once they dominate, so the buffer stays about one frame long.
    if (read_pos_ > 0 && read_pos_ * 2 >= buffer_.size()) {
        buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(read_pos_));
        read_pos_ = 0;
    }
    buffer_.insert(buffer_.end(), chunk.begin(), chunk.end());
}

std::optional<Event> FramedCodec::next() {
    check_usable();
    std::size_t consumed = 0;
    try {
        auto event = parse(ByteView(buffer_).subspan(read_pos_), consumed);
        if (event) read_pos_ += consumed;
        if (read_pos_ == buffer_.size()) {
            buffer_.clear();
            read_pos_ = 0;
        }
        return event;
    } catch (...) {
        broken_ = true;
        throw;
    }
}

void FramedCodec::finish() {
    check_usable();
    if (read_pos_ != buffer_.size()) {
        fail(errc::truncated, "stream ended inside a frame (" +
                                  std::to_string(buffer_.size() - read_pos_) + " bytes pending)");
    }
}

void FramedCodec::do_encode(ByteView payload, Bytes& out, bool quick_ack) {
    check_length(payload.size());
    if (quick_ack && options_.role != Role::Client) {
        fail(errc::quick_ack_unsupported, "only clients request quick acks");
    }
    if (options_.role == Role::Client && options_.send_init_marker && !marker_sent_) {
        auto marker = init_marker(protocol_);
        out.insert(out.end(), marker.begin(), marker.end());
    }
    marker_sent_ = true;
    frame(payload, out, quick_ack);
}

void FramedCodec::do_encode_error(std::int32_t code, Bytes& out) {
    if (code >= 0) fail(errc::bad_error_code, "transport error codes are negative");
    Bytes body;
    append_le32(body, static_cast<std::uint32_t>(code));
    frame(body, out, false);
}

Event FramedCodec::classify(ByteView payload, bool quick_ack_requested,
                            std::size_t error_max) const {
    if (options_.role == Role::Client && payload.size() >= 4 && payload.size() <= error_max) {
        auto value = static_cast<std::int32_t>(load_le32(payload.data()));
        if (value < 0) return TransportError{value};
    }
    return Packet{Bytes(payload.begin(), payload.end()), quick_ack_requested};
}

}  // namespace tgs::transport::detail
