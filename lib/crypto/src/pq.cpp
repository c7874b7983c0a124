#include "tgs/crypto/pq.hpp"

#include <numeric>
#include <utility>

#include "tgs/crypto/errors.hpp"
#include "tgs/error.hpp"

namespace tgs::crypto {

namespace {

__extension__ typedef unsigned __int128 u128;  // GCC/Clang extension; -Wpedantic-safe spelling

std::uint64_t mulmod(std::uint64_t a, std::uint64_t b, std::uint64_t m) {
    return static_cast<std::uint64_t>(static_cast<u128>(a) * b % m);
}

std::uint64_t powmod(std::uint64_t base, std::uint64_t exp, std::uint64_t m) {
    std::uint64_t r = 1 % m;
    base %= m;
    while (exp > 0) {
        if (exp & 1) r = mulmod(r, base, m);
        base = mulmod(base, base, m);
        exp >>= 1;
    }
    return r;
}

std::uint64_t absdiff(std::uint64_t a, std::uint64_t b) {
    return a > b ? a - b : b - a;
}

// Montgomery arithmetic modulo an odd n < 2^64 with R = 2^64: a product costs three
// multiplications instead of a 128-by-64-bit division (__umodti3, ~40 cycles), which was most
// of the factorisation's time. Values stay in Montgomery form (x·R mod n) throughout: the rho
// walk only needs some fixed polynomial, and gcd(x·R mod n, n) = gcd(x, n) since R is a unit.
class Montgomery {
  public:
    explicit Montgomery(std::uint64_t n) : n_(n), inv_(n) {
        // Newton's iteration doubles the correct low bits each step: 3 -> 6 -> ... -> 96.
        for (int i = 0; i < 5; ++i) inv_ *= 2 - n * inv_;
    }
    // a·b·R^-1 mod n for a, b < n.
    std::uint64_t mul(std::uint64_t a, std::uint64_t b) const {
        const u128 t = static_cast<u128>(a) * b;
        const std::uint64_t m = static_cast<std::uint64_t>(t) * inv_;  // t - m·n ≡ 0 mod R
        const auto hi = static_cast<std::uint64_t>(t >> 64);
        const auto mn_hi = static_cast<std::uint64_t>((static_cast<u128>(m) * n_) >> 64);
        return hi >= mn_hi ? hi - mn_hi : hi - mn_hi + n_;
    }
    std::uint64_t add(std::uint64_t a, std::uint64_t b) const {
        const std::uint64_t s = a + b;
        return (s < a || s >= n_) ? s - n_ : s;
    }

  private:
    std::uint64_t n_;
    std::uint64_t inv_;
};

// Brent's variant of Pollard's rho with f(y) = y^2 + c mod n (Montgomery form). Returns a
// divisor of n in (1, n], n meaning this (c, y0) failed.
std::uint64_t brent(std::uint64_t n, std::uint64_t c, std::uint64_t y0) {
    const Montgomery mont(n);
    c %= n;  // mul and add want reduced operands (tiny n in tests)
    y0 %= n;
    auto f = [&](std::uint64_t y) { return mont.add(mont.mul(y, y), c); };
    constexpr std::uint64_t kBatch = 128;  // gcd once per batch of products
    std::uint64_t y = y0, x = 0, ys = 0, g = 1, r = 1, q = 1;
    do {
        x = y;
        for (std::uint64_t i = 0; i < r; ++i) y = f(y);
        std::uint64_t k = 0;
        do {
            ys = y;
            const std::uint64_t steps = std::min(kBatch, r - k);
            for (std::uint64_t i = 0; i < steps; ++i) {
                y = f(y);
                q = mont.mul(q, absdiff(x, y));
            }
            g = std::gcd(q, n);
            k += kBatch;
        } while (k < r && g == 1);
        r *= 2;
        if (r > (std::uint64_t{1} << 40)) return n;  // give up on this polynomial
    } while (g == 1);
    if (g == n) {
        // The batch overshot: redo it one step at a time.
        do {
            ys = f(ys);
            g = std::gcd(absdiff(x, ys), n);
        } while (g == 1);
    }
    return g;
}

}  // namespace

bool is_prime_u64(std::uint64_t n) {
    if (n < 2) return false;
    static constexpr std::uint64_t kBases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
    for (auto p : kBases) {
        if (n % p == 0) return n == p;
    }
    std::uint64_t d = n - 1;
    int s = 0;
    while ((d & 1) == 0) {
        d >>= 1;
        ++s;
    }
    for (auto a : kBases) {
        std::uint64_t x = powmod(a, d, n);
        if (x == 1 || x == n - 1) continue;
        bool composite = true;
        for (int i = 1; i < s; ++i) {
            x = mulmod(x, x, n);
            if (x == n - 1) {
                composite = false;
                break;
            }
        }
        if (composite) return false;
    }
    return true;
}

PqFactors factorize_pq(std::uint64_t pq) {
    if (pq < 4 || is_prime_u64(pq))
        throw Error(errc::pq_factorization_failed, "pq is not a product of two primes");
    std::uint64_t d = 0;
    if (pq % 2 == 0) {
        d = 2;
    } else {
        for (std::uint64_t c = 1; c < 64 && (d == 0 || d == pq); ++c) d = brent(pq, c, c + 1);
        if (d == 0 || d == pq)
            throw Error(errc::pq_factorization_failed, "Pollard-Brent found no factor of pq");
    }
    std::uint64_t p = d, q = pq / d;
    if (p > q) std::swap(p, q);
    return {p, q};
}

PqFactors factorize_pq(ByteView pq_be) {
    std::size_t i = 0;
    while (i < pq_be.size() && pq_be[i] == 0) ++i;
    if (pq_be.size() - i > 8) throw Error(errc::pq_too_large, "pq does not fit 64 bits");
    std::uint64_t v = 0;
    for (; i < pq_be.size(); ++i) v = (v << 8) | pq_be[i];
    return factorize_pq(v);
}

Bytes u64_to_minimal_be(std::uint64_t value) {
    Bytes out;
    for (int shift = 56; shift >= 0; shift -= 8) {
        const auto b = static_cast<std::uint8_t>(value >> shift);
        if (!out.empty() || b != 0) out.push_back(b);
    }
    return out;
}

}  // namespace tgs::crypto
