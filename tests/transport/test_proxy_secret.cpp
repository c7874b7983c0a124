// MTProxy secret classification: the gotd table in transport.json plus the link encodings.
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "tgs/transport/proxy_secret.hpp"
#include "transport_test_util.hpp"

namespace {

using tgs::to_hex;
using tgs::test::load_vectors;
using namespace tgs::transport;
using namespace tgs::transport::testutil;

std::string kind_name(ProxySecretKind k) {
    switch (k) {
        case ProxySecretKind::Simple:
            return "Simple";
        case ProxySecretKind::Secured:
            return "Secured";
        case ProxySecretKind::FakeTls:
            return "TLS";
    }
    return "?";
}

TEST(ProxySecret, ParseTable) {
    auto table = load_vectors("transport.json")["mtproxy_secrets"]["parse_table"];
    ASSERT_GE(table.size(), 9u);
    for (const auto& row : table) {
        const std::string text = row["secret_hex"].get<std::string>();
        SCOPED_TRACE(row["name"].get<std::string>() + " " + text);
        if (row["error"].get<bool>()) {
            EXPECT_EQ(error_code_of([&] { parse_proxy_secret_text(text); }),
                      "TRANSPORT_BAD_PROXY_SECRET");
            continue;
        }
        const ProxySecret s = parse_proxy_secret_text(text);
        EXPECT_EQ(kind_name(s.kind), row["type"].get<std::string>());
        const std::size_t key_at = s.kind == ProxySecretKind::Simple ? 0 : 2;
        EXPECT_EQ(to_hex(s.key), text.substr(key_at, 32));
        if (s.kind == ProxySecretKind::FakeTls) {
            EXPECT_EQ(to_hex(tgs::as_bytes(s.domain)), text.substr(34));
        } else {
            EXPECT_TRUE(s.domain.empty());
        }
    }
}

TEST(ProxySecret, DomainsFromTable) {
    EXPECT_EQ(
        parse_proxy_secret_text("ee852380f362a09343efb4690c4e17862e676f6f676c652e636f6d").domain,
        "google.com");
    EXPECT_EQ(
        parse_proxy_secret_text("ee7cea5c13d65f12fd808de70ddcc8d3a979616e6465782e7275").domain,
        "yandex.ru");
}

TEST(ProxySecret, Base64UrlAndBase64Forms) {
    // The table's "Simple" secret 52a493bdfb90eea55739eabff2d92a14 in both alphabets.
    for (const char* text :
         {"UqSTvfuQ7qVXOeq_8tkqFA==", "UqSTvfuQ7qVXOeq/8tkqFA==", "UqSTvfuQ7qVXOeq_8tkqFA"}) {
        auto s = parse_proxy_secret_text(text);
        EXPECT_EQ(s.kind, ProxySecretKind::Simple) << text;
        EXPECT_EQ(to_hex(s.key), "52a493bdfb90eea55739eabff2d92a14") << text;
    }
    auto tls = parse_proxy_secret_text("7oUjgPNioJND77RpDE4Xhi5nb29nbGUuY29t");
    EXPECT_EQ(tls.kind, ProxySecretKind::FakeTls);
    EXPECT_EQ(tls.domain, "google.com");
    auto secured = parse_proxy_secret_text("3fBft6y1Sb4EenxYURZYFBg=");
    EXPECT_EQ(secured.kind, ProxySecretKind::Secured);
    EXPECT_EQ(to_hex(secured.key), "f05fb7acb549be047a7c585116581418");
}

TEST(ProxySecret, RejectsGarbageAndLongDomains) {
    for (const char* text : {"", "not a secret!", "zz", "UqSTvfuQ7qVXOeq_8tkq/A=="}) {
        EXPECT_EQ(error_code_of([&] { parse_proxy_secret_text(text); }),
                  "TRANSPORT_BAD_PROXY_SECRET")
            << text;
    }
    tgs::Bytes raw(17 + 183, 'a');
    raw[0] = 0xee;
    EXPECT_EQ(error_code_of([&] { parse_proxy_secret(raw); }), "TRANSPORT_BAD_PROXY_SECRET");
    raw.pop_back();
    EXPECT_EQ(parse_proxy_secret(raw).domain.size(), 182u);
}

}  // namespace
