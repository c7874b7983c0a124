#include "fuzz_fixtures.hpp"

#include <unistd.h>

#include <algorithm>
#include <memory>
#include <system_error>

#include "fuzz_rsa_key.hpp"
#include "tgs/error.hpp"
#include "tgs/mtproto/handshake_server.hpp"
#include "tgs/mtproto/message_crypto.hpp"

namespace tgs::fuzz {

Bytes prefixed(std::uint8_t first, ByteView rest) {
    Bytes out(rest.size() + 1);
    out[0] = first;
    std::copy(rest.begin(), rest.end(), out.begin() + 1);
    return out;
}

crypto::RandomSource counter_random(std::uint64_t seed) {
    auto state = std::make_shared<std::uint64_t>(seed * 0x9E3779B97F4A7C15ULL + 1);
    // The state is read and written once per call, not per byte: fake TLS draws kilobytes per
    // input, and the per-byte shared_ptr access was a fifth of fuzz_fake_tls's time.
    return [state](MutableByteView out) {
        std::uint64_t x = *state;
        for (auto& b : out) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            b = static_cast<std::uint8_t>(x >> 24);
        }
        *state = x;
    };
}

namespace {
constexpr std::int64_t kNowNs = kUnixNow * 1'000'000'000;
mtproto::Clock fixed_clock() {
    return [] { return kNowNs; };
}
std::int64_t msg_id_at_now(std::uint32_t low) {
    return static_cast<std::int64_t>((static_cast<std::uint64_t>(kUnixNow) << 32) | low);
}
}  // namespace

mtproto::AuthKey session_key() {
    Bytes k(256);
    for (std::size_t i = 0; i < k.size(); ++i) k[i] = static_cast<std::uint8_t>(i * 7 + 3);
    return mtproto::AuthKey(k);
}

mtproto::ClientSession make_client_session() {
    mtproto::ClientSessionOptions o;
    o.server_salt = kServerSalt;
    o.session_id = kSessionId;
    o.padding = mtproto::PaddingPolicy::Minimal;
    return mtproto::ClientSession(session_key(), fixed_clock(), counter_random(1), o);
}

mtproto::ServerSession make_server_session() {
    return mtproto::ServerSession(
        [](std::uint64_t id) -> std::optional<mtproto::AuthKey> {
            auto k = session_key();
            if (k.id() != id) return std::nullopt;
            return k;
        },
        kServerSalt, fixed_clock(), counter_random(2));
}

namespace {
Bytes packet_for(ByteView body, std::uint32_t msg_low, mtproto::Direction dir) {
    mtproto::PlainMessage m;
    m.salt = kServerSalt;
    m.session_id = kSessionId;
    m.msg_id = msg_id_at_now(msg_low);
    m.seq_no = 1;
    m.body.assign(body.begin(), body.end());
    return mtproto::encrypt_message(session_key(), m, dir, counter_random(3),
                                    mtproto::PaddingPolicy::Minimal);
}
}  // namespace

Bytes server_packet_for(ByteView body, std::uint32_t msg_low) {
    return packet_for(body, msg_low, mtproto::Direction::ServerToClient);
}
Bytes client_packet_for(ByteView body, std::uint32_t msg_low) {
    return packet_for(body, msg_low, mtproto::Direction::ClientToServer);
}

namespace {
const crypto::RsaPrivateKey& rsa_key() {
    static const crypto::RsaPrivateKey key = crypto::RsaPrivateKey::from_pem(kFuzzRsaKeyPem);
    return key;
}
}  // namespace

crypto::RsaPublicKey fuzz_rsa_public_key() {
    return rsa_key().public_key();
}

mtproto::HandshakeClient make_handshake_client() {
    return mtproto::HandshakeClient({rsa_key().public_key()}, 2, counter_random(7));
}

const RecordedHandshake& recorded_handshake() {
    static const RecordedHandshake flow = [] {
        RecordedHandshake f;
        mtproto::HandshakeServer server(std::span<const crypto::RsaPrivateKey>(&rsa_key(), 1),
                                        counter_random(8));
        auto client = make_handshake_client();
        Bytes to_server = client.start();
        for (int i = 0; i < 3; ++i) {
            auto step = server.on_message(to_server, kUnixNow);
            f.replies.push_back(step.reply);
            auto next = client.on_message(step.reply, kUnixNow);
            if (std::holds_alternative<mtproto::HandshakeDone>(next)) return f;
            to_server = std::get<mtproto::HandshakeSend>(next).body;
        }
        throw Error("FUZZ_SETUP", "recorded handshake did not finish in three round trips");
    }();
    return flow;
}

const std::vector<mtproto::HandshakeClient>& handshake_snapshots() {
    static const std::vector<mtproto::HandshakeClient> states = [] {
        const auto& flow = recorded_handshake();
        std::vector<mtproto::HandshakeClient> v;
        auto client = make_handshake_client();
        client.start();
        for (std::size_t i = 0; i < flow.replies.size(); ++i) {
            v.push_back(client.clone(counter_random(9)));
            if (i + 1 < flow.replies.size()) client.on_message(flow.replies[i], kUnixNow);
        }
        return v;
    }();
    return states;
}

const transport::ProxyKey& proxy_secret() {
    static const transport::ProxyKey key = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    return key;
}

const session::SealKey& seal_key() {
    static const session::SealKey key = session::SealKey::raw(Bytes(32, 0x5a));
    return key;
}

namespace {
struct ScratchDir {
    std::filesystem::path path;
    ScratchDir() {
        // A memory file system when there is one: fuzz_session_file writes a file per input,
        // and on a disk-backed /tmp that write and its wait took two thirds of the wall time.
        std::error_code ec;
        const std::filesystem::path shm = "/dev/shm";
        const auto base =
            ::access(shm.c_str(), W_OK | X_OK) == 0 && std::filesystem::is_directory(shm, ec)
                ? shm
                : std::filesystem::temp_directory_path();
        std::string tmpl = (base / "tgs-fuzz-XXXXXX").string();
        if (::mkdtemp(tmpl.data()) == nullptr) throw Error("FUZZ_SETUP", "mkdtemp failed");
        path = tmpl;
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};
}  // namespace

const std::filesystem::path& scratch_dir() {
    static const ScratchDir dir;
    return dir.path;
}

testdc::RpcHandler& test_dc() {
    static testdc::ClusterState state([] {
        testdc::ClusterOptions o;
        for (int i = 1; i <= 3; ++i) o.dcs.push_back({i, "127.0.0.1", 40000 + i});
        return o;
    }());
    static testdc::RpcHandler handler = [] {
        state.add_auth_key(kRpcAuthKeyId, Bytes(256, 7), 2, kUnixNow);
        return testdc::RpcHandler(testdc::Accounts::convention(3), state, counter_random(9));
    }();
    return handler;
}

testdc::CallContext rpc_context() {
    testdc::CallContext ctx;
    ctx.dc_id = 2;
    ctx.auth_key_id = kRpcAuthKeyId;
    ctx.msg_id = msg_id_at_now(4);
    ctx.client_ip = "127.0.0.1";
    ctx.now = kUnixNow;
    return ctx;
}

}  // namespace tgs::fuzz
