// Fuzz targets for the file formats and proxy protocols added after the first thirteen: the
// in-memory SQLite reader, the RSA public key PEM/DER reader, Telegram Desktop's tdata parts,
// proxy URLs and secrets, the SOCKS5 / HTTP CONNECT handshakes, and fake TLS on both sides
// (the client's and the test DC's MTProxy). Two of them also compare against the library that
// the fast reader stands in for (SQLite, OpenSSL): a value the fast path returns must be the one
// the slow path would have; a difference throws std::logic_error, which is a finding.
#include <SQLiteCpp/Database.h>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include "fuzz_fixtures.hpp"
#include "fuzz_targets.hpp"
#include "internal.hpp"
#include "rsa_public_der.hpp"
#include "sqlite_image.hpp"
#include "tdata_file.hpp"
#include "tdata_local_crypto.hpp"
#include "tdata_parts.hpp"
#include "tgs/crypto/hash.hpp"
#include "tgs/transport/fake_tls.hpp"
#include "tgs/transport/proxy_config.hpp"
#include "tgs/transport/proxy_handshake.hpp"
#include "tgs/transport/proxy_secret.hpp"

namespace tgs::fuzz {
namespace {

std::string_view as_text(ByteView in) {
    return {reinterpret_cast<const char*>(in.data()), in.size()};
}

[[noreturn]] void finding(const std::string& what) {
    throw std::logic_error(what);
}

// What SQLite itself reads from `image` (the path every file took before the image reader).
std::optional<session::SessionData> sqlite_read(ByteView image) {
    const auto path = scratch_dir() / "image.session";
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(image.data()),
               static_cast<std::streamsize>(image.size()));
    try {
        SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
        if (session::detail::classify_sqlite(db) != session::Format::Telethon) return std::nullopt;
        return session::detail::read_telethon_v1(db);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// A file image: every table the schema names is scanned; a Telethon file the image reader
// accepts must read exactly as SQLite reads it.
void sqlite_image(ByteView in) {
    if (const auto img = session::detail::SqliteImage::open(in)) {
        if (const auto schema = img->schema()) {
            for (const auto& e : *schema)
                if (e.root_page) (void)img->rows(e.root_page);
        }
    }
    const auto fast = session::detail::read_telethon_v1_image(in);
    if (fast && sqlite_read(in) != fast) finding("the image reader and SQLite disagree");
}

struct RsaParts {
    Bytes n, e;
};

Bytes bn_param(const EVP_PKEY* key, const char* name) {
    BIGNUM* bn = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &bn) != 1 || !bn) return {};
    Bytes out(static_cast<std::size_t>(BN_num_bytes(bn)));
    BN_bn2bin(bn, out.data());
    BN_free(bn);
    return out;
}

// OpenSSL's own reading of the PEM (PEM_read_bio + d2i, the decoders OSSL_DECODER ends in).
std::optional<RsaParts> openssl_read(std::string_view pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    char* name = nullptr;
    char* header = nullptr;
    unsigned char* der = nullptr;
    long len = 0;
    const bool read = PEM_read_bio(bio, &name, &header, &der, &len) == 1;
    BIO_free(bio);
    std::optional<RsaParts> out;
    if (read) {
        const unsigned char* p = der;
        EVP_PKEY* key = std::string_view(name) == "PUBLIC KEY"
                            ? d2i_PUBKEY(nullptr, &p, len)
                            : d2i_PublicKey(EVP_PKEY_RSA, nullptr, &p, len);
        if (key && EVP_PKEY_is_a(key, "RSA") && p == der + len) {
            out = RsaParts{bn_param(key, OSSL_PKEY_PARAM_RSA_N),
                           bn_param(key, OSSL_PKEY_PARAM_RSA_E)};
        }
        EVP_PKEY_free(key);
    }
    OPENSSL_free(name);
    OPENSSL_free(header);
    OPENSSL_free(der);
    return out;
}

// PEM text to the direct reader; whatever it accepts, OpenSSL must read as the same n and e.
void rsa_public_pem(ByteView in) {
    const auto parts = crypto::detail::parse_rsa_public_pem(as_text(in));
    if (!parts) return;
    const auto ssl = openssl_read(as_text(in));
    if (!ssl) finding("the direct RSA reader accepted a key OpenSSL refuses");
    if (ssl->n != parts->n || ssl->e != parts->e) finding("n or e differs from OpenSSL's");
}

// Byte 0 mod 6 picks the part of a tdata folder; the rest is that part's bytes.
void tdata(ByteView in) {
    if (in.empty()) return;
    using namespace session::tdata;
    const ByteView b = in.subspan(1);
    const std::string what = "fuzz";
    switch (in[0] % kTdataParts) {
        case 0:
            (void)detail::decode_tdf(b, what);
            break;
        case 1:
            (void)detail::decode_config(b, what);
            break;
        case 2: {
            Account a;
            detail::decode_mtp_authorization(b, a, what);
            break;
        }
        case 3:
            (void)detail::decode_key_data(b, what);
            break;
        case 4:
            (void)detail::decode_account_list(b, what);
            break;
        default:
            if (auto plain = detail::decrypt_local(b, tdata_local_key(), what))
                (void)detail::decode_account_list(*plain, what);
            break;
    }
}

// Byte 0 bit 0: a proxy URL or an MTProxy secret as links carry it; the rest is the text.
void proxy_url(ByteView in) {
    if (in.empty()) return;
    const auto text = as_text(in.subspan(1));
    if (in[0] & 1) {
        (void)transport::parse_proxy_secret_text(text);
        return;
    }
    const auto c = transport::parse_proxy_url(text);
    (void)c.describe();
    (void)c.endpoint();
}

// Byte 0: bit 0 HTTP CONNECT (else SOCKS5), bit 1 with credentials, bits 2-7 chunk size - 1;
// the rest is what the proxy answers.
void proxy_handshake(ByteView in) {
    if (in.empty()) return;
    transport::ProxyTarget target{"149.154.167.51", 443};
    transport::ProxyCredentials creds;
    if (in[0] & 2) creds = {"user", "secret-password"};
    auto h = (in[0] & 1) ? transport::make_http_connect_handshake(target, creds)
                         : transport::make_socks5_handshake(target, creds);
    const ByteView answer = in.subspan(1);
    const std::size_t chunk = static_cast<std::size_t>(in[0] >> 2) + 1;
    (void)h->take_output();
    for (std::size_t off = 0; off < answer.size() && !h->done(); off += chunk) {
        h->feed(answer.subspan(off, std::min(chunk, answer.size() - off)));
        (void)h->take_output();
    }
    (void)h->take_leftover();
}

void drain(transport::Codec& codec, ByteView stream, std::size_t chunk) {
    for (std::size_t off = 0; off < stream.size(); off += chunk) {
        codec.feed(stream.subspan(off, std::min(chunk, stream.size() - off)));
        while (codec.next()) {
        }
    }
}

// The test DC's MTProxy: a client's stream (hello, then records). The hello is signed here as
// a client holding the secret would sign it, so inputs get past the HMAC to what follows.
void fake_tls_server(ByteView in, std::size_t chunk) {
    const auto need = transport::fake_tls_hello_size(in);
    if (!need || *need > in.size()) return;
    Bytes hello(in.begin(), in.begin() + static_cast<long>(*need));
    sign_fake_tls_hello(hello);
    const transport::ProxyKey keys[] = {proxy_secret()};
    const auto info = transport::check_fake_tls_client_hello(hello, keys);
    if (!info) return;
    (void)transport::make_fake_tls_server_hello(keys[0], *info, counter_random(7));
    Bytes records(in.begin() + static_cast<long>(*need), in.end());
    Bytes plain;
    transport::unwrap_fake_tls_records(records, plain);
    if (plain.size() < transport::kObfuscatedHeaderSize) return;
    auto inner = transport::Obfuscated2Codec::server(
        ByteView(plain).first(transport::kObfuscatedHeaderSize), keys[0]);
    transport::FakeTlsCodec codec(std::move(inner));
    drain(codec.inner(), ByteView(plain).subspan(transport::kObfuscatedHeaderSize), chunk);
    drain(codec, records, chunk);
}

// The client: the proxy's answer (signed here with the client's random, as the proxy would),
// then the tunnel's records.
void fake_tls_client(ByteView in, std::size_t chunk) {
    transport::FakeTlsClient client(proxy_secret(), kFakeTlsDomain, kUnixNow, counter_random(8));
    const Bytes hello = client.take_hello();
    Bytes answer(in.begin(), in.end());
    sign_fake_tls_answer(
        answer, ByteView(hello).subspan(transport::kTlsRandomOffset, transport::kTlsRandomSize));
    // Once the answer is complete, feed() keeps what follows for take_leftover().
    bool done = false;
    for (std::size_t off = 0; off < answer.size(); off += chunk)
        done = client.feed(ByteView(answer).subspan(off, std::min(chunk, answer.size() - off)));
    if (!done) return;
    transport::FakeTlsCodec codec(fake_tls_client_codec());
    drain(codec, client.take_leftover(), chunk);
    codec.finish();
}

// Byte 0: bit 0 the client side (else the proxy's), bits 1-7 chunk size - 1.
void fake_tls(ByteView in) {
    if (in.empty()) return;
    const std::size_t chunk = static_cast<std::size_t>(in[0] >> 1) + 1;
    if (in[0] & 1) {
        fake_tls_client(in.subspan(1), chunk);
    } else {
        fake_tls_server(in.subspan(1), chunk);
    }
}

}  // namespace

std::vector<Target> format_targets() {
    return {
        {"sqlite_image", guarded<sqlite_image>},
        {"rsa_public_pem", guarded<rsa_public_pem>},
        {"tdata", guarded<tdata>},
        {"proxy_url", guarded<proxy_url>},
        {"proxy_handshake", guarded<proxy_handshake>},
        {"fake_tls", guarded<fake_tls>},
    };
}

}  // namespace tgs::fuzz
