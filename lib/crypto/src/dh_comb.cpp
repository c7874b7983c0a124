#include "dh_comb.hpp"

#include <openssl/bn.h>

#include <array>
#include <cstring>
#include <memory>

#include "dh_comb_shape.hpp"
#include "tgs/crypto/errors.hpp"
#include "tgs/crypto/secure.hpp"
#include "tgs/error.hpp"

namespace tgs::crypto::detail {

namespace {

#include "dh_comb_table.inc"

constexpr std::size_t kWords = kCombEntryBytes / sizeof(std::uint64_t);

void ok(int rc, const char* what) {
    if (rc != 1) throw Error(errc::internal, std::string("comb exponentiation failed: ") + what);
}

// Telegram's prime and its Montgomery context, made once per process.
struct TabledPrime {
    BigInt p = BigInt::from_bytes(from_hex(kTelegramPrimeHex));
    BN_MONT_CTX* mont = nullptr;

    TabledPrime() {
        mont = BN_MONT_CTX_new();
        BN_CTX* ctx = BN_CTX_new();
        const bool set =
            mont != nullptr && ctx != nullptr && BN_MONT_CTX_set(mont, p.raw(), ctx) == 1;
        BN_CTX_free(ctx);
        if (!set) throw Error(errc::internal, "Montgomery context set-up failed");
    }
    ~TabledPrime() { BN_MONT_CTX_free(mont); }
    TabledPrime(const TabledPrime&) = delete;
    TabledPrime& operator=(const TabledPrime&) = delete;
};

const TabledPrime& tabled_prime() {
    static const TabledPrime t;
    return t;
}

// All ones when a == b, else zero, without a branch the compiler could turn back into one
// (the empty asm hides the value's origin from the optimiser).
std::uint64_t equal_mask(std::uint64_t a, std::uint64_t b) {
    std::uint64_t mask = 0 - (((a ^ b) - 1) >> 63);  // a, b < 2^63
    asm("" : "+r"(mask));
    return mask;
}

// entry[block][index] into out, reading every entry of the block so that the memory access
// pattern does not depend on the (secret) index.
void select_entry(int block, std::uint64_t index, std::uint8_t* out) {
    std::array<std::uint64_t, kWords> acc{};
    for (int i = 0; i < kCombEntries; ++i) {
        const std::uint64_t mask = equal_mask(static_cast<std::uint64_t>(i), index);
        const std::uint8_t* entry = kDhCombTable[block][i];
        for (std::size_t w = 0; w < kWords; ++w) {
            std::uint64_t v;
            std::memcpy(&v, entry + w * sizeof v, sizeof v);
            acc[w] |= v & mask;
        }
    }
    std::memcpy(out, acc.data(), kCombEntryBytes);
    secure_zero(MutableByteView(reinterpret_cast<std::uint8_t*>(acc.data()), kCombEntryBytes));
}

// Bit k of the little-endian exponent (zero past its end).
std::uint64_t exponent_bit(const std::uint8_t* x_le, int k) {
    if (k >= kCombExponentBits) return 0;
    return (x_le[k / 8] >> (k % 8)) & 1U;
}

// Secret bytes on the stack, wiped however the function is left (a SecureBuffer would be a
// locked mapping of its own; these live for well under a millisecond).
template <std::size_t N>
struct WipedArray {
    std::array<std::uint8_t, N> bytes{};
    WipedArray() = default;
    ~WipedArray() { secure_zero(MutableByteView(bytes.data(), bytes.size())); }
    WipedArray(const WipedArray&) = delete;
    WipedArray& operator=(const WipedArray&) = delete;
};

struct BnFree {
    void operator()(BIGNUM* b) const { BN_clear_free(b); }
};
struct CtxFree {
    void operator()(BN_CTX* c) const { BN_CTX_free(c); }
};

}  // namespace

std::optional<BigInt> dh_comb_pow(std::int32_t g, const BigInt& x, const BigInt& p) {
    // x.bits() depends on x only through its limb count (BN_num_bits_word is constant time), the
    // same that BN_mod_exp_mont_consttime's p->top reveals. Past this point the work done and the
    // memory read do not depend on x (short of a product with a zero top limb, 2^-64 a step).
    if (g != kCombG || x.is_negative() || x.bits() > kCombExponentBits) return std::nullopt;
    const TabledPrime& tp = tabled_prime();
    if (p != tp.p) return std::nullopt;

    std::unique_ptr<BN_CTX, CtxFree> ctx(BN_CTX_new());
    std::unique_ptr<BIGNUM, BnFree> acc(BN_new());
    std::unique_ptr<BIGNUM, BnFree> factor(BN_new());
    if (!ctx || !acc || !factor) throw Error(errc::internal, "BIGNUM allocation failed");

    WipedArray<kCombEntryBytes> x_le;
    ok(BN_bn2lebinpad(x.raw(), x_le.bytes.data(), kCombEntryBytes) == kCombEntryBytes,
       "bn2lebinpad");
    WipedArray<kCombEntryBytes> entry;

    // Start from 1 in Montgomery form, so every product below has one factor < p (the table
    // entries may be >= p, see gen_dh_comb.cpp) and every result is fully reduced.
    ok(BN_to_montgomery(acc.get(), BN_value_one(), tp.mont, ctx.get()), "to_montgomery");
    for (int k = kCombColumns - 1; k >= 0; --k) {
        if (k != kCombColumns - 1)
            ok(BN_mod_mul_montgomery(acc.get(), acc.get(), acc.get(), tp.mont, ctx.get()),
               "square");
        for (int s = 0; s < kCombBlocks; ++s) {
            std::uint64_t index = 0;
            for (int j = 0; j < kCombTeeth; ++j)
                index |= exponent_bit(x_le.bytes.data(), j * kCombRowBits + s * kCombColumns + k)
                         << j;
            select_entry(s, index, entry.bytes.data());
            if (BN_lebin2bn(entry.bytes.data(), kCombEntryBytes, factor.get()) == nullptr)
                throw Error(errc::internal, "BIGNUM load failed");
            ok(BN_mod_mul_montgomery(acc.get(), acc.get(), factor.get(), tp.mont, ctx.get()),
               "multiply");
        }
    }
    BigInt result;
    ok(BN_from_montgomery(result.raw(), acc.get(), tp.mont, ctx.get()), "from_montgomery");
    return result;
}

}  // namespace tgs::crypto::detail
