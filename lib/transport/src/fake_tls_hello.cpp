// Fake-TLS hellos (docs/protocol.md §1.3). The ClientHello is shaped like a current browser's
// TLS 1.3 hello so it does not stand out; the values are from the TLS registries, cited per field.
#include <algorithm>
#include <functional>
#include <utility>
#include <vector>

#include "framed_codec.hpp"
#include "tgs/crypto/hash.hpp"
#include "tgs/transport/errors.hpp"
#include "tgs/transport/fake_tls.hpp"

namespace tgs::transport {

namespace {

constexpr std::size_t kHelloRecordSize = 517;  // 5 + 0x200: what tdlib sends and MTProxy wants

// Big-endian builder with length-prefixed blocks patched when they close.
class TlsWriter {
  public:
    void u8(std::uint8_t v) { out_.push_back(v); }
    void u16(std::uint16_t v) {
        u8(static_cast<std::uint8_t>(v >> 8));
        u8(static_cast<std::uint8_t>(v));
    }
    void bytes(ByteView b) { out_.insert(out_.end(), b.begin(), b.end()); }
    void zeros(std::size_t n) { out_.insert(out_.end(), n, 0); }
    /// Opens a block with a `width`-byte length prefix; close() fills it in.
    std::size_t open(int width) {
        const std::size_t at = out_.size();
        out_.insert(out_.end(), static_cast<std::size_t>(width), 0);
        marks_.push_back({at, width});
        return at;
    }
    void close() {
        auto [at, width] = marks_.back();
        marks_.pop_back();
        std::size_t len = out_.size() - at - static_cast<std::size_t>(width);
        for (int i = width - 1; i >= 0; --i) {
            out_[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(len & 0xff);
            len >>= 8;
        }
    }
    std::size_t size() const { return out_.size(); }
    Bytes take() { return std::move(out_); }

  private:
    Bytes out_;
    std::vector<std::pair<std::size_t, int>> marks_;
};

// RFC 8701 GREASE: 0x?A?A with both bytes equal. Distinct values per position, as browsers do.
std::array<std::uint16_t, 4> draw_grease(const crypto::RandomSource& random) {
    std::array<std::uint8_t, 4> r{};
    random(r);
    std::array<std::uint16_t, 4> g{};
    for (std::size_t i = 0; i < g.size(); ++i) {
        std::uint8_t b = static_cast<std::uint8_t>((r[i] & 0xf0) | 0x0a);
        if (i > 0 && b == (g[i - 1] & 0xff)) b ^= 0x10;
        g[i] = static_cast<std::uint16_t>(b << 8 | b);
    }
    return g;
}

void extension(TlsWriter& w, std::uint16_t type, const std::function<void()>& body) {
    w.u16(type);
    w.open(2);
    body();
    w.close();
}

Bytes hello_body_hmac(const ProxyKey& key, ByteView prefix, ByteView record) {
    // HMAC over `prefix` + record with the random zeroed.
    Bytes zeroed(record.begin(), record.end());
    std::fill_n(zeroed.begin() + kTlsRandomOffset, kTlsRandomSize, 0);
    Bytes msg = concat({prefix, zeroed});
    auto mac = crypto::hmac_sha256(key, msg);
    return Bytes(mac.begin(), mac.end());
}

}  // namespace

Bytes make_fake_tls_client_hello(const ProxyKey& key, std::string_view domain,
                                 std::uint32_t unix_time, const crypto::RandomSource& random) {
    const auto grease = draw_grease(random);
    auto fill_random = [&](TlsWriter& w, std::size_t n) {
        Bytes r(n);
        random(r);
        w.bytes(r);
    };
    TlsWriter w;
    w.u8(0x16);     // record type handshake (RFC 8446 §5.1)
    w.u16(0x0301);  // legacy_record_version 3.1 in the first hello (§5.1)
    w.open(2);
    w.u8(0x01);  // HandshakeType client_hello (§4)
    w.open(3);
    w.u16(0x0303);            // legacy_version TLS 1.2 (§4.1.2)
    w.zeros(kTlsRandomSize);  // random: the HMAC goes here
    w.u8(32);                 // legacy_session_id: 32 random bytes, as browsers send
    fill_random(w, 32);
    w.open(2);         // cipher_suites: GREASE, the three TLS 1.3 suites (§B.4),
    w.u16(grease[0]);  // then ECDHE-GCM/ChaCha and legacy suites (IANA registry)
    for (std::uint16_t s : {0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8,
                            0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035}) {
        w.u16(s);
    }
    w.close();
    w.u8(1);  // legacy_compression_methods: null only (§4.1.2)
    w.u8(0);
    w.open(2);  // extensions
    extension(w, grease[1], [] {});
    extension(w, 0x0000, [&] {  // server_name (RFC 6066 §3): one host_name entry
        w.open(2);
        w.u8(0);
        w.open(2);
        w.bytes(as_bytes(domain));
        w.close();
        w.close();
    });
    extension(w, 0x0017, [] {});             // extended_master_secret (RFC 7627)
    extension(w, 0xff01, [&] { w.u8(0); });  // renegotiation_info, empty (RFC 5746)
    extension(w, 0x000a, [&] {               // supported_groups (RFC 8446 §4.2.7)
        w.open(2);
        for (std::uint16_t g :
             {grease[2], std::uint16_t{0x001d}, std::uint16_t{0x0017}, std::uint16_t{0x0018}}) {
            w.u16(g);  // GREASE, x25519, secp256r1, secp384r1
        }
        w.close();
    });
    extension(w, 0x000b, [&] {  // ec_point_formats: uncompressed (RFC 8422 §5.1.2)
        w.u8(1);
        w.u8(0);
    });
    extension(w, 0x0023, [] {});  // session_ticket, empty (RFC 5077)
    extension(w, 0x0010, [&] {    // ALPN (RFC 7301): h2, http/1.1
        w.open(2);
        for (std::string_view p : {"h2", "http/1.1"}) {
            w.u8(static_cast<std::uint8_t>(p.size()));
            w.bytes(as_bytes(p));
        }
        w.close();
    });
    extension(w, 0x0005, [&] {  // status_request: OCSP, no responder ids (RFC 6066 §8)
        w.u8(1);
        w.u16(0);
        w.u16(0);
    });
    extension(w, 0x000d, [&] {  // signature_algorithms (RFC 8446 §4.2.3)
        w.open(2);
        for (std::uint16_t s : {0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601}) {
            w.u16(s);
        }
        w.close();
    });
    extension(w, 0x0012, [] {});  // signed_certificate_timestamp (RFC 6962 §3.3.1)
    extension(w, 0x0033, [&] {    // key_share (§4.2.8): GREASE entry, then x25519
        w.open(2);
        w.u16(grease[2]);
        w.u16(1);
        w.u8(0);
        w.u16(0x001d);
        w.u16(32);
        fill_random(w, 32);  // stands in for a public key; nobody completes this handshake
        w.close();
    });
    extension(w, 0x002d, [&] {  // psk_key_exchange_modes: psk_dhe_ke (§4.2.9)
        w.u8(1);
        w.u8(1);
    });
    extension(w, 0x002b, [&] {  // supported_versions (§4.2.1): GREASE, 1.3, 1.2
        w.u8(6);
        w.u16(grease[3]);
        w.u16(0x0304);
        w.u16(0x0303);
    });
    extension(w, 0x001b, [&] {  // compress_certificate: brotli (RFC 8879)
        w.u8(2);
        w.u16(2);
    });
    extension(w, grease[3], [&] { w.u8(0); });
    // padding (RFC 7685) up to the 517-byte record; 4 bytes for its own header.
    if (w.size() + 4 <= kHelloRecordSize) {
        const std::size_t pad = kHelloRecordSize - w.size() - 4;
        extension(w, 0x0015, [&] { w.zeros(pad); });
    }
    w.close();  // extensions
    w.close();  // handshake
    w.close();  // record
    Bytes record = w.take();

    auto mac = hello_body_hmac(key, {}, record);
    // The last 4 bytes carry the time, XORed in little-endian (tdlib TlsInit, MTProxy).
    for (int i = 0; i < 4; ++i)
        mac[28 + static_cast<std::size_t>(i)] ^= static_cast<std::uint8_t>(unix_time >> (8 * i));
    std::copy(mac.begin(), mac.end(), record.begin() + kTlsRandomOffset);
    return record;
}

std::optional<std::size_t> fake_tls_hello_size(ByteView first) {
    static constexpr std::uint8_t kStart[] = {0x16, 0x03, 0x01};
    const std::size_t have = std::min(first.size(), sizeof kStart);
    if (!std::equal(first.begin(), first.begin() + static_cast<long>(have), kStart)) {
        return std::nullopt;
    }
    if (first.size() < 5) return 5;
    return 5 + (static_cast<std::size_t>(first[3]) << 8 | first[4]);
}

namespace {

// Big-endian reader over one ClientHello; a read past the end makes ok() false.
class TlsReader {
  public:
    explicit TlsReader(ByteView in) : in_(in) {}
    std::size_t u8() { return take(1) ? in_[at_ - 1] : 0; }
    std::size_t u16() { return take(2) ? std::size_t{in_[at_ - 2]} << 8 | in_[at_ - 1] : 0; }
    ByteView bytes(std::size_t n) { return take(n) ? in_.subspan(at_ - n, n) : ByteView{}; }
    bool ok() const { return ok_; }

