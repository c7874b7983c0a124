// Auth-key creation and message encryption CPU, entirely in memory (no sockets):
//   BM_Handshake{Full,ClientOnly,ServerOnly}/<scheme>  one HandshakeClient <-> HandshakeServer
//     exchange per iteration; scheme 0 = RSA_PAD (current clients), 1 = legacy SHA1 padding
//     (Telethon 1.x). The *Only variants run the same exchange but time just one side's calls
//     with the thread's CPU clock, so the other side's work and scheduler noise on this shared
//     machine are left out.
//   BM_{Encrypt,Decrypt}Message/<bytes>  MTProto 2.0 message crypto for 1 KiB and 64 KiB bodies.
#include <benchmark/benchmark.h>

#include <ctime>
#include <memory>
#include <span>
#include <stdexcept>
#include <variant>

#include "tgs/crypto/random.hpp"
#include "tgs/crypto/rsa.hpp"
#include "tgs/mtproto/handshake.hpp"
#include "tgs/mtproto/handshake_client.hpp"
#include "tgs/mtproto/handshake_server.hpp"
#include "tgs/mtproto/message_crypto.hpp"

namespace {

namespace crypto = tgs::crypto;
namespace mtproto = tgs::mtproto;
using tgs::Bytes;

constexpr std::int32_t kDcId = 10002;
constexpr std::int64_t kNow = 1'700'000'000;

// Key generation is slow and not what we measure: one key for the whole run.
const crypto::RsaPrivateKey& server_key() {
    static const auto key =
        std::make_unique<crypto::RsaPrivateKey>(crypto::RsaPrivateKey::generate());
    return *key;
}

// CPU time of the calling thread, in seconds (what one side of the handshake costs).
double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

enum class Timed { Both, Client, Server };

// Adds the CPU time of `f` to `acc` when `on` is set; otherwise just runs it.
template <class F>
auto timed(bool on, double& acc, F&& f) {
    if (!on) return f();
    const double t0 = thread_cpu_seconds();
    auto r = f();
    acc += thread_cpu_seconds() - t0;
    return r;
}

// One complete handshake, messages passed through the unencrypted envelope as on the wire.
// Returns the CPU seconds spent in the sides selected by `which`.
double run_handshake(mtproto::RsaScheme scheme, Timed which) {
    const bool time_client = which == Timed::Client;
    const bool time_server = which == Timed::Server;
    double cpu = 0;
    mtproto::HandshakeClientOptions co;
    co.rsa_scheme = scheme;
    mtproto::HandshakeServerOptions so;
    so.accepted_dc_ids = {kDcId};
    auto [client, server] = timed(time_client || time_server, cpu, [&] {
        // Construction is cheap; charge it to both sides alike.
        return std::pair{
            mtproto::HandshakeClient({server_key().public_key()}, kDcId, crypto::system_random(),
                                     co),
            mtproto::HandshakeServer(std::span(&server_key(), 1), crypto::system_random(), so)};
    });
    std::int64_t msg_id = mtproto::unencrypted_msg_id(static_cast<double>(kNow));
    Bytes to_server =
        timed(time_client, cpu, [&] { return mtproto::wrap_unencrypted(client.start(), msg_id); });
    for (int round = 0; round < 8; ++round) {
        auto step = timed(time_server, cpu, [&] {
            return server.on_message(mtproto::unwrap_unencrypted(to_server).body, kNow);
        });
        const Bytes to_client = timed(time_server, cpu, [&] {
            return mtproto::wrap_unencrypted(
                step.reply, mtproto::unencrypted_msg_id(static_cast<double>(kNow), true));
        });
        auto next = timed(time_client, cpu, [&] {
            return client.on_message(mtproto::unwrap_unencrypted(to_client).body, kNow);
        });
        if (auto* done = std::get_if<mtproto::HandshakeDone>(&next)) {
            if (!step.done || done->auth_key.id() != step.done->result.auth_key.id()) {
                throw std::runtime_error("handshake sides disagree");
            }
            benchmark::DoNotOptimize(done->auth_key.id());
            return cpu;
        }
        msg_id += 4;
        to_server = timed(time_client, cpu, [&] {
            return mtproto::wrap_unencrypted(std::get<mtproto::HandshakeSend>(next).body, msg_id);
        });
    }
    throw std::runtime_error("handshake did not finish");
}

mtproto::RsaScheme scheme_arg(const benchmark::State& state) {
    return state.range(0) == 0 ? mtproto::RsaScheme::RsaPad : mtproto::RsaScheme::Legacy;
}

void BM_HandshakeFull(benchmark::State& state) {
    const auto scheme = scheme_arg(state);
    server_key();
    for (auto _ : state) run_handshake(scheme, Timed::Both);
    state.SetLabel(state.range(0) == 0 ? "rsa_pad" : "legacy_rsa");
}

void BM_HandshakeClientOnly(benchmark::State& state) {
    const auto scheme = scheme_arg(state);
    server_key();
    for (auto _ : state) state.SetIterationTime(run_handshake(scheme, Timed::Client));
    state.SetLabel(state.range(0) == 0 ? "rsa_pad, client CPU" : "legacy_rsa, client CPU");
}

void BM_HandshakeServerOnly(benchmark::State& state) {
    const auto scheme = scheme_arg(state);
    server_key();
    for (auto _ : state) state.SetIterationTime(run_handshake(scheme, Timed::Server));
    state.SetLabel(state.range(0) == 0 ? "rsa_pad, server CPU" : "legacy_rsa, server CPU");
}

BENCHMARK(BM_HandshakeFull)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HandshakeClientOnly)->Arg(0)->Arg(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HandshakeServerOnly)->Arg(0)->Arg(1)->UseManualTime()->Unit(benchmark::kMillisecond);

// --- Message crypto ---

mtproto::AuthKey random_auth_key() {
    Bytes k(mtproto::AuthKey::kSize);
    crypto::secure_random(k);
    return mtproto::AuthKey(k);
}

mtproto::PlainMessage message_of(std::size_t body_size) {
    mtproto::PlainMessage m;
    m.salt = 0x1122334455667788;
    m.session_id = 0x0102030405060708;
    m.msg_id = mtproto::unencrypted_msg_id(static_cast<double>(kNow));
    m.seq_no = 1;
    m.body.resize(body_size);
    crypto::secure_random(m.body);
    return m;
}

void BM_EncryptMessage(benchmark::State& state) {
    const auto key = random_auth_key();
    const auto msg = message_of(static_cast<std::size_t>(state.range(0)));
    const auto rng = crypto::system_random();
    for (auto _ : state) {
        Bytes packet = mtproto::encrypt_message(key, msg, mtproto::Direction::ClientToServer, rng);
        benchmark::DoNotOptimize(packet.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

void BM_DecryptMessage(benchmark::State& state) {
    const auto key = random_auth_key();
    const Bytes packet =
        mtproto::encrypt_message(key, message_of(static_cast<std::size_t>(state.range(0))),
                                 mtproto::Direction::ServerToClient, crypto::system_random());
    for (auto _ : state) {
        auto msg = mtproto::decrypt_message(key, packet, mtproto::Direction::ServerToClient);
        benchmark::DoNotOptimize(msg.body.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

BENCHMARK(BM_EncryptMessage)->Arg(1 << 10)->Arg(64 << 10);
BENCHMARK(BM_DecryptMessage)->Arg(1 << 10)->Arg(64 << 10);

}  // namespace

BENCHMARK_MAIN();
