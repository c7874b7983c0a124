// Proxy URLs: the socks5 / http / tg://proxy / t.me forms, and errors that never echo secrets.
#include <gtest/gtest.h>

#include "tgs/transport/proxy_config.hpp"
#include "transport_test_util.hpp"

namespace {

using namespace tgs::transport;
using tgs::transport::testutil::error_code_of;

TEST(ProxyUrl, Socks5WithPercentEncodedCredentials) {
    auto c = parse_proxy_url("socks5://al%40ice:p%3Ass@127.0.0.1:1080");
    EXPECT_EQ(c.kind, ProxyKind::Socks5);
    EXPECT_FALSE(c.remote_dns);
    EXPECT_EQ(c.username, "al@ice");
    EXPECT_EQ(c.password, "p:ss");
    EXPECT_EQ(c.host, "127.0.0.1");
    EXPECT_EQ(c.port, 1080);
    EXPECT_EQ(c.describe(), "socks5 proxy 127.0.0.1:1080");
}

TEST(ProxyUrl, Socks5hAndDefaultPortAndIpv6) {
    auto c = parse_proxy_url("SOCKS5H://[::1]");
    EXPECT_TRUE(c.remote_dns);
    EXPECT_EQ(c.host, "::1");
    EXPECT_EQ(c.port, 1080);
    EXPECT_EQ(c.endpoint(), "[::1]:1080");
}

TEST(ProxyUrl, HttpWithTrailingSlash) {
    auto c = parse_proxy_url("http://u:secretpw@proxy.example:3128/");
    EXPECT_EQ(c.kind, ProxyKind::Http);
    EXPECT_EQ(c.username, "u");
    EXPECT_EQ(c.password, "secretpw");
    EXPECT_EQ(c.endpoint(), "proxy.example:3128");
    EXPECT_EQ(c.describe().find("secretpw"), std::string::npos);
}

TEST(ProxyUrl, MtProxyLinksHexAndBase64) {
    auto plain = parse_proxy_url(
        "tg://proxy?server=127.0.0.1&port=443&secret=00112233445566778899aabbccddeeff");
    EXPECT_EQ(plain.kind, ProxyKind::MtProxy);
    ASSERT_TRUE(plain.secret);
    EXPECT_EQ(plain.secret->kind, ProxySecretKind::Simple);
    EXPECT_EQ(plain.describe(), "MTProxy 127.0.0.1:443 (plain secret)");

    auto dd = parse_proxy_url(
        "https://t.me/proxy?server=h.example&port=8443&secret=dd00112233445566778899aabbccddeeff");
    EXPECT_EQ(dd.secret->kind, ProxySecretKind::Secured);
    EXPECT_EQ(dd.host, "h.example");

    // ee 00112233..ff + "example.com" in URL-safe base64 without padding, as links carry it
    // (encoded with Python's base64.urlsafe_b64encode).
    const std::string b64url = "7gARIjNEVWZ3iJmqu8zd7v9leGFtcGxlLmNvbQ";
    auto ee = parse_proxy_url("tg://proxy?secret=" + b64url + "&server=10.0.0.1&port=443");
    ASSERT_TRUE(ee.secret);
    EXPECT_EQ(ee.secret->kind, ProxySecretKind::FakeTls);
    EXPECT_EQ(ee.secret->domain, "example.com");
    EXPECT_EQ(tgs::to_hex(ee.secret->key), "00112233445566778899aabbccddeeff");
    EXPECT_EQ(ee.describe(), "MTProxy 10.0.0.1:443 (fake-TLS, SNI example.com)");
}

TEST(ProxyUrl, TelegramSocksLink) {
    auto c = parse_proxy_url("tg://socks?server=127.0.0.1&port=1081&user=a&pass=b");
    EXPECT_EQ(c.kind, ProxyKind::Socks5);
    EXPECT_EQ(c.username, "a");
    EXPECT_EQ(c.password, "b");
}

TEST(ProxyUrl, ErrorsNameThePartButNeverTheSecret) {
    auto message_of = [](const std::string& url) {
        try {
            parse_proxy_url(url);
        } catch (const tgs::Error& e) {
            return std::string(e.code()) + " " + e.what();
        }
        return std::string("no error");
    };
    for (const std::string url :
         {"ftp://u:hunter22@h:1", "socks5://u:hunter22@h:99999", "socks5://u:hunter22@:1080",
          "http://u:hunter22@h:1/path", "tg://proxy?server=h&port=1", "tg://proxy?port=1&secret=00",
          "socks5://u:hunter22%zz@h:1", "hunter22"}) {
        const auto m = message_of(url);
        SCOPED_TRACE(m);
        EXPECT_EQ(m.rfind("PROXY_BAD_URL ", 0), 0u);
        EXPECT_EQ(m.find("hunter22"), std::string::npos);
    }
    EXPECT_EQ(error_code_of([] { parse_proxy_url("tg://proxy?server=h&port=1&secret=zz!"); }),
              "TRANSPORT_BAD_PROXY_SECRET");
    EXPECT_EQ(
        error_code_of([] { parse_proxy_url("socks5://" + std::string(256, 'u') + ":p@h:1"); }),
        "PROXY_BAD_URL");
}

}  // namespace
