#include <gtest/gtest.h>

#include "server_config.hpp"
#include "tgs/error.hpp"

namespace tgsession {
namespace {

TEST(DcOption, Ipv4AndIpv6) {
    auto [id, ep] = parse_dc_option("2=127.0.0.1:4431");
    EXPECT_EQ(id, 2);
    EXPECT_EQ(ep.host, "127.0.0.1");
    EXPECT_EQ(ep.port, 4431);
    auto [id6, ep6] = parse_dc_option("4=[::1]:443");
    EXPECT_EQ(id6, 4);
    EXPECT_EQ(ep6.host, "::1");
    EXPECT_EQ(ep6.port, 443);
}

TEST(DcOption, RejectsMalformed) {
    for (const char* bad : {"2", "2=host", "x=h:1", "2=h:0", "2=h:70000", "2=:443", "2=::1:443",
                            "2=[::1]443", "0=h:1"}) {
        EXPECT_THROW(parse_dc_option(bad), tgs::Error) << bad;
    }
}

TEST(ServerConfigJson, TestdcShape) {
    const auto c = parse_server_config_json(
        R"({"dcs":[{"id":1,"host":"127.0.0.1","port":5001},{"id":2,"host":"127.0.0.1","port":5002}],
            "rsa_public_keys":["-----BEGIN RSA PUBLIC KEY-----\nAA\n-----END RSA PUBLIC KEY-----\n"]})");
    ASSERT_EQ(c.dcs.size(), 2U);
    EXPECT_EQ(c.dcs.at(2).port, 5002);
    ASSERT_EQ(c.rsa_keys_pem.size(), 1U);
}

TEST(ServerConfigJson, Invalid) {
    EXPECT_THROW(parse_server_config_json("{"), tgs::Error);
    EXPECT_THROW(parse_server_config_json(R"({"dcs":[]})"), tgs::Error);
    EXPECT_THROW(parse_server_config_json(R"({"dcs":[{"id":1}]})"), tgs::Error);
}

TEST(ServerConfigJson, FlagsOverrideFile) {
    ServerConfig base;
    base.dcs[2] = {"10.0.0.1", 1};
    const auto merged = merge_server_config(base, {"2=127.0.0.1:9", "3=127.0.0.1:10"},
                                            {"-----BEGIN RSA PUBLIC KEY-----\n..."});
    EXPECT_EQ(merged.dcs.at(2).host, "127.0.0.1");
    EXPECT_EQ(merged.dcs.at(3).port, 10);
    EXPECT_EQ(merged.rsa_keys_pem.size(), 1U);
    EXPECT_THROW(load_rsa_key_argument("/nonexistent/key.pem"), tgs::Error);
}

}  // namespace
}  // namespace tgsession
