#include "tgs/transport/obfuscated2.hpp"

#include <algorithm>
#include <utility>

#include "framed_codec.hpp"
#include "tgs/crypto/hash.hpp"
#include "tgs/transport/errors.hpp"

namespace tgs::transport {

namespace {

Bytes slice(ByteView v, std::size_t from, std::size_t to) {
    return Bytes(v.begin() + static_cast<std::ptrdiff_t>(from),
                 v.begin() + static_cast<std::ptrdiff_t>(to));
}

Bytes mix_secret(Bytes key, const std::optional<ProxyKey>& secret) {
    if (!secret) return key;
    auto digest = crypto::sha256({key, ByteView(*secret)});
    return Bytes(digest.begin(), digest.end());
}

std::optional<Protocol> protocol_from_tag(const std::uint8_t* tag) {
    for (auto p : {Protocol::Abridged, Protocol::Intermediate, Protocol::PaddedIntermediate}) {
        auto expected = obfuscation_tag(p);
        if (std::equal(expected.begin(), expected.end(), tag)) return p;
    }
    return std::nullopt;
}

void check_header_size(ByteView header) {
    if (header.size() != kObfuscatedHeaderSize) {
        detail::fail(errc::bad_obfuscation_header, "obfuscated2 header must be 64 bytes");
    }
}

}  // namespace

Obfuscated2Keys derive_obfuscated2_client_keys(ByteView init64,
                                               const std::optional<ProxyKey>& secret) {
    check_header_size(init64);
    Bytes reversed(init64.rbegin(), init64.rend());
    Obfuscated2Keys keys;
    keys.encrypt_key = mix_secret(slice(init64, 8, 40), secret);
    keys.encrypt_iv = slice(init64, 40, 56);
    keys.decrypt_key = mix_secret(slice(reversed, 8, 40), secret);
    keys.decrypt_iv = slice(reversed, 40, 56);
    return keys;
}

bool obfuscated2_init_forbidden(ByteView init64) {
    check_header_size(init64);
    if (init64[0] == 0xef) return true;
    const std::uint32_t first = detail::load_le32(init64.data());
    for (std::uint32_t bad : {0x44414548u, 0x54534f50u, 0x20544547u, 0x4954504fu, 0x02010316u,
                              0xddddddddu, 0xeeeeeeeeu}) {
        if (first == bad) return true;
    }
    return detail::load_le32(init64.data() + 4) == 0;
}

Obfuscated2Codec::Obfuscated2Codec(std::unique_ptr<Codec> inner, const Obfuscated2Keys& keys,
                                   std::int16_t dc_id)
    : inner_(std::move(inner)),
      encrypt_(keys.encrypt_key, keys.encrypt_iv),
      decrypt_(keys.decrypt_key, keys.decrypt_iv),
      dc_id_(dc_id) {}

std::unique_ptr<Obfuscated2Codec> Obfuscated2Codec::client(const Obfuscated2ClientParams& params,
                                                           const crypto::RandomSource& random) {
    const auto tag = obfuscation_tag(params.protocol);  // throws for full
    Bytes init(kObfuscatedHeaderSize);
    // The rules look only at bytes 0..8, which the tag and DC id never touch.
    do {
        random(init);
    } while (!params.skip_prefix_rules && obfuscated2_init_forbidden(init));
    std::copy(tag.begin(), tag.end(), init.begin() + 56);
    const auto dc = static_cast<std::uint16_t>(params.dc_id);
    init[60] = static_cast<std::uint8_t>(dc & 0xff);
    init[61] = static_cast<std::uint8_t>(dc >> 8);

    CodecOptions inner_options = params.inner;
    inner_options.role = Role::Client;
    inner_options.send_init_marker = false;
    auto keys = derive_obfuscated2_client_keys(init, params.proxy_secret);
    std::unique_ptr<Obfuscated2Codec> codec(new Obfuscated2Codec(
        make_codec(params.protocol, std::move(inner_options)), keys, params.dc_id));

    // Encrypt the whole init (advancing the stream to offset 64); only 56..64 go out encrypted.
    Bytes encrypted = init;
    codec->encrypt_.apply(encrypted);
    std::copy(encrypted.begin() + 56, encrypted.end(), init.begin() + 56);
    codec->pending_header_ = std::move(init);
    return codec;
}

std::unique_ptr<Obfuscated2Codec> Obfuscated2Codec::server(ByteView header,
                                                           const std::optional<ProxyKey>& secret,
                                                           CodecOptions inner) {
    check_header_size(header);
    // The client's encrypt stream is our decrypt stream and vice versa.
    auto client_keys = derive_obfuscated2_client_keys(header, secret);
    Obfuscated2Keys keys{client_keys.decrypt_key, client_keys.decrypt_iv, client_keys.encrypt_key,
                         client_keys.encrypt_iv};
    crypto::AesCtr probe(keys.decrypt_key, keys.decrypt_iv);
    Bytes plain(header.begin(), header.end());
    probe.apply(plain);
    auto protocol = protocol_from_tag(plain.data() + 56);
    if (!protocol) {
        detail::fail(errc::bad_obfuscation_tag,
                     "obfuscated2 header has an unknown protocol tag (wrong secret?)");
    }
    const auto dc = static_cast<std::int16_t>(
        static_cast<std::uint16_t>(plain[60] | static_cast<std::uint16_t>(plain[61]) << 8));
    inner.role = Role::Server;
    std::unique_ptr<Obfuscated2Codec> codec(
        new Obfuscated2Codec(make_codec(*protocol, std::move(inner)), keys, dc));
    Bytes skip(header.begin(), header.end());
    codec->decrypt_.apply(skip);  // move the receive stream past the header
    return codec;
}

Bytes Obfuscated2Codec::take_header() {
    return std::exchange(pending_header_, Bytes{});
}

void Obfuscated2Codec::feed(ByteView chunk) {
    Bytes plain(chunk.begin(), chunk.end());
    decrypt_.apply(plain);
    inner_->feed(plain);
}

void Obfuscated2Codec::encrypt_append(const Bytes& plain, Bytes& out) {
    if (!pending_header_.empty()) {
        out.insert(out.end(), pending_header_.begin(), pending_header_.end());
        pending_header_.clear();
    }
    const std::size_t start = out.size();
    out.insert(out.end(), plain.begin(), plain.end());
    encrypt_.apply(MutableByteView(out).subspan(start));
}

void Obfuscated2Codec::do_encode(ByteView payload, Bytes& out, bool quick_ack) {
    Bytes plain;
    inner_->encode(payload, plain, quick_ack);
    encrypt_append(plain, out);
}

void Obfuscated2Codec::do_encode_error(std::int32_t code, Bytes& out) {
    Bytes plain;
    inner_->encode_error(code, plain);
    encrypt_append(plain, out);
}

void Obfuscated2Codec::do_encode_quick_ack(std::uint32_t token, Bytes& out) {
    Bytes plain;
    inner_->encode_quick_ack(token, plain);
    encrypt_append(plain, out);
}

}  // namespace tgs::transport
