// End to end over real sockets: create an auth key (HandshakeClient + transport codec) and make
// RPCs through ClientSession against the test DC in this process (lib/testdc's Cluster); the
// TestDcCli tests start the real tgsession-testdc, whose command line and ready line they test.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <asio/connect.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/read.hpp>
#include <asio/write.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "../bind_message.hpp"
#include "../rpc_test_util.hpp"
#include "in_process_dc.hpp"
#include "test_support.hpp"
#include "testdc_process.hpp"
#include "tgs/mtproto/client_session.hpp"
#include "tgs/mtproto/handshake_client.hpp"
#include "tgs/tl/api.hpp"
#include "tgs/tl/mt.hpp"
#include "tgs/transport/codec.hpp"

namespace {

using namespace tgs;

using TestDc = tgs::test::TestDcProcess;

// A blocking client connection speaking one transport.
struct Link {
    asio::io_context io;
    asio::ip::tcp::socket socket{io};
    std::unique_ptr<transport::Codec> codec;

    Link(int port, transport::Protocol protocol) {
        socket.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
        codec = transport::make_codec(protocol, {});
    }
    void send(ByteView payload) {
        auto bytes = codec->encode(payload);
        asio::write(socket, asio::buffer(bytes));
    }
    Bytes receive() {
        std::uint8_t buf[4096];
        for (;;) {
            if (auto ev = codec->next()) {
                if (auto* p = std::get_if<transport::Packet>(&*ev)) return p->payload;
                if (auto* e = std::get_if<transport::TransportError>(&*ev)) {
                    throw Error("TEST_TRANSPORT_ERROR", std::to_string(e->code));
                }
                continue;
            }
            const auto n = socket.read_some(asio::buffer(buf));
            codec->feed(ByteView(buf, n));
        }
    }
};

std::int64_t now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

mtproto::HandshakeDone handshake(Link& link, const tgs::test::InProcessDc& dc, int dc_id,
                                 mtproto::HandshakeClientOptions opts) {
    std::vector<crypto::RsaPublicKey> keys{crypto::RsaPublicKey::from_pem(dc.public_key_pem())};
    mtproto::HandshakeClient client(keys, dc_id, crypto::system_random(), opts);
    Bytes body = client.start();
    for (int step = 0; step < 10; ++step) {
        link.send(mtproto::wrap_unencrypted(body, mtproto::unencrypted_msg_id(now())));
        const auto answer = link.receive();
        auto next = client.on_message(mtproto::unwrap_unencrypted(answer).body, now());
        if (auto* done = std::get_if<mtproto::HandshakeDone>(&next)) return std::move(*done);
        body = std::get<mtproto::HandshakeSend>(next).body;
    }
    throw Error("TEST_HANDSHAKE", "too many steps");
}

mtproto::HandshakeDone handshake(Link& link, const tgs::test::InProcessDc& dc, int dc_id,
                                 mtproto::RsaScheme scheme) {
    mtproto::HandshakeClientOptions opts;
    opts.rsa_scheme = scheme;
    return handshake(link, dc, dc_id, opts);
}

testdc::ServeOptions dcs(int count) {
    testdc::ServeOptions o;
    o.dc_count = count;
    return o;
}

mtproto::ClientSession session_on(const crypto::AuthKey& key, std::int64_t salt) {
    mtproto::ClientSessionOptions opts;
    opts.server_salt = salt;
    return mtproto::ClientSession(key.clone(), mtproto::system_clock(), crypto::system_random(),
                                  opts);
}

/// Sends a ping on `session` and waits for its pong: "pong", or the transport error (what()).
/// A ping the server asks to resend (bad_server_salt on a new connection) is sent again.
std::string ping(Link& link, mtproto::ClientSession& session, std::int64_t id) {
    timeval limit{10, 0};  // a stuck read fails the test instead of hanging it
    ::setsockopt(link.socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    const Bytes body = tl::mt::serialize(tl::mt::ping{id});
    auto sent = session.wrap_request(body);
    link.send(sent.packet);
    try {
        for (int i = 0; i < 20; ++i) {
            for (auto& e : session.on_packet(link.receive())) {
                if (auto* p = std::get_if<mtproto::ev::Pong>(&e); p && p->ping_id == id)
                    return "pong";
                if (auto* r = std::get_if<mtproto::ev::Resend>(&e); r && r->msg_id == sent.msg_id) {
                    sent = session.wrap_request(body);
                    link.send(sent.packet);
                }
            }
        }
    } catch (const Error& e) {
        if (e.code() == "TEST_TRANSPORT_ERROR") return e.what();
        throw;
    }
    return "no pong";
}

/// An RPC's answer: the result's body, or the rpc_error's message.
struct Answer {
    Bytes body;
    std::string error;
};

/// Sends what `wrap` makes and waits for its answer; a request the server asks to resend
/// (bad_server_salt on a new connection) is wrapped and sent again.
Answer call(Link& link, mtproto::ClientSession& session,
            const std::function<mtproto::WrappedRequest()>& wrap) {
    timeval limit{10, 0};  // a stuck read fails the test instead of hanging it
    ::setsockopt(link.socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    auto sent = wrap();
    link.send(sent.packet);
    for (int i = 0; i < 20; ++i) {
        for (auto& e : session.on_packet(link.receive())) {
            if (auto* r = std::get_if<mtproto::ev::RpcResult>(&e);
                r && r->req_msg_id == sent.msg_id)
                return {r->body, ""};
            if (auto* r = std::get_if<mtproto::ev::RpcError>(&e); r && r->req_msg_id == sent.msg_id)
                return {{}, r->error.server_message()};
            if (auto* r = std::get_if<mtproto::ev::Resend>(&e); r && r->msg_id == sent.msg_id) {
                sent = wrap();
                link.send(sent.packet);
            }
        }
    }
    return {{}, "no answer"};
}

Answer call(Link& link, mtproto::ClientSession& session, const Bytes& body) {
    return call(link, session, [&] { return session.wrap_request(body); });
}

/// auth.bindTempAuthKey on `temp` (a temporary key's session) binding it to `perm`, as Telegram
/// Desktop's DcKeyBinder sends it: the binding message names the request's own msg_id.
Answer bind_temp_key(Link& link, mtproto::ClientSession& temp, const crypto::AuthKey& perm,
                     std::int32_t expires_at) {
    return call(link, temp, [&] {
        return temp.wrap_request_naming_its_id([&](std::int64_t msg_id) {
            testdc::test::BindFields b;
            b.perm_id = perm.id();
            b.perm_key = Bytes(perm.bytes().begin(), perm.bytes().end());
            b.temp_id = temp.auth_key_id();
            b.session_id = temp.session_id();
            b.msg_id = msg_id;
            b.nonce = 0x5eed;
            b.expires_at = expires_at;
            return testdc::test::bind_request(b, testdc::test::binding_message(b));
        });
    });
}

/// users.getUsers([inputUserSelf]) → the user's id, or the error.
std::string self_id(Link& link, mtproto::ClientSession& session) {
    const auto a = call(link, session, testdc::test::get_users_self());
    if (!a.error.empty()) return a.error;
    tl::Reader rd(a.body);
    const auto users = tl::api::read_result<tl::api::users_getUsers>(rd);
    if (users.size() != 1) return "users: " + std::to_string(users.size());
    return std::to_string(std::get<tl::api::user>(users[0]).id);
}

Bytes get_config_with_layer(std::int32_t layer) {
    tl::api::initConnection init;
    init.api_id = 12345;
    init.device_model = "e2e";
    init.system_version = "Linux";
    init.app_version = "1.0";
    init.system_lang_code = "en";
    init.lang_code = "en";
    init.query = tl::RawObject{tl::api::serialize(tl::api::help_getConfig{})};
    return tl::api::serialize(
        tl::api::invokeWithLayer{layer, tl::RawObject{tl::api::serialize(init)}});
}

class E2e : public ::testing::TestWithParam<std::tuple<transport::Protocol, mtproto::RsaScheme>> {};

TEST_P(E2e, HandshakeThenRpcsOverARealSocket) {
    tgs::test::IoThread loop;
    tgs::test::InProcessDc dc(loop, dcs(2));
    ASSERT_EQ(dc.cluster().dcs().size(), 2u);
    const auto [protocol, scheme] = GetParam();

    Link link(dc.port(2), protocol);
    auto done = handshake(link, dc, 10002, scheme);
    auto session = session_on(done.auth_key, done.server_salt);
    auto wrapped = session.wrap_request(get_config_with_layer(228));
    link.send(wrapped.packet);
    // The first answer may be new_session_created / bad_server_salt; call() copes.
    mtproto::Event ev;
    for (int i = 0;; ++i) {
        ASSERT_LT(i, 20);
        bool got = false;
        for (auto& e : session.on_packet(link.receive())) {
            if (auto* rs = std::get_if<mtproto::ev::Resend>(&e);
                rs && rs->msg_id == wrapped.msg_id) {
                wrapped = session.wrap_request(get_config_with_layer(228));
                link.send(wrapped.packet);
            }
            if (auto* r = std::get_if<mtproto::ev::RpcResult>(&e);
                r && r->req_msg_id == wrapped.msg_id) {
                ev = e;
                got = true;
            }
        }
        if (got) break;
    }
    const auto& config = std::get<mtproto::ev::RpcResult>(ev).body;
    tl::Reader rd(config);
    const auto cfg = std::get<tl::api::config>(tl::api::read_result<tl::api::help_getConfig>(rd));
    EXPECT_TRUE(rd.at_end());
    EXPECT_EQ(cfg.this_dc, 2);
    ASSERT_EQ(cfg.dc_options.size(), 2u);

    // Not logged in yet: users.getUsers([inputUserSelf]) is refused with 401.
    const auto get_users = tl::api::serialize(tl::api::users_getUsers{{tl::api::inputUserSelf{}}});
    auto wr = session.wrap_request(get_users);
    link.send(wr.packet);
    for (int i = 0;; ++i) {
        ASSERT_LT(i, 20);
        bool got = false;
        for (auto& e : session.on_packet(link.receive())) {
            if (auto* err = std::get_if<mtproto::ev::RpcError>(&e);
                err && err->req_msg_id == wr.msg_id) {
                EXPECT_EQ(err->error.error_code(), 401);
                EXPECT_EQ(err->error.server_message(), "AUTH_KEY_UNREGISTERED");
                got = true;
            }
        }
        if (got) break;
    }
}

// ping_delay_disconnect (the spec's keep-alive): the pong comes at once, and the server closes
// the connection once `disconnect_delay` seconds pass without another one.
TEST(TestDcService, PingDelayDisconnectClosesTheConnectionWhenItRunsOut) {
    tgs::test::IoThread loop;
    tgs::test::InProcessDc dc(loop, dcs(1));
    Link link(dc.port(1), transport::Protocol::Intermediate);
    auto done = handshake(link, dc, 10001, mtproto::RsaScheme::RsaPad);
    auto session = session_on(done.auth_key, done.server_salt);
    auto ping = [&](std::int64_t id, std::int32_t delay) {
        link.send(session.wrap_request(tl::mt::serialize(tl::mt::ping_delay_disconnect{id, delay}))
                      .packet);
        for (int i = 0; i < 20; ++i) {
            for (auto& e : session.on_packet(link.receive())) {
                if (auto* p = std::get_if<mtproto::ev::Pong>(&e); p && p->ping_id == id) return;
            }
        }
        FAIL() << "no pong for " << id;
    };
    const auto start = std::chrono::steady_clock::now();
    ping(1, 2);
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    ping(2, 1);  // re-armed: 1 s from now, not 2 s from the first
    // A stuck read must fail the test, not hang it: 8 s of silence is a timeout, not a close.
    timeval limit{8, 0};
    ::setsockopt(link.socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    std::error_code closed;
    try {
        for (;;) link.receive();
    } catch (const std::system_error& e) {
        closed = e.code();
    }
    EXPECT_TRUE(closed == asio::error::eof || closed == asio::error::connection_reset)
        << "the server closes the connection; got: " << closed.message();
    const auto took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
    EXPECT_GE(took.count(), 2.0);
    EXPECT_LT(took.count(), 6.0);
}

// A temporary key (p_q_inner_data_temp_dc, expires_in) works until it expires; then Telegram
// answers every packet on it with -404, on the connection it was made on and on a new one. A
// permanent key made at the same time still works.
TEST(TestDcService, AnExpiredTemporaryKeyIsAnswered404) {
    tgs::test::IoThread loop;
    tgs::test::InProcessDc dc(loop, dcs(1));
    Link temp_link(dc.port(1), transport::Protocol::Intermediate);
    mtproto::HandshakeClientOptions temp;
    temp.inner_data = mtproto::InnerDataVariant::TempDc;
    temp.expires_in = 2;
    const auto temp_key = handshake(temp_link, dc, 10001, temp);
    const auto made = std::chrono::steady_clock::now();
    Link perm_link(dc.port(1), transport::Protocol::Intermediate);
    const auto perm_key = handshake(perm_link, dc, 10001, mtproto::RsaScheme::RsaPad);

    auto temp_session = session_on(temp_key.auth_key, temp_key.server_salt);
    auto perm_session = session_on(perm_key.auth_key, perm_key.server_salt);
    EXPECT_EQ(ping(temp_link, temp_session, 1), "pong");
    EXPECT_EQ(ping(perm_link, perm_session, 2), "pong");

    // expires_at is whole seconds: 2 s after the handshake's second, at most 3 s from `made`.
    std::this_thread::sleep_until(made + std::chrono::milliseconds(3100));
    EXPECT_EQ(ping(temp_link, temp_session, 3), "TEST_TRANSPORT_ERROR: -404");
    Link again(dc.port(1), transport::Protocol::Intermediate);
    auto new_session = session_on(temp_key.auth_key, temp_key.server_salt);
    EXPECT_EQ(ping(again, new_session, 4), "TEST_TRANSPORT_ERROR: -404");
    EXPECT_EQ(ping(perm_link, perm_session, 5), "pong");
}

// What Telegram Desktop does around a temporary key (SessionPrivate, DcKeyCreator, DcKeyBinder):
// the permanent and the temporary key are made on one fresh connection, the temporary one is
// bound to the permanent one and the login happens on it; once the server answers -404 the app
// drops that connection and makes a new temporary key on a NEW connection, binds it to the same
// permanent key and carries on as the same user, without logging in again.
TEST(TestDcService, AfterA404ANewTemporaryKeyOnANewConnectionActsAsTheSameUser) {
    tgs::test::IoThread loop;
    tgs::test::InProcessDc dc(loop, dcs(1));
    Link first(dc.port(1), transport::Protocol::Intermediate);
    const auto perm = handshake(first, dc, 10001, mtproto::RsaScheme::RsaPad);
    mtproto::HandshakeClientOptions temp;
    temp.inner_data = mtproto::InnerDataVariant::TempDc;
    temp.expires_in = 2;
    const auto temp1 = handshake(first, dc, 10001, temp);  // a second req_pq_multi, same link
    const auto made = std::chrono::steady_clock::now();
    auto s1 = session_on(temp1.auth_key, temp1.server_salt);
    // The app binds with its own clock's expiry + 30 s, not the handshake's.
    const auto expires = static_cast<std::int32_t>(now() + 2 + 30);
    ASSERT_EQ(bind_temp_key(first, s1, perm.auth_key, expires).error, "");
    const auto sent = call(first, s1, testdc::test::send_code("9996611234"));
    ASSERT_EQ(sent.error, "");
    testdc::Reply sent_reply;
    sent_reply.body = sent.body;
    const auto hash = testdc::test::sent_code_hash(sent_reply);
    ASSERT_EQ(call(first, s1, testdc::test::sign_in("9996611234", hash, "11111")).error, "");
    const auto user = self_id(first, s1);
    ASSERT_FALSE(user.empty());
    ASSERT_EQ(user.find_first_not_of("0123456789"), std::string::npos) << user;

    std::this_thread::sleep_until(made + std::chrono::milliseconds(2100));
    EXPECT_EQ(ping(first, s1, 1), "TEST_TRANSPORT_ERROR: -404");

    Link second(dc.port(1), transport::Protocol::Intermediate);
    temp.expires_in = 60;
    const auto temp2 = handshake(second, dc, 10001, temp);
    auto s2 = session_on(temp2.auth_key, temp2.server_salt);
    EXPECT_EQ(self_id(second, s2), "AUTH_KEY_UNREGISTERED") << "not bound yet";
    ASSERT_EQ(bind_temp_key(second, s2, perm.auth_key, static_cast<std::int32_t>(now() + 90)).error,
              "");
    EXPECT_EQ(self_id(second, s2), user);
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Polls the state file (saved in batches, Cluster::kSaveEvery) until `ready` holds, for 5 s.
std::string state_when(const std::filesystem::path& path,
                       const std::function<bool(const std::string&)>& ready) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    std::string text = read_text(path);
    while (!ready(text) && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        text = read_text(path);
    }
    return text;
}

bool has_key(const std::string& state, const crypto::AuthKey& key) {
    return state.find("\"id\":\"" + std::to_string(key.id()) + "\"") != std::string::npos;
}

// A temporary key stays in the --state file (with its expiry) until it expires; the save after
// the next new key drops it, and a restart drops the ones that expired while the DC was down.
// The permanent key stays.
TEST(TestDcService, ExpiredTemporaryKeysLeaveTheStateFile) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("tgs-testdc-temp-state-" + std::to_string(::getpid()) + ".json");
    std::filesystem::remove(path);
    struct RemoveAtExit {  // also when an ASSERT returns early
        std::filesystem::path path;
        ~RemoveAtExit() { std::filesystem::remove(path); }
    } cleanup{path};
    tgs::test::IoThread loop;
    auto options = dcs(1);
    options.state_file = path;
    mtproto::HandshakeClientOptions temp;
    temp.inner_data = mtproto::InnerDataVariant::TempDc;
    temp.expires_in = 2;  // whole seconds, and the first save comes up to 0.5 s later
    std::optional<mtproto::HandshakeDone> perm, temp1, temp2;
    {
        tgs::test::InProcessDc dc(loop, options);
        Link link(dc.port(1), transport::Protocol::Intermediate);
        perm = handshake(link, dc, 10001, mtproto::RsaScheme::RsaPad);
        temp1 = handshake(link, dc, 10001, temp);
        const auto made = std::chrono::steady_clock::now();
        auto text = state_when(path, [&](const std::string& t) {
            return has_key(t, perm->auth_key) && has_key(t, temp1->auth_key);
        });
        ASSERT_TRUE(has_key(text, perm->auth_key) && has_key(text, temp1->auth_key)) << text;
        EXPECT_NE(text.find("\"expires_at\":"), std::string::npos);

        std::this_thread::sleep_until(made + std::chrono::milliseconds(2100));
        temp.expires_in = 60;
        Link again(dc.port(1), transport::Protocol::Intermediate);
        temp2 = handshake(again, dc, 10001, temp);
        text = state_when(path, [&](const std::string& t) {
            return has_key(t, temp2->auth_key) && !has_key(t, temp1->auth_key);
        });
        EXPECT_TRUE(has_key(text, perm->auth_key)) << text;
        EXPECT_TRUE(has_key(text, temp2->auth_key)) << text;
        EXPECT_FALSE(has_key(text, temp1->auth_key)) << "the expired key was kept";
    }
    // Started an hour later (the cluster's clock option): temp2 expired while it was down.
    options.faults.clock_skew = 3600;
    {
        tgs::test::InProcessDc dc(loop, options);
        loop.post_wait([&] {
            auto& state = dc.cluster().state();
            EXPECT_EQ(state.find_auth_key(temp2->auth_key.id()), nullptr);
            EXPECT_NE(state.find_auth_key(perm->auth_key.id()), nullptr);
        });
    }
    const auto text = read_text(path);
    EXPECT_TRUE(has_key(text, perm->auth_key)) << text;
    EXPECT_FALSE(has_key(text, temp2->auth_key)) << text;
}

// The ready line and --write-config file have exactly docs/architecture.md §5's shape (key order
// too).
TEST(TestDcCli, ReadyLineAndConfigFileMatchTheDesign) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("tgs-testdc-config-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto file = dir / "dc.json";
    std::string ready_line;
    {
        TestDc dc({"--port", "0", "--dcs", "3", "--write-config", file.string()});
        ready_line = dc.ready_line();
    }
    std::ifstream in(file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::filesystem::remove_all(dir);
    ASSERT_FALSE(text.empty());
    EXPECT_EQ(text.back(), '\n');
    // Field order as in the design: dcs (id, host, port per DC), then rsa_public_keys.
    const auto config = nlohmann::ordered_json::parse(text);
    ASSERT_EQ(config.size(), 2u);
    EXPECT_EQ(config.begin().key(), "dcs");
    EXPECT_EQ(std::next(config.begin()).key(), "rsa_public_keys");
    ASSERT_EQ(config["dcs"].size(), 3u);
    int first_port = 0;
    for (int i = 0; i < 3; ++i) {
        const auto& d = config["dcs"][i];
        std::vector<std::string> keys;
        for (auto it = d.begin(); it != d.end(); ++it) keys.push_back(it.key());
        EXPECT_EQ(keys, (std::vector<std::string>{"id", "host", "port"}));
        EXPECT_EQ(d["id"], i + 1);
        EXPECT_EQ(d["host"], "127.0.0.1");
        ASSERT_TRUE(d["port"].is_number_integer());
        if (i == 0) first_port = d["port"].get<int>();
        EXPECT_GT(d["port"].get<int>(), 0);
    }
    EXPECT_GT(first_port, 0);
    ASSERT_EQ(config["rsa_public_keys"].size(), 1u);
    const auto pem = config["rsa_public_keys"][0].get<std::string>();
    EXPECT_EQ(pem.rfind("-----BEGIN RSA PUBLIC KEY-----", 0), 0u) << "PKCS#1 PEM";
    EXPECT_NO_THROW(crypto::RsaPublicKey::from_pem(pem));
    EXPECT_EQ(text.rfind("{\"dcs\":[{\"id\":1,\"host\":\"127.0.0.1\",\"port\":", 0), 0u) << text;

    // The ready line: {"event":"ready"} then the very same fields, on one line.
    ASSERT_FALSE(ready_line.empty());
    EXPECT_EQ(ready_line.find('\n'), ready_line.size() - 1);
    auto ready = nlohmann::ordered_json::parse(ready_line);
    EXPECT_EQ(ready.begin().key(), "event");
    EXPECT_EQ(ready["event"], "ready");
    ready.erase("event");
    EXPECT_EQ(ready, config);
}

// Every option is documented in --help (with its own text, not just its name).
TEST(TestDcCli, HelpDescribesEveryFlag) {
    const auto bin = (test::binary_dir() / "app/testdc/tgsession-testdc").string();
    FILE* p = ::popen((bin + " --help").c_str(), "r");
    ASSERT_NE(p, nullptr);
    std::string help;
    char buf[4096];
    while (const auto n = std::fread(buf, 1, sizeof buf, p)) help.append(buf, n);
    EXPECT_EQ(::pclose(p), 0);
    for (const char* flag : {"--dcs", "--host", "--port", "--key", "--accounts", "--state",
                             "--write-config", "--latency-ms", "--code-ttl", "--flood-after",
                             "--flood-wait", "--fresh-reset", "--fault", "--verbose", "--help"}) {
        const auto at = help.find(flag);
        ASSERT_NE(at, std::string::npos) << flag << " missing from --help";
        const auto line_end = help.find('\n', at);
        const auto line = help.substr(at, line_end - at);
        // Some description text follows the flag (and its value placeholder) on its line.
        EXPECT_GT(line.size(), std::string(flag).size() + 12) << line;
    }
    for (const char* fault :
         {"drop-after=N", "garbage", "wrong-msg-key", "bad-dh-prime", "bad-g", "clock-skew=S"}) {
        EXPECT_NE(help.find(fault), std::string::npos) << fault;
    }
    EXPECT_NE(help.find("\"event\":\"ready\""), std::string::npos) << "ready line documented";
}

INSTANTIATE_TEST_SUITE_P(
    Transports, E2e,
    ::testing::Values(
        std::make_tuple(transport::Protocol::Intermediate, mtproto::RsaScheme::RsaPad),
        std::make_tuple(transport::Protocol::Abridged, mtproto::RsaScheme::Legacy),
        std::make_tuple(transport::Protocol::Full, mtproto::RsaScheme::RsaPad),
        std::make_tuple(transport::Protocol::PaddedIntermediate, mtproto::RsaScheme::RsaPad)));

}  // namespace
