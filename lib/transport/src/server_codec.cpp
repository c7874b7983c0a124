#include "tgs/transport/server_codec.hpp"

#include "framed_codec.hpp"
#include "tgs/transport/errors.hpp"

namespace tgs::transport {

ServerCodec::ServerCodec(ServerCodecOptions options) : options_(std::move(options)) {
    options_.codec.role = Role::Server;
}

Codec& ServerCodec::ready() const {
    if (!inner_) detail::fail(errc::not_detected, "client transport not detected yet");
    return *inner_;
}

Protocol ServerCodec::protocol() const {
    return ready().protocol();
}

void ServerCodec::feed(ByteView chunk) {
    if (inner_) {
        inner_->feed(chunk);
        return;
    }
    head_.insert(head_.end(), chunk.begin(), chunk.end());
    auto detection = detect_protocol(head_, options_.codec.max_packet);
    if (!detection) return;
    ByteView rest = ByteView(head_).subspan(detection->consume);
    switch (detection->kind) {
        case DetectedKind::Abridged:
            inner_ = make_codec(Protocol::Abridged, options_.codec);
            break;
        case DetectedKind::Intermediate:
            inner_ = make_codec(Protocol::Intermediate, options_.codec);
            break;
        case DetectedKind::PaddedIntermediate:
            inner_ = make_codec(Protocol::PaddedIntermediate, options_.codec);
            break;
        case DetectedKind::Full:
            inner_ = make_codec(Protocol::Full, options_.codec);
            break;
        case DetectedKind::Obfuscated2: {
            auto codec = Obfuscated2Codec::server(ByteView(head_).first(kObfuscatedHeaderSize),
                                                  options_.proxy_secret, options_.codec);
            dc_id_ = codec->dc_id();
            obfuscated_ = true;
            inner_ = std::move(codec);
            break;
        }
        case DetectedKind::FakeTls:
            detail::fail(errc::unsupported_protocol, "fake-TLS is not supported yet");
    }
    Bytes remaining(rest.begin(), rest.end());
    head_.clear();
    inner_->feed(remaining);
}

std::optional<Event> ServerCodec::next() {
    if (!inner_) return std::nullopt;
    return inner_->next();
}

void ServerCodec::finish() {
    if (!inner_) {
        if (!head_.empty()) detail::fail(errc::truncated, "stream ended before detection");
        return;
    }
    inner_->finish();
}

void ServerCodec::do_encode(ByteView payload, Bytes& out, bool quick_ack) {
    ready().encode(payload, out, quick_ack);
}

void ServerCodec::do_encode_error(std::int32_t code, Bytes& out) {
    ready().encode_error(code, out);
}

void ServerCodec::do_encode_quick_ack(std::uint32_t token, Bytes& out) {
    ready().encode_quick_ack(token, out);
}

}  // namespace tgs::transport
