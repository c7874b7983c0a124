// End to end with our own client library: the real tgsession-testdc binary, lib/net's Sender
// over real sockets, requests and answers as generated layer-228 types. Covers obfuscated2,
// IPv6 loopback, --state across a restart, SIGTERM, --latency-ms, every --fault switch, and a
// whole phone + 2FA + QR login.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <asio/ip/tcp.hpp>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "net_client.hpp"
#include "tgs/crypto/srp.hpp"

namespace {

namespace fs = std::filesystem;
using namespace tgs;
using namespace tgs::testdc::test;

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

fs::path make_temp_dir() {
    std::string tmpl = (fs::temp_directory_path() / "tgs-testdc-e2e-XXXXXX").string();
    const char* dir = ::mkdtemp(tmpl.data());
    EXPECT_NE(dir, nullptr);
    return dir ? fs::path(dir) : fs::path();
}

struct TempDir {
    fs::path path = make_temp_dir();
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

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
    TestDcProcess dc({"--port", "0", "--dcs", "2"});
    ASSERT_EQ(dc.ready["event"], "ready");
    Loop loop;
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
    TestDcProcess dc({"--port", "0", "--dcs", "1", "--host", "::1"});
    ASSERT_EQ(dc.host(1), "::1");
    Loop loop;
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
// --state, restart, SIGTERM.

TEST(TestDcNet, KeyFromBeforeARestartStillWorksAndSigtermSavesState) {
    TempDir tmp;
    const auto key_file = (tmp.path / "server-key.pem").string();
    const auto state_file = tmp.path / "state.json";
    const std::vector<std::string> args{"--port", "0",      "--dcs",   "1",
                                        "--key",  key_file, "--state", state_file.string()};
    const std::string phone = "9996610001";  // convention: DC 1, code 11111
    std::optional<mtproto::AuthKey> key;
    {
        TestDcProcess dc(args);
        Loop loop;
        auto s = connect(loop, sender_options(dc, 1));
        const auto sent = call(loop, s, send_code(phone));
        const auto auth = call(loop, s, sign_in(phone, hash_of(sent), "11111"));
        EXPECT_EQ(user_of(auth).phone, phone);
        key.emplace(s->auth_key().clone());
        loop.close(s);
        loop.stop();
        // Writes are batched (at most one per 500 ms): the login's lands shortly after.
        for (int i = 0; i < 40 && !fs::exists(state_file); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        ASSERT_TRUE(fs::exists(state_file));
        // Only the save on SIGTERM can bring the file back now.
        fs::remove(state_file);
        EXPECT_EQ(dc.stop(), 0);
        ASSERT_TRUE(fs::exists(state_file)) << "SIGTERM did not save the state";
        EXPECT_EQ(fs::status(state_file).permissions() & fs::perms::all,
                  fs::perms::owner_read | fs::perms::owner_write);
    }
    {
        TestDcProcess dc(args);
        Loop loop;
        auto o = sender_options(dc, 1);
        o.auth_key.emplace(key->clone());
        auto s = connect(loop, std::move(o));
        EXPECT_FALSE(s->created_new_key());
        const auto users = call(loop, s, get_self());
        ASSERT_EQ(users.size(), 1u);
        EXPECT_EQ(std::get<api::user>(users[0]).phone, phone);
        loop.close(s);
    }
    {
        // Control: the same key means nothing to a server started without the state file.
        TestDcProcess dc({"--port", "0", "--dcs", "1", "--key", key_file});
        Loop loop;
        auto o = sender_options(dc, 1);
        o.auth_key.emplace(key->clone());
        o.timeout = std::chrono::milliseconds(3000);
        auto s = connect(loop, std::move(o));
        EXPECT_EQ(error_code_of([&] { call(loop, s, get_self()); }), "NET_TRANSPORT_ERROR");
        loop.close(s);
    }
}

// ---------------------------------------------------------------------------------------------
// --latency-ms and --fault, seen from the client.

TEST(TestDcNet, LatencyDelaysEveryRoundTrip) {
    constexpr int kLatencyMs = 300;
    TestDcProcess dc({"--port", "0", "--dcs", "1", "--latency-ms", std::to_string(kLatencyMs)});
    Loop loop;
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
        TestDcProcess dc({"--port", "0", "--dcs", "1", "--fault", "drop-after=3"});
        auto s = connect(loop, sender_options(dc, 1));
        EXPECT_TRUE(s->created_new_key());
        EXPECT_EQ(error_code_of([&] { call(loop, s, api::help_getNearestDc{}); }),
                  "NET_CONNECTION_CLOSED");
        loop.close(s);
    }
    {
        // Only resPQ gets through: the handshake itself is cut.
        TestDcProcess dc({"--port", "0", "--dcs", "1", "--fault", "drop-after=1"});
        EXPECT_EQ(error_code_of([&] { connect(loop, sender_options(dc, 1)); }),
                  "NET_CONNECTION_CLOSED");
    }
}

class CorruptAnswers : public ::testing::TestWithParam<std::string> {};

TEST_P(CorruptAnswers, ClientDropsThemAndTimesOut) {
    TestDcProcess dc({"--port", "0", "--dcs", "1", "--fault", GetParam()});
    Loop loop;
    auto o = sender_options(dc, 1);
    o.timeout = std::chrono::milliseconds(3000);  // also bounds each handshake step
    auto s = connect(loop, std::move(o));         // the handshake is unencrypted: unaffected
    EXPECT_EQ(error_code_of([&] { call(loop, s, api::help_getNearestDc{}); }), "NET_TIMEOUT");
    loop.close(s);
}

INSTANTIATE_TEST_SUITE_P(TestDcFaults, CorruptAnswers,
                         ::testing::Values("garbage", "wrong-msg-key"));

TEST(TestDcFaults, BadDhParametersAreRejectedByOurHandshake) {
    Loop loop;
    for (const auto& [fault, code] :
         {std::pair{"bad-dh-prime", "DH_PRIME_INVALID"}, std::pair{"bad-g", "DH_G_INVALID"}}) {
        TestDcProcess dc({"--port", "0", "--dcs", "1", "--fault", fault});
        EXPECT_EQ(error_code_of([&] { connect(loop, sender_options(dc, 1)); }), code) << fault;
    }
}

TEST(TestDcFaults, ClockSkewIsResyncedByTheClient) {
    constexpr std::int64_t kSkew = 3600;
    TestDcProcess dc(
        {"--port", "0", "--dcs", "1", "--fault", "clock-skew=" + std::to_string(kSkew)});
    Loop loop;
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
    TestDcProcess dc({"--port", "0", "--dcs", "1", "--accounts", accounts.string()});
    Loop loop;

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
