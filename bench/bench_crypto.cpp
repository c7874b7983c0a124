// Crypto hot paths: AES-IGE message encryption, the 2FA SRP proof, and RSA_PAD.
#include <benchmark/benchmark.h>

#include "tgs/crypto/aes.hpp"
#include "tgs/crypto/dh.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/crypto/rsa.hpp"
#include "tgs/crypto/srp.hpp"

namespace {

namespace crypto = tgs::crypto;
using tgs::Bytes;

Bytes random_bytes(std::size_t n) {
    Bytes b(n);
    crypto::secure_random(b);
    return b;
}

void BM_AesIgeEncrypt1MiB(benchmark::State& state) {
    Bytes data = random_bytes(1 << 20);
    const Bytes key = random_bytes(32), iv = random_bytes(32);
    for (auto _ : state) {
        crypto::aes_ige_encrypt_in_place(data, key, iv);
        benchmark::DoNotOptimize(data.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(data.size()));
}
BENCHMARK(BM_AesIgeEncrypt1MiB);

void BM_AesIgeDecrypt1MiB(benchmark::State& state) {
    Bytes data = random_bytes(1 << 20);
    const Bytes key = random_bytes(32), iv = random_bytes(32);
    for (auto _ : state) {
        crypto::aes_ige_decrypt_in_place(data, key, iv);
        benchmark::DoNotOptimize(data.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(data.size()));
}
BENCHMARK(BM_AesIgeDecrypt1MiB);

// One full client check (PBKDF2 100000 iterations dominates), with Telegram's real prime.
void BM_SrpClientCheck(benchmark::State& state) {
    const Bytes& p = crypto::telegram_dh_prime();
    const Bytes salt1 = random_bytes(40), salt2 = random_bytes(16);
    const Bytes v = crypto::srp_verifier("bench password", salt1, salt2, 3, p);
    const Bytes B = crypto::srp_server_B(v, random_bytes(256), 3, p);
    const Bytes a = random_bytes(256);
    for (auto _ : state) {
        auto proof = crypto::srp_compute_check("bench password", salt1, salt2, 3, p, B, a);
        benchmark::DoNotOptimize(proof.M1.data());
    }
}
BENCHMARK(BM_SrpClientCheck)->Unit(benchmark::kMillisecond);

void BM_RsaPadEncrypt(benchmark::State& state) {
    const auto key = crypto::RsaPrivateKey::generate(2048).public_key();
    const Bytes data = random_bytes(96);
    const auto rng = crypto::system_random();
    for (auto _ : state) {
        auto enc = crypto::rsa_pad_encrypt(data, key, rng);
        benchmark::DoNotOptimize(enc.data());
    }
}
BENCHMARK(BM_RsaPadEncrypt)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
