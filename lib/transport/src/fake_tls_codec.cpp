// The fake-TLS record layer around the obfuscated2 stream (docs/protocol.md §1.3 "Data phase").
#include <algorithm>
#include <utility>

#include "framed_codec.hpp"
#include "tgs/transport/errors.hpp"
#include "tgs/transport/fake_tls.hpp"

namespace tgs::transport {

namespace {

constexpr std::uint8_t kChangeCipherSpec = 0x14;  // RFC 8446 §5.1 ContentType
constexpr std::uint8_t kApplicationData = 0x17;
// RFC 8446 §5.2: a protected record is at most 2^14 + 256 bytes.
constexpr std::size_t kMaxIncomingRecord = 16384 + 256;

}  // namespace

void unwrap_fake_tls_records(Bytes& in, Bytes& plain) {
    std::size_t at = 0;
    while (in.size() - at >= 5) {
        const std::uint8_t type = in[at];
        const std::size_t len = static_cast<std::size_t>(in[at + 3]) << 8 | in[at + 4];
        if ((type != kApplicationData && type != kChangeCipherSpec) || in[at + 1] != 0x03 ||
            in[at + 2] != 0x03 || len > kMaxIncomingRecord) {
            detail::fail(errc::fake_tls_bad_record,
                         "not a TLS application-data record inside the fake-TLS tunnel");
        }
        if (in.size() - at < 5 + len) break;
        if (type == kApplicationData) {
            plain.insert(plain.end(), in.begin() + static_cast<long>(at + 5),
                         in.begin() + static_cast<long>(at + 5 + len));
        }
        at += 5 + len;
    }
    in.erase(in.begin(), in.begin() + static_cast<long>(at));
}

FakeTlsCodec::FakeTlsCodec(std::unique_ptr<Codec> inner) : inner_(std::move(inner)) {
    // Only the client announces ChangeCipherSpec in the data phase; the server sent its own
    // inside the handshake answer.
    sent_change_cipher_ = inner_->role() == Role::Server;
}

void FakeTlsCodec::wrap(const Bytes& plain, Bytes& out) {
    if (plain.empty()) return;
    if (!sent_change_cipher_) {
        // tdlib sends 14 03 03 00 01 01 in front of its first application-data record.
        for (std::uint8_t b : {0x14, 0x03, 0x03, 0x00, 0x01, 0x01}) out.push_back(b);
        sent_change_cipher_ = true;
    }
    const std::size_t max =
        role() == Role::Client ? kFakeTlsClientRecordMax : kFakeTlsServerRecordMax;
    for (std::size_t at = 0; at < plain.size(); at += max) {
        const std::size_t n = std::min(max, plain.size() - at);
        out.insert(out.end(), {kApplicationData, 0x03, 0x03, static_cast<std::uint8_t>(n >> 8),
                               static_cast<std::uint8_t>(n & 0xff)});
        out.insert(out.end(), plain.begin() + static_cast<long>(at),
                   plain.begin() + static_cast<long>(at + n));
    }
}

void FakeTlsCodec::do_encode(ByteView payload, Bytes& out, bool quick_ack) {
    Bytes plain;
    inner_->encode(payload, plain, quick_ack);
    wrap(plain, out);
}

void FakeTlsCodec::do_encode_error(std::int32_t code, Bytes& out) {
    Bytes plain;
    inner_->encode_error(code, plain);
    wrap(plain, out);
}

void FakeTlsCodec::do_encode_quick_ack(std::uint32_t token, Bytes& out) {
    Bytes plain;
    inner_->encode_quick_ack(token, plain);
    wrap(plain, out);
}

void FakeTlsCodec::feed(ByteView chunk) {
    in_.insert(in_.end(), chunk.begin(), chunk.end());
    Bytes plain;
    unwrap_fake_tls_records(in_, plain);
    if (!plain.empty()) inner_->feed(plain);
}

void FakeTlsCodec::finish() {
    if (!in_.empty()) {
        detail::fail(errc::truncated, "the connection ended inside a fake-TLS record");
    }
    inner_->finish();
}

}  // namespace tgs::transport
