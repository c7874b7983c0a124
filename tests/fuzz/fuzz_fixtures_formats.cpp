// Fixed state of the format and proxy targets: the tdata local key, and the two HMACs of fake
// TLS, computed here so mutated hellos and answers are judged on what follows them.
#include <algorithm>

#include "fuzz_fixtures.hpp"
#include "tgs/crypto/hash.hpp"
#include "tgs/transport/fake_tls.hpp"

namespace tgs::fuzz {

const session::AuthKeyBytes& tdata_local_key() {
    static const session::AuthKeyBytes key(Bytes(session::AuthKeyBytes::kSize, 0x3c));
    return key;
}

namespace {
// HMAC-SHA256(secret, prefix + record with its random zeroed): what both fake-TLS sides sign.
crypto::Sha256Digest hello_mac(ByteView prefix, ByteView record) {
    Bytes msg(prefix.begin(), prefix.end());
    const auto at = msg.size();
    msg.insert(msg.end(), record.begin(), record.end());
    std::fill_n(msg.begin() + static_cast<long>(at + transport::kTlsRandomOffset),
                transport::kTlsRandomSize, 0);
    return crypto::hmac_sha256(proxy_secret(), msg);
}
}  // namespace

void sign_fake_tls_hello(Bytes& record) {
    if (record.size() < transport::kTlsRandomOffset + transport::kTlsRandomSize) return;
    auto mac = hello_mac({}, record);
    // The last 4 bytes carry the time, XORed in little-endian.
    for (std::size_t i = 0; i < 4; ++i)
        mac[28 + i] ^= static_cast<std::uint8_t>(static_cast<std::uint32_t>(kUnixNow) >> (8 * i));
    std::copy(mac.begin(), mac.end(), record.begin() + transport::kTlsRandomOffset);
}

void sign_fake_tls_answer(Bytes& stream, ByteView client_random) {
    // The answer ends with its first application-data record (FakeTlsClient::feed).
    std::size_t at = 0;
    for (;;) {
        if (stream.size() < at + 5) return;
        const std::uint8_t type = stream[at];
        at += 5 + (static_cast<std::size_t>(stream[at + 3]) << 8 | stream[at + 4]);
        if (at > stream.size()) return;
        if (type == 0x17) break;
    }
    if (at < transport::kTlsRandomOffset + transport::kTlsRandomSize) return;
    const auto mac = hello_mac(client_random, ByteView(stream).first(at));
    std::copy(mac.begin(), mac.end(), stream.begin() + transport::kTlsRandomOffset);
}

std::unique_ptr<transport::Codec> fake_tls_client_codec() {
    transport::Obfuscated2ClientParams p;
    p.protocol = transport::Protocol::PaddedIntermediate;
    p.dc_id = 2;
    p.proxy_secret = proxy_secret();
    p.skip_prefix_rules = true;
    p.inner.random = counter_random(9);
    return transport::Obfuscated2Codec::client(p, counter_random(10));
}

}  // namespace tgs::fuzz
