#include "tgs/crypto/bigint.hpp"

#include <openssl/bn.h>

#include <memory>

#include "tgs/crypto/errors.hpp"
#include "tgs/error.hpp"

namespace tgs::crypto {

namespace {

BIGNUM* must(BIGNUM* bn) {
    if (bn == nullptr) throw Error(errc::internal, "BIGNUM allocation failed");
    return bn;
}

void ok(int rc, const char* what) {
    if (rc != 1) throw Error(errc::internal, std::string("BIGNUM operation failed: ") + what);
}

struct CtxFree {
    void operator()(BN_CTX* c) const { BN_CTX_free(c); }
};
// A fresh context per call keeps BigInt free of shared mutable state (thread-safe).
std::unique_ptr<BN_CTX, CtxFree> make_ctx() {
    BN_CTX* c = BN_CTX_new();
    if (c == nullptr) throw Error(errc::internal, "BN_CTX allocation failed");
    return std::unique_ptr<BN_CTX, CtxFree>(c);
}

void require_positive_modulus(const BigInt& m) {
    if (m.is_zero() || m.is_negative())
        throw Error(errc::bigint_invalid_modulus, "modulus must be positive");
}

}  // namespace

BigInt::BigInt() : bn_(must(BN_new())) {}

BigInt::BigInt(std::uint64_t value) : BigInt() {
    std::uint8_t be[8];
    for (int i = 0; i < 8; ++i) be[i] = static_cast<std::uint8_t>(value >> (56 - 8 * i));
    must(BN_bin2bn(be, 8, bn_));
}

// Secrets (exponents, keys) pass through here, so wipe on free.
BigInt::~BigInt() {
    BN_clear_free(bn_);
}

BigInt::BigInt(const BigInt& other) : bn_(must(BN_dup(other.bn_))) {}

BigInt& BigInt::operator=(const BigInt& other) {
    if (this != &other) must(BN_copy(bn_, other.bn_));
    return *this;
}

// A moved-from BigInt becomes a fresh zero so it stays usable.
BigInt::BigInt(BigInt&& other) noexcept : bn_(other.bn_) {
    other.bn_ = BN_new();
}

BigInt& BigInt::operator=(BigInt&& other) noexcept {
    if (this != &other) std::swap(bn_, other.bn_);
    return *this;
}

BigInt BigInt::from_bytes(ByteView be) {
    BigInt r;
    must(BN_bin2bn(be.data(), static_cast<int>(be.size()), r.bn_));
    return r;
}

BigInt BigInt::power_of_two(int exponent) {
    BigInt r;
    ok(BN_set_bit(r.bn_, exponent), "set_bit");
    return r;
}

Bytes BigInt::to_bytes() const {
    Bytes out(static_cast<std::size_t>(BN_num_bytes(bn_)));
    BN_bn2bin(bn_, out.data());
    return out;
}

Bytes BigInt::to_bytes(std::size_t size) const {
    if (static_cast<std::size_t>(BN_num_bytes(bn_)) > size)
        throw Error(errc::bigint_too_large, "number does not fit the requested byte length");
    Bytes out(size);
    if (BN_bn2binpad(bn_, out.data(), static_cast<int>(size)) < 0)
        throw Error(errc::internal, "BN_bn2binpad failed");
    return out;
}

std::uint64_t BigInt::to_u64() const {
    const Bytes b = to_bytes();
    std::uint64_t v = 0;
    const std::size_t start = b.size() > 8 ? b.size() - 8 : 0;
    for (std::size_t i = start; i < b.size(); ++i) v = (v << 8) | b[i];
    return v;
}

int BigInt::bits() const {
    return BN_num_bits(bn_);
}
bool BigInt::is_zero() const {
    return BN_is_zero(bn_) == 1;
}
bool BigInt::is_negative() const {
    return BN_is_negative(bn_) == 1;
}

std::uint64_t BigInt::mod_word(std::uint64_t w) const {
    if (w == 0) throw Error(errc::bigint_invalid_modulus, "modulus must be positive");
    // BN_mod_word takes BN_ULONG (64-bit here); go through BigInt for portability.
    return (*this % BigInt(w)).to_u64();
}

bool BigInt::is_prime(int rounds) const {
    auto ctx = make_ctx();
    // OpenSSL 3 deprecates the explicit-rounds API; BN_check_prime runs at least 64 random-base
    // Miller–Rabin rounds per call, so repeat it until `rounds` are covered.
    int done = 0;
    do {
        const int rc = BN_check_prime(bn_, ctx.get(), nullptr);
        if (rc < 0) throw Error(errc::internal, "primality test failed");
        if (rc == 0) return false;
        done += 64;
    } while (done < rounds);
    return true;
}

int BigInt::compare(const BigInt& other) const {
    return BN_cmp(bn_, other.bn_);
}

BigInt operator+(const BigInt& a, const BigInt& b) {
    BigInt r;
    ok(BN_add(r.bn_, a.bn_, b.bn_), "add");
    return r;
}

BigInt operator-(const BigInt& a, const BigInt& b) {
    BigInt r;
    ok(BN_sub(r.bn_, a.bn_, b.bn_), "sub");
    return r;
}

BigInt operator*(const BigInt& a, const BigInt& b) {
    BigInt r;
    auto ctx = make_ctx();
    ok(BN_mul(r.bn_, a.bn_, b.bn_, ctx.get()), "mul");
    return r;
}

BigInt operator/(const BigInt& a, const BigInt& m) {
    require_positive_modulus(m);
    BigInt r;
    auto ctx = make_ctx();
    ok(BN_div(r.bn_, nullptr, a.bn_, m.bn_, ctx.get()), "div");
    return r;
}

BigInt operator%(const BigInt& a, const BigInt& m) {
    require_positive_modulus(m);
    BigInt r;
    auto ctx = make_ctx();
    ok(BN_nnmod(r.bn_, a.bn_, m.bn_, ctx.get()), "nnmod");
    return r;
}

BigInt BigInt::mod_exp(const BigInt& base, const BigInt& exp, const BigInt& m) {
    require_positive_modulus(m);
    BigInt r;
    auto ctx = make_ctx();
    // Constant-time path for secret exponents; it needs an odd modulus.
    if (BN_is_odd(m.bn_)) {
        BigInt e = exp;
        BN_set_flags(e.bn_, BN_FLG_CONSTTIME);
        const BigInt b = base % m;
        ok(BN_mod_exp_mont_consttime(r.bn_, b.bn_, e.bn_, m.bn_, ctx.get(), nullptr), "mod_exp");
    } else {
        ok(BN_mod_exp(r.bn_, base.bn_, exp.bn_, m.bn_, ctx.get()), "mod_exp");
    }
    return r;
}

BigInt BigInt::mod_exp_public_exponent(const BigInt& base, const BigInt& exp, const BigInt& m) {
    require_positive_modulus(m);
    if (!BN_is_odd(m.bn_)) return mod_exp(base, exp, m);
    BigInt r;
    auto ctx = make_ctx();
    // The constant-time path builds a 32-entry window table whatever the exponent's length:
    // four times the time of the 17 squarings and one multiplication e = 65537 needs.
    const BigInt b = base % m;
    ok(BN_mod_exp_mont(r.bn_, b.bn_, exp.bn_, m.bn_, ctx.get(), nullptr), "mod_exp");
    return r;
}

BigInt BigInt::mod_mul(const BigInt& a, const BigInt& b, const BigInt& m) {
    require_positive_modulus(m);
    BigInt r;
    auto ctx = make_ctx();
    ok(BN_mod_mul(r.bn_, a.bn_, b.bn_, m.bn_, ctx.get()), "mod_mul");
    return r;
}

BigInt BigInt::mod_add(const BigInt& a, const BigInt& b, const BigInt& m) {
    require_positive_modulus(m);
    BigInt r;
    auto ctx = make_ctx();
    ok(BN_mod_add(r.bn_, a.bn_, b.bn_, m.bn_, ctx.get()), "mod_add");
    return r;
}

BigInt BigInt::mod_sub(const BigInt& a, const BigInt& b, const BigInt& m) {
    require_positive_modulus(m);
    BigInt r;
    auto ctx = make_ctx();
    ok(BN_mod_sub(r.bn_, a.bn_, b.bn_, m.bn_, ctx.get()), "mod_sub");
    return r;
}

}  // namespace tgs::crypto
