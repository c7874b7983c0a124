#include <asio/co_spawn.hpp>
#include <asio/connect.hpp>
#include <asio/detached.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/redirect_error.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>
#include <chrono>
#include <cstdlib>
#include <deque>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "tgs/crypto/random.hpp"
#include "tgs/error.hpp"
#include "tgs/testdc/mtproxy.hpp"
#include "tgs/transport/fake_tls.hpp"
#include "tgs/transport/obfuscated2.hpp"

namespace tgs::testdc {

using asio::ip::tcp;
using transport::ProxySecretKind;

namespace {

constexpr std::size_t kReplayMemory = 100000;  // hellos / headers remembered against replays
// A ClientHello larger than one TLS record (2^14, RFC 8446 §5.1) is not one.
constexpr std::size_t kMaxHello = 5 + 16384;

struct Ended {};  // the peer closed: not an error worth a log line

asio::awaitable<void> read_more(tcp::socket& socket, Bytes& into) {
    std::array<std::uint8_t, 16384> buf{};
    asio::error_code ec;
    const std::size_t n = co_await socket.async_read_some(
        asio::buffer(buf), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) throw Ended{};
    into.insert(into.end(), buf.begin(), buf.begin() + static_cast<long>(n));
}

asio::awaitable<void> read_at_least(tcp::socket& socket, Bytes& into, std::size_t n) {
    while (into.size() < n) co_await read_more(socket, into);
}

asio::awaitable<void> write_all(tcp::socket& socket, const Bytes& data) {
    if (data.empty()) co_return;
    asio::error_code ec;
    co_await asio::async_write(socket, asio::buffer(data),
                               asio::redirect_error(asio::use_awaitable, ec));
    if (ec) throw Ended{};
}

// What real MTProxy servers do with a client they cannot authenticate and no masking host:
// read everything and say nothing (mtprotoproxy handle_bad_client).
asio::awaitable<void> drain(tcp::socket& socket) {
    Bytes sink;
    for (;;) {
        sink.clear();
        co_await read_more(socket, sink);
    }
}

Bytes header_key(ByteView header) {
    // mtprotoproxy remembers the key+IV part of the header (bytes 8..56) against replays.
    return Bytes(header.begin() + 8, header.begin() + 56);
}

}  // namespace

struct MtProxyServer::State : std::enable_shared_from_this<State> {
    State(asio::io_context& io_, MtProxyOptions o)
        : io(io_), options(std::move(o)), acceptor(io_) {}

    asio::io_context& io;
    MtProxyOptions options;
    tcp::acceptor acceptor;
    bool stopped = false;
    std::set<std::shared_ptr<tcp::socket>> sockets;
    std::set<Bytes> seen;
    std::deque<Bytes> seen_order;
    crypto::RandomSource random = crypto::system_random();

    void log(const std::string& line) const {
        if (options.log) options.log("mtproxy: " + line);
    }

    std::int64_t now() const {
        if (options.now) return options.now();
        return std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }

    /// False if `key` was seen before; remembers it otherwise.
    bool first_time(Bytes key) {
        if (seen.count(key) != 0) return false;
        seen.insert(key);
        seen_order.push_back(std::move(key));
        if (seen_order.size() > kReplayMemory) {
            seen.erase(seen_order.front());
            seen_order.pop_front();
        }
        return true;
    }

    std::shared_ptr<tcp::socket> track(tcp::socket s) {
        auto p = std::make_shared<tcp::socket>(std::move(s));
        sockets.insert(p);
        return p;
    }
    void forget(const std::shared_ptr<tcp::socket>& s) {
        asio::error_code ignored;
        s->close(ignored);
        sockets.erase(s);
    }

