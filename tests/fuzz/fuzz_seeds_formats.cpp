// Seeds of the format and proxy targets: real files, keys, URLs and protocol answers, made with
// the library's own writers (SQLite files by session::save, tdata parts by their encoders, fake
// TLS by both of its sides).
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fstream>
#include <iterator>

#include "fuzz_fixtures.hpp"
#include "fuzz_targets.hpp"
#include "tdata_file.hpp"
#include "tdata_local_crypto.hpp"
#include "tdata_parts.hpp"
#include "tgs/session/store.hpp"
#include "tgs/session/tdata.hpp"
#include "tgs/transport/fake_tls.hpp"

namespace tgs::fuzz {
namespace {

Bytes text(std::string_view s) {
    return Bytes(s.begin(), s.end());
}

std::vector<Bytes> sqlite_image_seeds() {
    std::vector<Bytes> out;
    int n = 0;
    for (auto f :
         {session::Format::Telethon, session::Format::Telethon2, session::Format::Pyrogram}) {
        const auto path = scratch_dir() / ("image" + std::to_string(n++) + ".session");
        session::save(path, sample_session(), f, {});
        std::ifstream in(path, std::ios::binary);
        out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return out;
}

// The fuzz key as PKCS#1 (RsaPublicKey::to_pem) and as SubjectPublicKeyInfo (written by OpenSSL).
std::vector<Bytes> rsa_public_pem_seeds() {
    const std::string pkcs1 = fuzz_rsa_public_key().to_pem();
    std::vector<Bytes> out{text(pkcs1)};
    BIO* in = BIO_new_mem_buf(pkcs1.data(), static_cast<int>(pkcs1.size()));
    char* name = nullptr;
    char* header = nullptr;
    unsigned char* der = nullptr;
    long len = 0;
    EVP_PKEY* key = nullptr;
    if (PEM_read_bio(in, &name, &header, &der, &len) == 1) {
        const unsigned char* p = der;
        key = d2i_PublicKey(EVP_PKEY_RSA, nullptr, &p, len);
    }
    BIO* spki = BIO_new(BIO_s_mem());
    if (key && PEM_write_bio_PUBKEY(spki, key) == 1) {
        char* data = nullptr;
        const long n = BIO_get_mem_data(spki, &data);
        out.push_back(text(std::string_view(data, static_cast<std::size_t>(n))));
    }
    BIO_free(spki);
    EVP_PKEY_free(key);
    OPENSSL_free(name);
    OPENSSL_free(header);
    OPENSSL_free(der);
    BIO_free(in);
    return out;
}

std::vector<Bytes> tdata_seeds() {
    using namespace session::tdata;
    Account a;
    a.user_id = 777000123;
    a.main_dc = 2;
    a.keys.push_back({2, session::AuthKeyBytes(Bytes(256, 0x21))});
    a.keys.push_back({4, session::AuthKeyBytes(Bytes(256, 0x42))});
    a.keys_to_destroy.push_back({1, session::AuthKeyBytes(Bytes(256, 0x13))});
    MtpConfig config = default_config(false);
    const auto key = fuzz_rsa_public_key();
    config.rsa_keys.push_back({2, key.n().to_bytes(), key.e().to_bytes()});
    const detail::KeyData kd{Bytes(detail::kSaltSize, 0x55), Bytes(288, 0x66), Bytes(32, 0x77)};
    const detail::AccountList list{{0, 2, 5}, 2};
    const Bytes account_list = detail::encode_account_list(list);
    return {
        prefixed(0, detail::encode_tdf(detail::encode_key_data(kd))),
        prefixed(1, detail::encode_config(config)),
        prefixed(1, detail::encode_config(default_config(true))),
        prefixed(2, detail::encode_mtp_authorization(a)),
        prefixed(3, detail::encode_key_data(kd)),
        prefixed(4, account_list),
        prefixed(5, detail::encrypt_local(account_list, tdata_local_key())),
    };
}

std::vector<Bytes> proxy_url_seeds() {
    const std::string key = "0102030405060708090a0b0c0d0e0f10";
    const std::string domain_hex = "6578616d706c652e636f6d";  // example.com
    std::vector<Bytes> out;
    for (std::string_view url : {"socks5://127.0.0.1:1080", "socks5://user:pass@127.0.0.1:1080",
                                 "socks5h://alice:s3cret@proxy.example.org:9050",
                                 "http://[::1]:3128", "http://user:p%40ss@proxy.example:8080"})
        out.push_back(prefixed(0, text(url)));
    out.push_back(prefixed(0, text("tg://proxy?server=127.0.0.1&port=443&secret=" + key)));
    out.push_back(
        prefixed(0, text("https://t.me/proxy?server=proxy.example&port=8443&secret=dd" + key)));
    out.push_back(
        prefixed(0, text("tg://proxy?port=443&server=127.0.0.1&secret=ee" + key + domain_hex)));
    for (const std::string& s : {key, "dd" + key, "ee" + key + domain_hex,
                                 std::string("7gECAwQFBgcICQoLDA0ODxBleGFtcGxlLmNvbQ")})
        out.push_back(prefixed(1, text(s)));
    return out;
}

std::vector<Bytes> proxy_handshake_seeds() {
    const Bytes tail = {0xef, 0x01, 0x02};  // the tunnel's first bytes
    auto join = [&](std::initializer_list<Bytes> parts) {
        Bytes s;
        for (const auto& p : parts) s.insert(s.end(), p.begin(), p.end());
        s.insert(s.end(), tail.begin(), tail.end());
        return s;
    };
    const Bytes ok4 = {0x05, 0x00, 0x00, 0x01, 149, 154, 167, 51, 0x01, 0xbb};
    const Bytes ok_name = {0x05, 0x00, 0x00, 0x03, 3, 'a', '.', 'b', 0x01, 0xbb};
    Bytes ok6 = {0x05, 0x00, 0x00, 0x04};
    ok6.resize(4 + 16 + 2, 0x20);
    const std::string http = "HTTP/1.1 200 Connection established\r\nVia: proxy\r\n\r\n";
    return {
        prefixed(0 | (7 << 2), join({{0x05, 0x00}, ok4})),
        prefixed(0 | (0 << 2), join({{0x05, 0x00}, ok_name})),
        prefixed(0 | (3 << 2), join({{0x05, 0x00}, ok6})),
        prefixed(2 | (63 << 2), join({{0x05, 0x02}, {0x01, 0x00}, ok4})),
        prefixed(1 | (9 << 2), join({text(http)})),
        prefixed(3 | (63 << 2), join({text("HTTP/1.0 200 OK\r\n\r\n")})),
    };
}

// Both directions of a fake-TLS connection through the MTProxy, payloads included.
std::vector<Bytes> fake_tls_seeds() {
    std::vector<Bytes> out;
    // What the client sends: its hello, then the obfuscated2 stream in records.
    transport::FakeTlsClient client(proxy_secret(), kFakeTlsDomain, kUnixNow, counter_random(8));
    const Bytes hello = client.take_hello();
    Bytes up = hello;
    transport::FakeTlsCodec client_codec(fake_tls_client_codec());
    client_codec.encode(Bytes(40, 0x41), up);
    client_codec.encode(Bytes(900, 0x42), up);
    out.push_back(prefixed(static_cast<std::uint8_t>(20 << 1), up));
    out.push_back(prefixed(static_cast<std::uint8_t>(127 << 1), up));

    // What the proxy answers: ServerHello + CCS + data, then records from the server codec.
    transport::FakeTlsHelloInfo info;
    std::copy_n(hello.begin() + transport::kTlsRandomOffset, transport::kTlsRandomSize,
                info.client_random.begin());
    Bytes down = transport::make_fake_tls_server_hello(proxy_secret(), info, counter_random(11));
    auto header_source = fake_tls_client_codec();
    const Bytes header = static_cast<transport::Obfuscated2Codec&>(*header_source).take_header();
    transport::FakeTlsCodec server_codec(
        transport::Obfuscated2Codec::server(header, proxy_secret()));
    server_codec.encode(Bytes(64, 0x51), down);
    server_codec.encode(Bytes(700, 0x52), down);
    out.push_back(prefixed(static_cast<std::uint8_t>(1 | (33 << 1)), down));
    out.push_back(prefixed(static_cast<std::uint8_t>(1 | (127 << 1)), down));
    return out;
}

}  // namespace

std::vector<Bytes> format_seeds(std::string_view name) {
    if (name == "sqlite_image") return sqlite_image_seeds();
    if (name == "rsa_public_pem") return rsa_public_pem_seeds();
    if (name == "tdata") return tdata_seeds();
    if (name == "proxy_url") return proxy_url_seeds();
    if (name == "proxy_handshake") return proxy_handshake_seeds();
    if (name == "fake_tls") return fake_tls_seeds();
    return {};
}

}  // namespace tgs::fuzz
