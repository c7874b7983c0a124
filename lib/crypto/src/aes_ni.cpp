#include "aes_ni.hpp"

#include <openssl/crypto.h>

#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#define TGS_AES_NI 1
#endif

namespace tgs::crypto::detail {

#ifdef TGS_AES_NI
namespace {

// CPUID leaf 1, ECX bit 25. Asked once, when the first AES key is set (never at start-up).
bool cpu_has_aes() {
    static const bool has = [] {
        unsigned a = 0, b = 0, c = 0, d = 0;
        return __get_cpuid(1, &a, &b, &c, &d) != 0 && (c & bit_AES) != 0;
    }();
    return has;
}

#define TGS_AESNI __attribute__((target("aes,sse2")))

// The AES-256 key schedule (FIPS 197 5.2) with AESKEYGENASSIST: `assist` holds SubWord (and
// RotWord ^ Rcon for even steps) of the previous key's last word; `lane` picks it.
template <int lane>
TGS_AESNI __m128i next_round_key(__m128i prev, __m128i assist) {
    assist = _mm_shuffle_epi32(assist, lane);
    prev = _mm_xor_si128(prev, _mm_slli_si128(prev, 4));
    prev = _mm_xor_si128(prev, _mm_slli_si128(prev, 4));
    prev = _mm_xor_si128(prev, _mm_slli_si128(prev, 4));
    return _mm_xor_si128(prev, assist);
}

template <int rcon>
TGS_AESNI void expand_pair(__m128i* rk, int i) {
    rk[i] = next_round_key<0xff>(rk[i - 2], _mm_aeskeygenassist_si128(rk[i - 1], rcon));
    if (i + 1 < 15)
        rk[i + 1] = next_round_key<0xaa>(rk[i - 1], _mm_aeskeygenassist_si128(rk[i], 0));
}

TGS_AESNI void expand_key(const std::uint8_t* key, bool encrypt, std::uint8_t* out) {
    __m128i rk[15];
    rk[0] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(key));
    rk[1] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(key + 16));
    expand_pair<0x01>(rk, 2);
    expand_pair<0x02>(rk, 4);
    expand_pair<0x04>(rk, 6);
    expand_pair<0x08>(rk, 8);
    expand_pair<0x10>(rk, 10);
    expand_pair<0x20>(rk, 12);
    expand_pair<0x40>(rk, 14);
    auto* dst = reinterpret_cast<__m128i*>(out);
    if (encrypt) {
        for (int i = 0; i < 15; ++i) _mm_store_si128(dst + i, rk[i]);
    } else {
        // The equivalent inverse cipher (FIPS 197 5.3.5): reversed keys, InvMixColumns inside.
        _mm_store_si128(dst, rk[14]);
        for (int i = 1; i < 14; ++i) _mm_store_si128(dst + i, _mm_aesimc_si128(rk[14 - i]));
        _mm_store_si128(dst + 14, rk[0]);
    }
    OPENSSL_cleanse(rk, sizeof rk);
}

TGS_AESNI void run_block(const std::uint8_t* keys, bool encrypt, std::uint8_t* block) {
    const auto* rk = reinterpret_cast<const __m128i*>(keys);
    __m128i x =
        _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(block)), _mm_load_si128(rk));
    if (encrypt) {
        for (int i = 1; i < 14; ++i) x = _mm_aesenc_si128(x, _mm_load_si128(rk + i));
        x = _mm_aesenclast_si128(x, _mm_load_si128(rk + 14));
    } else {
        for (int i = 1; i < 14; ++i) x = _mm_aesdec_si128(x, _mm_load_si128(rk + i));
        x = _mm_aesdeclast_si128(x, _mm_load_si128(rk + 14));
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(block), x);
}

}  // namespace

std::optional<AesNi256> AesNi256::make(ByteView key32, bool encrypt) {
    if (key32.size() != 32 || !cpu_has_aes()) return std::nullopt;
    std::optional<AesNi256> out(AesNi256{});
    out->encrypt_ = encrypt;
    expand_key(key32.data(), encrypt, out->round_keys_);
    return out;
}

void AesNi256::apply(std::uint8_t* block) const {
    run_block(round_keys_, encrypt_, block);
}
#else
std::optional<AesNi256> AesNi256::make(ByteView, bool) {
    return std::nullopt;
}
void AesNi256::apply(std::uint8_t*) const {}
#endif

AesNi256::AesNi256(AesNi256&& other) noexcept : encrypt_(other.encrypt_) {
    std::memcpy(round_keys_, other.round_keys_, sizeof round_keys_);
    OPENSSL_cleanse(other.round_keys_, sizeof other.round_keys_);
}

AesNi256::~AesNi256() {
    OPENSSL_cleanse(round_keys_, sizeof round_keys_);
}

}  // namespace tgs::crypto::detail
