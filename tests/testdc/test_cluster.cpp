// lib/testdc's Cluster in-process: several clusters on one io_context, ports chosen by the OS,
// the --write-config description, a real handshake + RPC through lib/net, stop() closing the
// listeners, and a substituted request handler.
#include <gtest/gtest.h>

#include <asio/ip/tcp.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "in_process_dc.hpp"
#include "tgs/net/sender.hpp"
#include "tgs/rpc_error.hpp"
#include "tgs/tl/api.hpp"

namespace {

using namespace tgs;
namespace api = tl::api;

net::SenderOptions options_for(const test::InProcessDc& dc, int id) {
    net::SenderOptions o;
    o.connection.host = dc.host(id);
    o.connection.port = dc.port(id);
    o.connection.transport = net::parse_transport("intermediate");
    o.connection.dc_id = id;
    o.rsa_keys.push_back(crypto::RsaPublicKey::from_pem(dc.public_key_pem()));
    o.connection.timeout = std::chrono::milliseconds(5000);
    return o;
}

api::config get_config(test::IoThread& loop, const std::shared_ptr<net::Sender>& s) {
    const Bytes body = loop.run(s->invoke(api::serialize(api::help_getConfig{})));
    tl::Reader r(body);
    return std::get<api::config>(api::read_result<api::help_getConfig>(r));
}

TEST(Cluster, TwoClustersOnOneIoContextWithPortsFromTheOs) {
    test::IoThread loop;
    testdc::ServeOptions two;
    two.dc_count = 2;
    test::InProcessDc a(loop, two);
    test::InProcessDc b(loop);
    std::set<int> ports;
    for (int i = 1; i <= 2; ++i) ports.insert(a.port(i));
    for (int i = 1; i <= 3; ++i) ports.insert(b.port(i));
    EXPECT_EQ(ports.size(), 5u);
    EXPECT_EQ(ports.count(0), 0u);

    // Cluster b's DC 3 answers with its own DC list; a is untouched.
    auto s = loop.run(net::Sender::connect(options_for(b, 3)));
    const auto cfg = get_config(loop, s);
    EXPECT_EQ(cfg.this_dc, 3);
    ASSERT_EQ(cfg.dc_options.size(), 3u);
    EXPECT_EQ(std::get<api::dcOption>(cfg.dc_options[1]).port, b.port(2));
    EXPECT_EQ(b.cluster().handshakes(), 1);
    EXPECT_EQ(a.cluster().handshakes(), 0);
    loop.post_wait([s] { s->close(); });
}

TEST(Cluster, ConfigJsonIsWhatWriteConfigWrites) {
    test::IoThread loop;
    test::InProcessDc dc(loop);
    const std::string text = dc.cluster().config_json();
    // Key order is part of the contract: dcs first, then the keys; id, host, port per DC.
    EXPECT_EQ(text.rfind("{\"dcs\":[{\"id\":1,\"host\":\"127.0.0.1\",\"port\":", 0), 0u) << text;
    const auto j = nlohmann::json::parse(text);
    ASSERT_EQ(j.at("dcs").size(), 3u);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(j["dcs"][i]["port"].get<int>(), dc.port(i + 1));
    ASSERT_EQ(j.at("rsa_public_keys").size(), 1u);
    EXPECT_EQ(j["rsa_public_keys"][0].get<std::string>(), dc.public_key_pem());
    EXPECT_EQ(j.size(), 2u);
}

TEST(Cluster, StopClosesTheListeners) {
    test::IoThread loop;
    test::InProcessDc dc(loop);
    const int port = dc.port(1);
    dc.stop();
    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    std::error_code ec;
    socket.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)}, ec);
    EXPECT_EQ(ec, asio::error::connection_refused);
}

TEST(Cluster, ASubstitutedHandlerAnswersInsteadOfTheRpcHandler) {
    test::IoThread loop;
    test::InProcessDc dc(loop);
    dc.cluster().set_request_handler([](const testdc::CallContext& ctx, ByteView request) {
        testdc::Reply reply;
        if (request.size() == 4) {
            reply.error = "FLOOD_WAIT_" + std::to_string(ctx.dc_id);
            reply.error_code = 420;
        } else {
            reply.body.assign(request.begin(), request.end());
        }
        return reply;
    });
    auto s = loop.run(net::Sender::connect(options_for(dc, 2)));
    const Bytes echo = {1, 2, 3, 4, 5, 6, 7, 8};
    EXPECT_EQ(loop.run(s->invoke(echo)), echo);
    try {
        loop.run(s->invoke(Bytes{9, 9, 9, 9}));
        ADD_FAILURE() << "expected FLOOD_WAIT";
    } catch (const RpcError& e) {
        EXPECT_EQ(e.name(), "FLOOD_WAIT");
        EXPECT_EQ(e.value(), 2);
    }
    loop.post_wait([s] { s->close(); });
}

}  // namespace
