// SOCKS5 (RFC 1928/1929) and HTTP CONNECT handshakes, byte for byte against the RFCs' layouts,
// fed in every chunking; refusals map to the documented error codes.
#include <gtest/gtest.h>

#include "tgs/transport/proxy_handshake.hpp"
#include "transport_test_util.hpp"

namespace {

using namespace tgs::transport;
using tgs::Bytes;
using tgs::from_hex;
using tgs::transport::testutil::error_code_of;

// Feeds `answer` one byte at a time and returns what the handshake sent in between.
Bytes run_bytewise(ProxyHandshake& h, const Bytes& answer) {
    Bytes sent = h.take_output();
    for (auto b : answer) {
        h.feed(Bytes{b});
        auto more = h.take_output();
        sent.insert(sent.end(), more.begin(), more.end());
    }
    return sent;
}

TEST(Socks5, NoAuthConnectIpv4) {
    auto h = make_socks5_handshake({"127.0.0.1", 10443}, {});
    // Server: method 00; reply succeeded, bound 0.0.0.0:0; then 3 tunnel bytes.
    const Bytes answer = from_hex(
        "0500"
        "05000001000000000000"
        "abcdef");
    const Bytes sent = run_bytewise(*h, answer);
    // Greeting VER NMETHODS METHODS; request VER CMD RSV ATYP ADDR PORT (RFC 1928 §3, §4).
    EXPECT_EQ(tgs::to_hex(sent),
              "050100"
              "050100017f00000128cb");
    EXPECT_TRUE(h->done());
    EXPECT_EQ(tgs::to_hex(h->take_leftover()), "abcdef");
}

TEST(Socks5, UserPassThenDomainAndIpv6Replies) {
    auto h = make_socks5_handshake({"dc.example", 443}, {"user", "pw"});
    EXPECT_EQ(tgs::to_hex(h->take_output()), "05020002");
    h->feed(from_hex("0502"));
    // RFC 1929 §2: VER=1 ULEN UNAME PLEN PASSWD.
    EXPECT_EQ(tgs::to_hex(h->take_output()), "010475736572027077");
    h->feed(from_hex("0100"));
    EXPECT_EQ(tgs::to_hex(h->take_output()),
              "05010003"
              "0a" +
                  tgs::to_hex(tgs::as_bytes("dc.example")) + "01bb");
    // Reply with an IPv6 bound address: 4 + 16 + 2 bytes.
    h->feed(from_hex("05000004" + std::string(32, '0') + "0000"));
    EXPECT_TRUE(h->done());

    auto v6 = make_socks5_handshake({"::1", 443}, {});
    v6->take_output();
    v6->feed(from_hex("0500"));
    EXPECT_EQ(tgs::to_hex(v6->take_output()), "05010004" + std::string(30, '0') +
                                                  "01"
                                                  "01bb");
}

TEST(Socks5, Refusals) {
    auto wrong_pw = make_socks5_handshake({"127.0.0.1", 1}, {"u", "p"});
    wrong_pw->feed(from_hex("0502"));
    EXPECT_EQ(error_code_of([&] { wrong_pw->feed(from_hex("0101")); }), "PROXY_AUTH_REFUSED");

    auto needs_auth = make_socks5_handshake({"127.0.0.1", 1}, {});
    EXPECT_EQ(error_code_of([&] { needs_auth->feed(from_hex("05ff")); }), "PROXY_AUTH_REFUSED");

    auto refused = make_socks5_handshake({"127.0.0.1", 1}, {});
    refused->feed(from_hex("0500"));
    try {
        refused->feed(from_hex("05050001000000000000"));
        FAIL() << "no error";
    } catch (const tgs::Error& e) {
        EXPECT_EQ(e.code(), "PROXY_CONNECT_REFUSED");
        EXPECT_NE(std::string(e.what()).find("connection refused (reply 5)"), std::string::npos);
    }

    auto http = make_socks5_handshake({"127.0.0.1", 1}, {});
    EXPECT_EQ(error_code_of([&] { http->feed(tgs::as_bytes("HTTP/1.1 400 Bad")); }),
              "PROXY_PROTOCOL");
}

TEST(HttpConnect, BasicAuthRequestAndLeftover) {
    auto h = make_http_connect_handshake({"127.0.0.1", 10443}, {"Aladdin", "open sesame"});
    const Bytes sent = h->take_output();
    // RFC 7617 §2's example credentials.
    EXPECT_EQ(std::string(sent.begin(), sent.end()),
              "CONNECT 127.0.0.1:10443 HTTP/1.1\r\nHost: 127.0.0.1:10443\r\n"
              "Proxy-Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n\r\n");
    const std::string head = "HTTP/1.0 200 Connection established\r\nVia: x\r\n\r\n";
    for (char c : head) {
        EXPECT_FALSE(h->done());
        h->feed(Bytes{static_cast<std::uint8_t>(c)});
    }
    EXPECT_TRUE(h->done());
    h->feed(Bytes{0x01, 0x02});
    EXPECT_EQ(tgs::to_hex(h->take_leftover()), "0102");
}

TEST(HttpConnect, RefusalsCarryTheStatus) {
    auto no_auth = make_http_connect_handshake({"::1", 443}, {});
    const Bytes sent = no_auth->take_output();
    EXPECT_EQ(std::string(sent.begin(), sent.end()).substr(0, 30),
              "CONNECT [::1]:443 HTTP/1.1\r\nHo");
    try {
        no_auth->feed(tgs::as_bytes("HTTP/1.1 407 Proxy Authentication Required\r\n\r\n"));
        FAIL();
    } catch (const tgs::Error& e) {
        EXPECT_EQ(e.code(), "PROXY_AUTH_REFUSED");
        EXPECT_NE(std::string(e.what()).find("407"), std::string::npos);
    }
    auto tinyproxy = make_http_connect_handshake({"127.0.0.1", 25}, {"u", "bad"});
    EXPECT_EQ(
        error_code_of([&] { tinyproxy->feed(tgs::as_bytes("HTTP/1.0 401 Unauthorized\r\n\r\n")); }),
        "PROXY_AUTH_REFUSED");
    auto forbidden = make_http_connect_handshake({"127.0.0.1", 25}, {"u", "hunter22"});
    try {
        forbidden->feed(tgs::as_bytes("HTTP/1.1 403 Forbidden\r\n\r\n"));
        FAIL();
    } catch (const tgs::Error& e) {
        EXPECT_EQ(e.code(), "PROXY_CONNECT_REFUSED");
        EXPECT_NE(std::string(e.what()).find("status 403 Forbidden"), std::string::npos);
        EXPECT_EQ(std::string(e.what()).find("hunter22"), std::string::npos);
    }
    auto garbage = make_http_connect_handshake({"127.0.0.1", 25}, {});
    EXPECT_EQ(error_code_of([&] { garbage->feed(tgs::as_bytes("SSH-2.0-OpenSSH\r\n\r\n")); }),
              "PROXY_PROTOCOL");
    auto endless = make_http_connect_handshake({"127.0.0.1", 25}, {});
    EXPECT_EQ(error_code_of([&] { endless->feed(Bytes(20000, 'a')); }), "PROXY_PROTOCOL");
}

TEST(Base64, Rfc4648Vectors) {
    // RFC 4648 §10.
    const char* expected[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    const std::string text = "foobar";
    for (std::size_t n = 0; n <= text.size(); ++n) {
        EXPECT_EQ(base64_encode(tgs::as_bytes(std::string_view(text).substr(0, n))), expected[n]);
    }
}

}  // namespace
