// lib/net's Sender against the in-process test DC (Cluster) over real sockets, requests and
// answers as generated layer-228 types: obfuscated2, IPv6 loopback, latency, every fault
// switch, and a whole phone + 2FA + QR login. (The binary's own files and signals:
// e2e/test_testdc_net_e2e.cpp.)
#include <gtest/gtest.h>
#include <stdlib.h>

#include <asio/ip/tcp.hpp>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "e2e/net_client.hpp"
#include "tgs/crypto/srp.hpp"

namespace {

namespace fs = std::filesystem;
using namespace tgs;
using namespace tgs::testdc::net_test;

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

using tgs::test::InProcessDc;

/// `dcs` DCs on free ports of 127.0.0.1, adjusted by `tweak`.
testdc::ServeOptions serve(int dcs, const std::function<void(testdc::ServeOptions&)>& tweak = {}) {
    testdc::ServeOptions o;
    o.dc_count = dcs;
    if (tweak) tweak(o);
    return o;
}

std::shared_ptr<net::Sender> connect(Loop& loop, net::SenderOptions o) {
    return loop.run(net::Sender::connect(std::move(o)));
}

std::string hash_of(const api::auth_SentCode& sent) {
    return std::get<api::auth_sentCode>(sent).phone_code_hash;
}

const api::user& user_of(const api::auth_Authorization& a) {
    return std::get<api::user>(std::get<api::auth_authorization>(a).user);
}

// ---------------------------------------------------------------------------------------------
// Transports and addresses.

class Obfuscated : public ::testing::TestWithParam<std::string> {};

TEST_P(Obfuscated, HandshakeAndRpcsThroughObfuscated2) {
    Loop loop;
    InProcessDc dc(loop, serve(2));
    auto s = connect(loop, sender_options(dc, 2, GetParam()));
    EXPECT_TRUE(s->created_new_key());
    const auto cfg = std::get<api::config>(call(loop, s, api::help_getConfig{}));
    EXPECT_EQ(cfg.this_dc, 2);
    EXPECT_TRUE(cfg.test_mode);
    ASSERT_EQ(cfg.dc_options.size(), 2u);
    for (int i = 0; i < 2; ++i) {
        const auto& o = std::get<api::dcOption>(cfg.dc_options[i]);
        EXPECT_EQ(o.id, i + 1);
        EXPECT_EQ(o.ip_address, "127.0.0.1");
        EXPECT_EQ(o.port, dc.port(i + 1));
        EXPECT_FALSE(o.ipv6);
    }
    // Not logged in: the user is refused with 401.
    EXPECT_EQ(error_of(loop, s, get_self()), "AUTH_KEY_UNREGISTERED");
    loop.close(s);
}

INSTANTIATE_TEST_SUITE_P(TestDc, Obfuscated,
                         ::testing::Values("obfuscated", "obfuscated-abridged"));

bool ipv6_loopback_available() {
    asio::io_context io;
    asio::ip::tcp::acceptor a(io);
    std::error_code ec;
    a.open(asio::ip::tcp::v6(), ec);
    if (!ec) a.bind({asio::ip::make_address("::1"), 0}, ec);
    return !ec;
}

TEST(TestDcNet, ListensOnIpv6Loopback) {
    if (!ipv6_loopback_available()) GTEST_SKIP() << "no ::1 on this machine";
    Loop loop;
    InProcessDc dc(loop, serve(1, [](auto& o) { o.host = "::1"; }));
    ASSERT_EQ(dc.host(1), "::1");
    auto s = connect(loop, sender_options(dc, 1));
    const auto cfg = std::get<api::config>(call(loop, s, api::help_getConfig{}));
    ASSERT_EQ(cfg.dc_options.size(), 1u);
    const auto& o = std::get<api::dcOption>(cfg.dc_options[0]);
    EXPECT_TRUE(o.ipv6);
    EXPECT_EQ(o.ip_address, "::1");
    EXPECT_EQ(o.port, dc.port(1));
    loop.close(s);
}

// ---------------------------------------------------------------------------------------------
// --latency-ms and --fault, seen from the client.

TEST(TestDcNet, LatencyDelaysEveryRoundTrip) {
    constexpr int kLatencyMs = 300;
    Loop loop;
    InProcessDc dc(loop, serve(1, [](auto& o) { o.latency_ms = kLatencyMs; }));
    const auto t0 = std::chrono::steady_clock::now();
    auto s = connect(loop, sender_options(dc, 1));
    const auto t1 = std::chrono::steady_clock::now();
    // The handshake is three round trips.
    EXPECT_GE(t1 - t0, std::chrono::milliseconds(3 * kLatencyMs));
    call(loop, s, api::help_getNearestDc{});
    const auto t2 = std::chrono::steady_clock::now();
    call(loop, s, api::help_getNearestDc{});
    const auto t3 = std::chrono::steady_clock::now();
    EXPECT_GE(t2 - t1, std::chrono::milliseconds(kLatencyMs));
    EXPECT_GE(t3 - t2, std::chrono::milliseconds(kLatencyMs));
    loop.close(s);
}

TEST(TestDcFaults, DropAfterNClosesTheConnection) {
    Loop loop;
    {
        // The handshake's three answers get through, then the connection is closed.
        InProcessDc dc(loop, serve(1, [](auto& o) { o.faults.drop_after = 3; }));
        auto s = connect(loop, sender_options(dc, 1));
        EXPECT_TRUE(s->created_new_key());
        EXPECT_EQ(error_code_of([&] { call(loop, s, api::help_getNearestDc{}); }),
                  "NET_CONNECTION_CLOSED");
        loop.close(s);
    }
    {
        // Only resPQ gets through: the handshake itself is cut.
        InProcessDc dc(loop, serve(1, [](auto& o) { o.faults.drop_after = 1; }));
        EXPECT_EQ(error_code_of([&] { connect(loop, sender_options(dc, 1)); }),
                  "NET_CONNECTION_CLOSED");
    }
}

class CorruptAnswers : public ::testing::TestWithParam<std::string> {};

TEST_P(CorruptAnswers, ClientDropsThemAndTimesOut) {
    Loop loop;
    const std::string fault = GetParam();
    InProcessDc dc(loop, serve(1, [&](auto& o) {
                       o.faults.garbage = fault == "garbage";
                       o.faults.wrong_msg_key = fault == "wrong-msg-key";
                   }));
    auto o = sender_options(dc, 1);
    o.connection.timeout = std::chrono::milliseconds(3000);  // also bounds each handshake step
    auto s = connect(loop, std::move(o));  // the handshake is unencrypted: unaffected
    EXPECT_EQ(error_code_of([&] { call(loop, s, api::help_getNearestDc{}); }), "NET_TIMEOUT");
    loop.close(s);
}

INSTANTIATE_TEST_SUITE_P(TestDcFaults, CorruptAnswers,
                         ::testing::Values("garbage", "wrong-msg-key"));

TEST(TestDcFaults, BadDhParametersAreRejectedByOurHandshake) {
    Loop loop;
    for (const auto& [fault, code] :
         {std::pair{"bad-dh-prime", "DH_PRIME_INVALID"}, std::pair{"bad-g", "DH_G_INVALID"}}) {
        InProcessDc dc(loop, serve(1, [&](auto& o) {
                           o.faults.bad_dh_prime = std::string(fault) == "bad-dh-prime";
                           o.faults.bad_g = std::string(fault) == "bad-g";
                       }));
        EXPECT_EQ(error_code_of([&] { connect(loop, sender_options(dc, 1)); }), code) << fault;
    }
}

TEST(TestDcFaults, ClockSkewIsResyncedByTheClient) {
    constexpr std::int64_t kSkew = 3600;
    Loop loop;
    InProcessDc dc(loop, serve(1, [](auto& o) { o.faults.clock_skew = kSkew; }));
    // A new key learns the server's clock from the handshake.
    auto first = connect(loop, sender_options(dc, 1));
    const auto cfg = std::get<api::config>(call(loop, first, api::help_getConfig{}));
    EXPECT_NEAR(static_cast<double>(cfg.date - unix_now()), static_cast<double>(kSkew), 60.0);
    auto key = first->auth_key().clone();
    loop.close(first);
    // A stored key without the offset: the first message is an hour old to the server, which
    // answers bad_msg_notification; the client must resync its clock and send again.
    auto o = sender_options(dc, 1);
    o.auth_key.emplace(std::move(key));
    o.time_offset_ns = 0;
    auto second = connect(loop, std::move(o));
    EXPECT_FALSE(second->created_new_key());
    const auto cfg2 = std::get<api::config>(call(loop, second, api::help_getConfig{}));
    EXPECT_EQ(cfg2.this_dc, 1);
    loop.close(second);
}

// ---------------------------------------------------------------------------------------------
// A whole login over sockets: phone code, 2FA (wrong then right password), then a QR login of
// a second device that the first one accepts, with the updateLoginToken push.

api::auth_checkPassword check_password(const api::account_Password& boxed,
                                       const std::string& password) {
    const auto& p = std::get<api::account_password>(boxed);
    EXPECT_TRUE(p.has_password);
    const auto& algo =
        std::get<api::passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow>(
            p.current_algo.value());
    Bytes a(256);
    crypto::secure_random(a);
    const auto proof = crypto::srp_compute_check(password, algo.salt1, algo.salt2, algo.g, algo.p,
                                                 p.srp_B.value(), a);
    return api::auth_checkPassword{api::inputCheckPasswordSRP{p.srp_id.value(), proof.A, proof.M1}};
}

TEST(TestDcNet, PhoneLoginWith2faThenQrLoginWithPush) {
    TempDir tmp;
    const auto accounts = tmp.path / "accounts.json";
    std::ofstream(accounts) << R"({"users": [{"phone": "15550001111", "first_name": "Ann",
        "username": "ann", "dc": 1, "code": "24680", "password": "hunter2", "hint": "pet"}]})";
    Loop loop;
    InProcessDc dc(loop, serve(1), testdc::Accounts::from_file(accounts, 1));

    // Device A: phone code, then 2FA.
    auto a = connect(loop, sender_options(dc, 1));
    const auto sent = call(loop, a, send_code("+15550001111"));
    const auto hash = hash_of(sent);
    EXPECT_EQ(error_of(loop, a, sign_in("15550001111", hash, "13579")), "PHONE_CODE_INVALID");
    EXPECT_EQ(error_of(loop, a, sign_in("15550001111", hash, "24680")), "SESSION_PASSWORD_NEEDED");
    auto pw = call(loop, a, api::account_getPassword{});
    EXPECT_EQ(std::get<api::account_password>(pw).hint, "pet");
    EXPECT_EQ(error_of(loop, a, check_password(pw, "hunter3")), "PASSWORD_HASH_INVALID");
    pw = call(loop, a, api::account_getPassword{});  // a fresh srp_id for the next try
    const auto auth = call(loop, a, check_password(pw, "hunter2"));
    EXPECT_EQ(user_of(auth).first_name, "Ann");
    EXPECT_TRUE(user_of(auth).self);
    EXPECT_EQ(std::get<api::user>(call(loop, a, get_self()).at(0)).username, "ann");

    // Device B: exports a QR token and waits for the push.
    std::mutex mu;
    std::vector<Bytes> updates;
    auto ob = sender_options(dc, 1);
    ob.on_update = [&](ByteView body) {
        std::lock_guard lock(mu);
        updates.emplace_back(body.begin(), body.end());
    };
    auto b = connect(loop, std::move(ob));
    const api::auth_exportLoginToken export_token{kApiId, kApiHash, {}};
    const auto token = std::get<api::auth_loginToken>(call(loop, b, export_token));
    EXPECT_EQ(error_of(loop, b, get_self()), "AUTH_KEY_UNREGISTERED");

    // A scans it.
    const auto accepted = call(loop, a, api::auth_acceptLoginToken{token.token});
    EXPECT_EQ(std::get<api::authorization>(accepted).device_model, "e2e");

    // B gets updateShort{updateLoginToken}.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    for (;;) {
        {
            std::lock_guard lock(mu);
            if (!updates.empty()) break;
        }
        ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "no updateLoginToken push";
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    {
        std::lock_guard lock(mu);
        tl::Reader r(updates.front());
        const auto pushed = api::read<api::Updates>(r);
        const auto& short_update = std::get<api::updateShort>(pushed);
        EXPECT_TRUE(std::holds_alternative<api::updateLoginToken>(short_update.update));
    }
    // B exports again: the token was accepted, but Ann has 2FA, so B must pass it too.
    EXPECT_EQ(error_of(loop, b, export_token), "SESSION_PASSWORD_NEEDED");
    const auto auth_b =
        call(loop, b, check_password(call(loop, b, api::account_getPassword{}), "hunter2"));
    EXPECT_EQ(user_of(auth_b).phone, "15550001111");
    EXPECT_EQ(std::get<api::user>(call(loop, b, get_self()).at(0)).first_name, "Ann");

    // Both devices are listed.
    const auto list =
        std::get<api::account_authorizations>(call(loop, a, api::account_getAuthorizations{}));
    EXPECT_EQ(list.authorizations.size(), 2u);
    loop.close(a);
    loop.close(b);
}

}  // namespace