    asio::awaitable<void> accept_loop();
    asio::awaitable<void> serve(std::shared_ptr<tcp::socket> client);
    asio::awaitable<std::unique_ptr<transport::Codec>> open_fake_tls(tcp::socket& client,
                                                                     Bytes& head);
    asio::awaitable<std::unique_ptr<transport::Codec>> open_obfuscated(tcp::socket& client,
                                                                       Bytes& head);
    asio::awaitable<void> relay(std::shared_ptr<tcp::socket> client,
                                std::unique_ptr<transport::Codec> codec, int dc);
};

namespace {

// The codec for a header keyed by `secret`, or nullptr. `framing` (if given) learns the framing
// of a header that decrypted but is not padded intermediate where that is required.
std::unique_ptr<transport::Obfuscated2Codec> try_secret(
    ByteView header, const transport::ProxySecret& secret, bool padded_only,
    std::optional<transport::Protocol>* framing = nullptr) {
    try {
        // Towards clients padding stays under 4 bytes: Telethon 1.25's randomized intermediate
        // strips only len % 4 bytes, and breaks on the 4-15 the protocol also allows.
        transport::CodecOptions inner;
        inner.max_padding = 3;
        auto codec = transport::Obfuscated2Codec::server(header, secret.key, inner);
        // ee means padded intermediate inside TLS; dd only when padded_only (mtprotoproxy's
        // "secure" mode); a plain secret takes any tag, as Telethon's randomized intermediate
        // uses dd.
        const bool padded_required = secret.kind == ProxySecretKind::FakeTls ||
                                     (secret.kind == ProxySecretKind::Secured && padded_only);
        if (padded_required && codec->protocol() != transport::Protocol::PaddedIntermediate) {
            if (framing) *framing = codec->protocol();
            return nullptr;
        }
        return codec;
    } catch (const Error&) {
        return nullptr;  // the tag did not decrypt: not this secret
    }
}

}  // namespace

asio::awaitable<std::unique_ptr<transport::Codec>> MtProxyServer::State::open_fake_tls(
    tcp::socket& client, Bytes& head) {
    const std::size_t need = *transport::fake_tls_hello_size(head);
    if (need > kMaxHello) co_return nullptr;
    co_await read_at_least(client, head, need);
    const ByteView record(head.data(), need);

    std::vector<transport::ProxyKey> keys;
    std::vector<const transport::ProxySecret*> owners;
    for (const auto& s : options.secrets) {
        if (s.kind == ProxySecretKind::FakeTls) {
            keys.push_back(s.key);
            owners.push_back(&s);
        }
    }
    auto info = transport::check_fake_tls_client_hello(record, keys);
    std::string refusal;
    if (!info) {
        refusal = "fake-TLS hello signed by no secret";
    } else if (info->server_name != owners[info->key_index]->domain) {
        // The domain is part of an ee secret; the official server hands a hello whose SNI is
        // none of its domains to its default web server.
        refusal = "fake-TLS hello for another domain than its secret's";
    } else if (const std::int64_t skew = now() - static_cast<std::int64_t>(info->timestamp);
               skew <= options.skew_min || skew >= options.skew_max) {
        refusal = "fake-TLS hello time off by " + std::to_string(skew) + " s";
    } else if (!first_time(Bytes(info->client_random.begin(), info->client_random.end()))) {
        refusal = "fake-TLS hello replayed";
    }
    if (!refusal.empty()) {
        log(refusal + ": answered as a plain TLS server would");
        // A ServerHello keyed with nothing we share: the client's HMAC check fails, as it
        // does when a real proxy hands such a client to the web server it imitates.
        transport::FakeTlsHelloInfo echo;
        std::copy_n(head.begin() + transport::kTlsRandomOffset, transport::kTlsRandomSize,
                    echo.client_random.begin());
        transport::ProxyKey stranger{};
        random(stranger);
        co_await write_all(client, transport::make_fake_tls_server_hello(stranger, echo, random));
        co_return nullptr;
    }
    const auto& secret = *owners[info->key_index];
    co_await write_all(client, transport::make_fake_tls_server_hello(secret.key, *info, random));

    Bytes records(head.begin() + static_cast<long>(need), head.end());
    Bytes plain;
    transport::unwrap_fake_tls_records(records, plain);
    while (plain.size() < transport::kObfuscatedHeaderSize) {
        co_await read_more(client, records);
        transport::unwrap_fake_tls_records(records, plain);
    }
    auto obfuscated = try_secret(ByteView(plain).first(transport::kObfuscatedHeaderSize), secret,
                                 options.padded_only);
    if (!obfuscated) {
        log("fake-TLS client sent no valid obfuscated2 header");
        co_return nullptr;
    }
    auto codec = std::make_unique<transport::FakeTlsCodec>(std::move(obfuscated));
    codec->inner().feed(ByteView(plain).subspan(transport::kObfuscatedHeaderSize));
    codec->feed(records);  // a partial record, if any
    co_return codec;
}

asio::awaitable<std::unique_ptr<transport::Codec>> MtProxyServer::State::open_obfuscated(
    tcp::socket& client, Bytes& head) {
    co_await read_at_least(client, head, transport::kObfuscatedHeaderSize);
    const ByteView header(head.data(), transport::kObfuscatedHeaderSize);
    std::optional<transport::Protocol> framing;
    for (const auto& s : options.secrets) {
        if (s.kind == ProxySecretKind::FakeTls) continue;  // only inside TLS
        auto codec = try_secret(header, s, options.padded_only, &framing);
        if (!codec) continue;
        if (!first_time(header_key(header))) {
            log("obfuscated2 header replayed: ignored");
            co_return nullptr;
        }
        codec->feed(ByteView(head).subspan(transport::kObfuscatedHeaderSize));
        co_return codec;
    }
    if (framing) {
        // GramJS 2.26 does this under --mtproxy-padded-only: it drops the dd, keeps abridged.
        log(std::string("obfuscated2 header keyed by a dd secret but framed as ") +
            transport::protocol_name(*framing) + ", not padded intermediate: ignored");
    } else {
        log("obfuscated2 header matches no secret: ignored");
    }
    co_return nullptr;
}

asio::awaitable<void> MtProxyServer::State::serve(std::shared_ptr<tcp::socket> client) {
    auto self = shared_from_this();
    try {
        Bytes head;
        co_await read_at_least(*client, head, 5);
        const bool has_tls =
            std::any_of(options.secrets.begin(), options.secrets.end(),
                        [](const auto& s) { return s.kind == ProxySecretKind::FakeTls; });
        std::unique_ptr<transport::Codec> codec;
        std::int16_t dc = 0;
        if (has_tls && transport::fake_tls_hello_size(head)) {
            codec = co_await open_fake_tls(*client, head);
            if (codec) {
                auto& tls = static_cast<transport::FakeTlsCodec&>(*codec);
                dc = static_cast<transport::Obfuscated2Codec&>(tls.inner()).dc_id();
            }
        } else {
            codec = co_await open_obfuscated(*client, head);
            if (codec) dc = static_cast<transport::Obfuscated2Codec&>(*codec).dc_id();
        }
        if (!codec) {
            co_await drain(*client);
        } else {
            co_await relay(client, std::move(codec), dc);
        }
    } catch (const Ended&) {
    } catch (const std::exception& e) {
        log(std::string("connection dropped: ") + e.what());
    }
    forget(client);
}

asio::awaitable<void> MtProxyServer::State::relay(std::shared_ptr<tcp::socket> client,
                                                  std::unique_ptr<transport::Codec> codec,
                                                  int dc_in_header) {
    // The header's DC id: +10000 for test DCs, negative for media DCs (docs/protocol.md §1.1).
    int dc = std::abs(dc_in_header);
    if (dc > 10000) dc -= 10000;
    auto route = options.dcs.find(dc);
    if (route == options.dcs.end()) {
        log("client asked for unknown DC " + std::to_string(dc_in_header));
        Bytes out;
        codec->encode_error(-444, out);  // "invalid DC" (docs/protocol.md §1)
        co_await write_all(*client, out);
        co_return;
    }
    auto upstream = track(tcp::socket(io));
    asio::error_code ec;
    tcp::resolver resolver(io);
    auto endpoints =
        co_await resolver.async_resolve(route->second.first, std::to_string(route->second.second),
                                        asio::redirect_error(asio::use_awaitable, ec));
    if (!ec) {
        co_await asio::async_connect(*upstream, endpoints,
                                     asio::redirect_error(asio::use_awaitable, ec));
    }
    if (ec) {
        log("cannot reach DC " + std::to_string(dc) + ": " + ec.message());
        forget(upstream);
        co_return;
    }
    log("relaying a client to DC " + std::to_string(dc) + " (" +
        transport::protocol_name(codec->protocol()) + ")");
    // To the DC the proxy is an ordinary client of the same framing, announced by its init
    // marker; MTProto inside is untouched.
    transport::CodecOptions up_options;
    up_options.role = transport::Role::Client;
    auto up =
        std::shared_ptr<transport::Codec>(transport::make_codec(codec->protocol(), up_options));
    std::shared_ptr<transport::Codec> down(std::move(codec));

    auto self = shared_from_this();
    // DC -> client on its own coroutine; this one carries client -> DC.
    asio::co_spawn(
        io,
        [self, client, upstream, up, down]() -> asio::awaitable<void> {
            try {
                for (;;) {
                    Bytes in, out;
                    co_await read_more(*upstream, in);
                    up->feed(in);
                    while (auto event = up->next()) {
                        if (auto* p = std::get_if<transport::Packet>(&*event)) {
                            down->encode(p->payload, out);
                        } else if (auto* e = std::get_if<transport::TransportError>(&*event)) {
                            down->encode_error(e->code, out);
                        } else if (auto* q = std::get_if<transport::QuickAck>(&*event)) {
                            down->encode_quick_ack(q->token, out);
                        }
                    }
                    co_await write_all(*client, out);
                }
            } catch (...) {
            }
            self->forget(upstream);
            self->forget(client);
        },
        asio::detached);
    try {
        for (;;) {
            Bytes out;
            while (auto event = down->next()) {
                if (auto* p = std::get_if<transport::Packet>(&*event)) {
                    up->encode(p->payload, out, p->quick_ack_requested);
                }
            }
            co_await write_all(*upstream, out);
            Bytes in;
            co_await read_more(*client, in);
            down->feed(in);
        }
    } catch (...) {
    }
    forget(upstream);
}

asio::awaitable<void> MtProxyServer::State::accept_loop() {
    auto self = shared_from_this();
    while (!stopped) {
        asio::error_code ec;
        tcp::socket socket =
            co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            if (stopped) break;
            continue;
        }
        asio::co_spawn(io, serve(track(std::move(socket))), asio::detached);
    }
}

