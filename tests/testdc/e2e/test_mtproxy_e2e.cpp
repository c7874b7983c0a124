// The test DC's MTProxy side (lib/testdc MtProxyServer) over real loopback sockets, driven by
// our sans-IO client pieces: how it refuses a wrong secret (plain, dd and ee, the ee domain
// included), the fake-TLS timestamp window, and replays of a ClientHello or an obfuscated2 header.
//
// What real MTProxy servers do, and what ours does (the test pins ours):
// - obfuscated2 header no secret decrypts: the official server enters "global skip mode" (reads
//   and ignores everything), mtprotoproxy reads until EOF. Ours: reads and never answers, the
//   connection stays open.
// - fake-TLS hello with a bad HMAC, another SNI than the secret's domain, a time outside the
//   window or a repeated client random: both hand the connection to a real web server (the
//   domain's), whose ServerHello the client cannot verify. Ours: answers a ServerHello keyed
//   with a random key (so the client's HMAC check fails the same way), then reads and never
//   answers.
// A header or hello that does verify, naming a DC the proxy has no route to, gets the transport
// error -444: the control showing that the silence above is a refusal, not a dead port.
#include <gtest/gtest.h>
#include <poll.h>

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/post.hpp>
#include <asio/write.hpp>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>

#include "tgs/error.hpp"
#include "tgs/testdc/mtproxy.hpp"
#include "tgs/transport/fake_tls.hpp"
#include "tgs/transport/obfuscated2.hpp"
#include "tgs/transport/proxy_secret.hpp"

namespace {

using namespace tgs;
using transport::Protocol;
using transport::ProxyKey;
using transport::ProxySecret;

const std::string kPlain = "0123456789abcdef0123456789abcdef";
const std::string kDd = "ddfedcba9876543210fedcba9876543210";
const std::string kDomain = "example.com";
const std::string kEe =
    "ee00112233445566778899aabbccddeeff" + std::string("6578616d706c652e636f6d");
const std::string kWrong = "99999999999999999999999999999999";
constexpr std::int64_t kNow = 1'800'000'000;  // the proxy's clock in these tests
constexpr std::int16_t kUnroutedDc = 99;      // no DC behind this proxy: -444 if understood
constexpr int kSilenceMs = 400;

ProxyKey key_of(const std::string& hex_secret) {
    return transport::parse_proxy_secret_text(hex_secret).key;
}

// The proxy on its own io_context thread, with a clock the test sets and its log captured.
class Proxy {
  public:
    explicit Proxy(bool padded_only = false) {
        testdc::MtProxyOptions o;
        o.padded_only = padded_only;
        for (const auto* s : {&kPlain, &kDd, &kEe})
            o.secrets.push_back(transport::parse_proxy_secret_text(*s));
        o.now = [this] { return clock.load(); };
        o.log = [this](const std::string& line) {
            std::lock_guard lock(mutex_);
            log_ += line + "\n";
        };
        server_.emplace(io_, std::move(o));
        server_->start();
        thread_ = std::thread([this] { io_.run(); });
    }
    ~Proxy() {
        asio::post(io_, [this] {
            server_->stop();
            io_.stop();
        });
        thread_.join();
        server_.reset();
    }
    int port() const { return server_->port(); }
    std::string log() {
        std::lock_guard lock(mutex_);
        return log_;
    }
    std::atomic<std::int64_t> clock{kNow};

  private:
    asio::io_context io_;
    std::optional<testdc::MtProxyServer> server_;
    std::thread thread_;
    std::mutex mutex_;
    std::string log_;
};

// A blocking client socket with reads bounded in time.
class Client {
  public:
    explicit Client(int port) : socket_(io_) {
        socket_.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
    }
    void send(ByteView bytes) { asio::write(socket_, asio::buffer(bytes.data(), bytes.size())); }
    /// True if neither a byte nor EOF arrives within kSilenceMs: the proxy keeps reading, mute.
    bool silent_and_open() {
        pollfd p{socket_.native_handle(), POLLIN, 0};
        return ::poll(&p, 1, kSilenceMs) == 0;
    }
    /// Up to 16 KiB, waiting at most 5 s; empty on EOF or timeout.
    Bytes receive() {
        pollfd p{socket_.native_handle(), POLLIN, 0};
        if (::poll(&p, 1, 5000) != 1) return {};
        std::uint8_t buf[16384];
        asio::error_code ec;
        const std::size_t n = socket_.read_some(asio::buffer(buf), ec);
        return ec ? Bytes{} : Bytes(buf, buf + n);
    }