  private:
    bool take(std::size_t n) {
        ok_ = ok_ && in_.size() - at_ >= n;
        if (ok_) at_ += n;
        return ok_;
    }
    ByteView in_;
    std::size_t at_ = 0;
    bool ok_ = true;
};

// The host_name of the server_name extension (RFC 6066 §3), read after the session id.
std::string hello_server_name(ByteView record, std::size_t after_session_id) {
    TlsReader r(record.subspan(after_session_id));
    r.bytes(r.u16());  // cipher_suites
    r.bytes(r.u8());   // legacy_compression_methods
    TlsReader ext(r.bytes(r.u16()));
    while (r.ok() && ext.ok()) {
        const std::size_t type = ext.u16();
        TlsReader body(ext.bytes(ext.u16()));
        if (!ext.ok() || type != 0x0000) continue;
        TlsReader list(body.bytes(body.u16()));
        while (list.ok()) {
            const std::size_t name_type = list.u8();
            const ByteView name = list.bytes(list.u16());
            if (list.ok() && name_type == 0) return std::string(name.begin(), name.end());
        }
        break;
    }
    return {};
}

}  // namespace

std::optional<FakeTlsHelloInfo> check_fake_tls_client_hello(ByteView record,
                                                            std::span<const ProxyKey> keys) {
    // Header, handshake header, version, random, session id length.
    if (record.size() < kTlsRandomOffset + kTlsRandomSize + 1) return std::nullopt;
    const ByteView sent = record.subspan(kTlsRandomOffset, kTlsRandomSize);
    for (std::size_t k = 0; k < keys.size(); ++k) {
        const Bytes mac = hello_body_hmac(keys[k], {}, record);
        std::array<std::uint8_t, kTlsRandomSize> x{};
        for (std::size_t i = 0; i < x.size(); ++i)
            x[i] = static_cast<std::uint8_t>(mac[i] ^ sent[i]);
        if (!std::all_of(x.begin(), x.begin() + 28, [](std::uint8_t b) { return b == 0; })) {
            continue;
        }
        FakeTlsHelloInfo info;
        info.key_index = k;
        info.timestamp = detail::load_le32(x.data() + 28);
        std::copy(sent.begin(), sent.end(), info.client_random.begin());
        const std::size_t sid_at = kTlsRandomOffset + kTlsRandomSize;
        const std::size_t sid_len = record[sid_at];
        if (sid_len > 32 || record.size() < sid_at + 1 + sid_len) return std::nullopt;
        info.session_id.assign(record.begin() + static_cast<long>(sid_at + 1),
                               record.begin() + static_cast<long>(sid_at + 1 + sid_len));
        info.server_name = hello_server_name(record, sid_at + 1 + sid_len);
        return info;
    }
    return std::nullopt;
}

Bytes make_fake_tls_server_hello(const ProxyKey& key, const FakeTlsHelloInfo& hello,
                                 const crypto::RandomSource& random) {
    TlsWriter w;
    w.u8(0x16);
    w.u16(0x0303);
    w.open(2);
    w.u8(0x02);  // HandshakeType server_hello (RFC 8446 §4)
    w.open(3);
    w.u16(0x0303);
    w.zeros(kTlsRandomSize);
    w.u8(static_cast<std::uint8_t>(hello.session_id.size()));  // echoed (§4.1.3)
    w.bytes(hello.session_id);
    w.u16(0x1301);  // TLS_AES_128_GCM_SHA256
    w.u8(0);        // legacy_compression_method
    w.open(2);
    extension(w, 0x0033, [&] {  // key_share: x25519
        w.u16(0x001d);
        w.u16(32);
        Bytes k(32);
        random(k);
        w.bytes(k);
    });
    extension(w, 0x002b, [&] { w.u16(0x0304); });  // supported_versions: TLS 1.3
    w.close();
    w.close();
    w.close();
    // ChangeCipherSpec (RFC 8446 §D.4 middlebox compatibility), then one encrypted-looking
    // record standing in for EncryptedExtensions..Finished (certificate-sized, as mtprotoproxy
    // sends at least 1024 bytes).
    for (std::uint8_t b : {0x14, 0x03, 0x03, 0x00, 0x01, 0x01}) w.u8(b);
    std::array<std::uint8_t, 2> r{};
    random(r);
    Bytes fake(1024 + (static_cast<std::size_t>(r[0]) << 8 | r[1]) % 3072);
    random(fake);
    w.u8(0x17);
    w.u16(0x0303);
    w.u16(static_cast<std::uint16_t>(fake.size()));
    w.bytes(fake);
    Bytes out = w.take();
    const Bytes mac = hello_body_hmac(key, hello.client_random, out);
    std::copy(mac.begin(), mac.end(), out.begin() + kTlsRandomOffset);
    return out;
}

FakeTlsClient::FakeTlsClient(const ProxyKey& key, std::string_view domain, std::uint32_t unix_time,
                             const crypto::RandomSource& random)
    : key_(key), hello_(make_fake_tls_client_hello(key, domain, unix_time, random)) {
    std::copy_n(hello_.begin() + kTlsRandomOffset, kTlsRandomSize, client_random_.begin());
}

bool FakeTlsClient::feed(ByteView chunk) {
    if (done_) {
        leftover_.insert(leftover_.end(), chunk.begin(), chunk.end());
        return true;
    }
    in_.insert(in_.end(), chunk.begin(), chunk.end());
    // Accepted answers (tdlib TlsInit): ServerHello record, ChangeCipherSpec, application data;
    // or ChangeCipherSpec, application data. The answer ends with its first data record.
    std::size_t at = 0;
    for (bool first = true;; first = false) {
        if (in_.size() < at + 5) return false;
        const std::uint8_t type = in_[at];
        const bool version_ok = in_[at + 1] == 0x03 && in_[at + 2] == 0x03;
        const bool type_ok =
            first ? (type == 0x16 || type == 0x14) : (type == 0x14 || type == 0x17);
        if (!version_ok || !type_ok) {
            detail::fail(errc::fake_tls_bad_response,
                         "the answer to the fake-TLS ClientHello is not a TLS ServerHello");
        }
        const std::size_t len = static_cast<std::size_t>(in_[at + 3]) << 8 | in_[at + 4];
        if (in_.size() < at + 5 + len) return false;
        at += 5 + len;
        if (type == 0x17) break;
    }
    if (at < kTlsRandomOffset + kTlsRandomSize) {
        detail::fail(errc::fake_tls_bad_response, "the fake-TLS ServerHello is too short");
    }
    const ByteView answer(in_.data(), at);
    const Bytes mac = hello_body_hmac(key_, client_random_, answer);
    if (!std::equal(mac.begin(), mac.end(), answer.begin() + kTlsRandomOffset)) {
        detail::fail(errc::fake_tls_hmac,
                     "the ServerHello did not verify with the secret (wrong secret, or not an "
                     "MTProxy)");
    }
    leftover_.assign(in_.begin() + static_cast<long>(at), in_.end());
    in_.clear();
    done_ = true;
    return true;
}

}  // namespace tgs::transport