MtProxyServer::MtProxyServer(asio::io_context& io, MtProxyOptions options)
    : state_(std::make_shared<State>(io, std::move(options))) {}

MtProxyServer::~MtProxyServer() {
    stop();
}

void MtProxyServer::start() {
    auto& s = *state_;
    const tcp::endpoint ep(asio::ip::make_address(s.options.host),
                           static_cast<unsigned short>(s.options.port));
    s.acceptor.open(ep.protocol());
    s.acceptor.set_option(tcp::acceptor::reuse_address(true));
    s.acceptor.bind(ep);
    s.acceptor.listen();
    s.options.port = s.acceptor.local_endpoint().port();
    asio::co_spawn(s.io, s.accept_loop(), asio::detached);
}

void MtProxyServer::stop() {
    auto& s = *state_;
    if (s.stopped) return;
    s.stopped = true;
    asio::error_code ignored;
    s.acceptor.close(ignored);
    for (const auto& socket : s.sockets) socket->close(ignored);
}

int MtProxyServer::port() const {
    return state_->options.port;
}

const MtProxyOptions& MtProxyServer::options() const {
    return state_->options;
}

std::string MtProxyServer::json() const {
    nlohmann::ordered_json j;
    j["host"] = state_->options.host;
    j["port"] = state_->options.port;
    j["secrets"] = nlohmann::json::array();
    for (const auto& s : state_->options.secrets)
        j["secrets"].push_back(transport::proxy_secret_hex(s));
    return j.dump();
}

}  // namespace tgs::testdc