  private:
    asio::io_context io_;
    asio::ip::tcp::socket socket_;
};

// An obfuscated2 client header (+ one packet), keyed with `key`, naming kUnroutedDc.
struct Obfuscated {
    std::unique_ptr<transport::Obfuscated2Codec> codec;
    Bytes first_bytes;
    Obfuscated(const ProxyKey& key, Protocol protocol) {
        transport::Obfuscated2ClientParams params;
        params.protocol = protocol;
        params.dc_id = kUnroutedDc;
        params.proxy_secret = key;
        codec = transport::Obfuscated2Codec::client(params, crypto::system_random());
        first_bytes = codec->encode(Bytes(40, 0x5a));
    }
};

// Feeds what the proxy sent into `codec`; the transport error it carries, if any.
std::optional<std::int32_t> transport_error(transport::Codec& codec, const Bytes& received) {
    codec.feed(received);
    while (auto event = codec.next()) {
        if (auto* e = std::get_if<transport::TransportError>(&*event)) return e->code;
    }
    return std::nullopt;
}

// The same bytes every time: two clients built from it send the same ClientHello.
crypto::RandomSource seeded(std::uint8_t seed) {
    return [seed](MutableByteView out) {
        for (std::size_t i = 0; i < out.size(); ++i)
            out[i] = static_cast<std::uint8_t>(seed * 31 + i * 7);
    };
}

// Sends a ClientHello and reads the answer; the FakeTlsClient's verdict on it: "ok" or the
// error code (TRANSPORT_FAKE_TLS_HMAC: the answer was not made with our secret).
std::string tls_handshake(Client& c, transport::FakeTlsClient& tls) {
    c.send(tls.take_hello());
    try {
        for (;;) {
            const Bytes got = c.receive();
            if (got.empty()) return "no answer";
            if (tls.feed(got)) return "ok";
        }
    } catch (const Error& e) {
        return e.code();
    }
}

// After a verified handshake: the obfuscated2 stream inside TLS records reaches the proxy,
// which answers -444 for the DC it cannot route.
std::optional<std::int32_t> tunnel_answer(Client& c, const ProxyKey& key) {
    transport::Obfuscated2ClientParams params;
    params.protocol = Protocol::PaddedIntermediate;
    params.dc_id = kUnroutedDc;
    params.proxy_secret = key;
    params.skip_prefix_rules = true;
    transport::FakeTlsCodec codec(
        transport::Obfuscated2Codec::client(params, crypto::system_random()));
    c.send(codec.encode(Bytes(40, 0x5a)));
    return transport_error(codec, c.receive());
}

TEST(MtProxyServer, RightPlainAndDdSecretsAreUnderstood) {
    Proxy proxy;
    for (const auto& [secret, protocol] :
         {std::pair{kPlain, Protocol::Intermediate}, std::pair{kPlain, Protocol::Abridged},
          std::pair{kDd, Protocol::PaddedIntermediate}}) {
        Client c(proxy.port());
        Obfuscated o(key_of(secret), protocol);
        c.send(o.first_bytes);
        EXPECT_EQ(transport_error(*o.codec, c.receive()), -444) << secret;
    }
    EXPECT_NE(proxy.log().find("unknown DC 99"), std::string::npos) << proxy.log();
}

TEST(MtProxyServer, WrongObfuscatedSecretsGetSilence) {
    Proxy proxy;
    const std::pair<ProxyKey, Protocol> wrong[] = {
        {key_of(kWrong), Protocol::Intermediate},        // a plain secret it does not have
        {key_of(kWrong), Protocol::PaddedIntermediate},  // a dd secret it does not have
        {key_of(kEe), Protocol::PaddedIntermediate},     // the ee key without the TLS hello
    };
    for (const auto& [key, protocol] : wrong) {
        Client c(proxy.port());
        c.send(Obfuscated(key, protocol).first_bytes);
        EXPECT_TRUE(c.silent_and_open()) << transport::protocol_name(protocol);
        c.send(Bytes(1000, 0x42));  // whatever follows is read and ignored too
        EXPECT_TRUE(c.silent_and_open());
    }
    const std::string log = proxy.log();
    EXPECT_NE(log.find("obfuscated2 header matches no secret"), std::string::npos) << log;
    for (const auto* s : {&kPlain, &kDd, &kEe}) EXPECT_EQ(log.find(s->substr(2, 32)), log.npos);
}

// The dd secret's key with abridged framing, as GramJS 2.26 speaks it: the official server takes
// it; with padded_only (mtprotoproxy's "secure" mode) it gets silence.
TEST(MtProxyServer, DdSecretTakesAnyFramingUnlessPaddedOnly) {
    {
        Proxy proxy;
        Client c(proxy.port());
        Obfuscated o(key_of(kDd), Protocol::Abridged);
        c.send(o.first_bytes);
        EXPECT_EQ(transport_error(*o.codec, c.receive()), -444);
    }
    Proxy strict(true);
    Client c(strict.port());
    c.send(Obfuscated(key_of(kDd), Protocol::Abridged).first_bytes);
    EXPECT_TRUE(c.silent_and_open());
    Client padded(strict.port());
    Obfuscated o(key_of(kDd), Protocol::PaddedIntermediate);
    padded.send(o.first_bytes);
    EXPECT_EQ(transport_error(*o.codec, padded.receive()), -444);
    EXPECT_NE(strict.log().find("keyed by a dd secret but framed as abridged"), std::string::npos)
        << strict.log();
}

TEST(MtProxyServer, ReplayedObfuscatedHeaderGetsSilence) {
    Proxy proxy;
    Obfuscated o(key_of(kPlain), Protocol::Intermediate);
    Client first(proxy.port());
    first.send(o.first_bytes);
    EXPECT_EQ(transport_error(*o.codec, first.receive()), -444);
    Client second(proxy.port());
    second.send(o.first_bytes);
    EXPECT_TRUE(second.silent_and_open());
    EXPECT_NE(proxy.log().find("obfuscated2 header replayed"), std::string::npos) << proxy.log();
}

TEST(MtProxyServer, FakeTlsHelloWithTheRightSecretVerifiesAndTunnels) {
    Proxy proxy;
    Client c(proxy.port());
    transport::FakeTlsClient tls(key_of(kEe), kDomain, kNow, crypto::system_random());
    ASSERT_EQ(tls_handshake(c, tls), "ok");
    EXPECT_EQ(tunnel_answer(c, key_of(kEe)), -444);
}

TEST(MtProxyServer, FakeTlsHelloWithAWrongSecretGetsAnUnverifiableAnswerThenSilence) {
    Proxy proxy;
    // The wrong key, and the plain secret's key (not an ee secret of this proxy).
    for (const auto* secret : {&kWrong, &kPlain}) {
        Client c(proxy.port());
        transport::FakeTlsClient tls(key_of(*secret), kDomain, kNow, crypto::system_random());
        EXPECT_EQ(tls_handshake(c, tls), "TRANSPORT_FAKE_TLS_HMAC");
        c.send(Bytes(200, 0x17));
        EXPECT_TRUE(c.silent_and_open());
    }
    EXPECT_NE(proxy.log().find("signed by no secret"), std::string::npos) << proxy.log();
}

TEST(MtProxyServer, FakeTlsHelloForAnotherDomainIsRefused) {
    Proxy proxy;
    for (const char* sni : {"example.net", "EXAMPLE.COM", ""}) {
        Client c(proxy.port());
        transport::FakeTlsClient tls(key_of(kEe), sni, kNow, crypto::system_random());
        EXPECT_EQ(tls_handshake(c, tls), "TRANSPORT_FAKE_TLS_HMAC") << sni;
    }
    EXPECT_NE(proxy.log().find("for another domain"), std::string::npos) << proxy.log();
}

TEST(MtProxyServer, FakeTlsTimestampWindowIsTwentyMinutesAheadToTenBehind) {
    Proxy proxy;
    // skew = proxy clock - hello time; accepted strictly inside (-20 min, +10 min).
    const std::pair<std::int64_t, const char*> cases[] = {
        {kNow, "ok"},
        {kNow - 599, "ok"},
        {kNow - 600, "TRANSPORT_FAKE_TLS_HMAC"},
        {kNow - 3600, "TRANSPORT_FAKE_TLS_HMAC"},
        {kNow + 1199, "ok"},
        {kNow + 1200, "TRANSPORT_FAKE_TLS_HMAC"},
        {kNow + 86400, "TRANSPORT_FAKE_TLS_HMAC"},
    };
    for (const auto& [when, verdict] : cases) {
        Client c(proxy.port());
        transport::FakeTlsClient tls(key_of(kEe), kDomain, static_cast<std::uint32_t>(when),
                                     crypto::system_random());
        EXPECT_EQ(tls_handshake(c, tls), verdict) << "hello at now" << (when - kNow);
    }
    const std::string log = proxy.log();
    EXPECT_NE(log.find("fake-TLS hello time off by 600 s"), log.npos) << log;
    EXPECT_NE(log.find("fake-TLS hello time off by -1200 s"), log.npos) << log;
}

TEST(MtProxyServer, ReplayedFakeTlsHelloIsRefused) {
    Proxy proxy;
    transport::FakeTlsClient original(key_of(kEe), kDomain, kNow, seeded(7));
    transport::FakeTlsClient replay(key_of(kEe), kDomain, kNow, seeded(7));
    Client first(proxy.port());
    Client second(proxy.port());
    ASSERT_EQ(tls_handshake(first, original), "ok");
    EXPECT_EQ(tls_handshake(second, replay), "TRANSPORT_FAKE_TLS_HMAC");  // the same bytes
    EXPECT_TRUE(second.silent_and_open());
    EXPECT_EQ(tunnel_answer(first, key_of(kEe)), -444);  // the original still works
    EXPECT_NE(proxy.log().find("fake-TLS hello replayed"), std::string::npos) << proxy.log();
}

}  // namespace
