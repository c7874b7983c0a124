#include "tgs/crypto/dh.hpp"

#include <algorithm>
#include <mutex>
#include <string>
#include <vector>

#include "dh_comb.hpp"
#include "dh_comb_shape.hpp"
#include "tgs/crypto/errors.hpp"
#include "tgs/error.hpp"

namespace tgs::crypto {

namespace {

constexpr int kPrimeRounds = 64;
constexpr int kPrimeBits = 2048;

// Primes already proven safe in this process (plus Telegram's).
class SafePrimeCache {
  public:
    bool contains(const Bytes& p) {
        std::lock_guard lock(mu_);
        return std::find(primes_.begin(), primes_.end(), p) != primes_.end();
    }
    void add(Bytes p) {
        std::lock_guard lock(mu_);
        if (std::find(primes_.begin(), primes_.end(), p) == primes_.end())
            primes_.push_back(std::move(p));
    }

  private:
    std::mutex mu_;
    std::vector<Bytes> primes_{telegram_dh_prime()};
};

SafePrimeCache& cache() {
    static SafePrimeCache c;
    return c;
}

// Is g a generator of the order-(p-1)/2 subgroup, i.e. is the rule for this g satisfied?
// Returns false for g outside 2..7.
bool generator_rule_holds(const BigInt& p, std::int32_t g) {
    switch (g) {
        case 2:
            return p.mod_word(8) == 7;
        case 3:
            return p.mod_word(3) == 2;
        case 4:
            return true;
        case 5: {
            const auto r = p.mod_word(5);
            return r == 1 || r == 4;
        }
        case 6: {
            const auto r = p.mod_word(24);
            return r == 19 || r == 23;
        }
        case 7: {
            const auto r = p.mod_word(7);
            return r == 3 || r == 5 || r == 6;
        }
        default:
            return false;
    }
}

bool is_safe_prime(const BigInt& p) {
    if (p < BigInt(5)) return false;
    if (!p.is_prime(kPrimeRounds)) return false;
    const BigInt half = (p - BigInt(1)) / BigInt(2);
    return half.is_prime(kPrimeRounds);
}

}  // namespace

// Verified offline (40-round Miller–Rabin on p and (p-1)/2, see srp_2fa.json); seeding the prime
// cache with it spares every client the slow check for the prime Telegram actually sends.
const Bytes& telegram_dh_prime() {
    static const Bytes p = from_hex(detail::kTelegramPrimeHex);
    return p;
}

bool is_safe_prime_and_generator(const BigInt& p, std::int32_t g) {
    return generator_rule_holds(p, g) && is_safe_prime(p);
}

void check_dh_prime_and_g(ByteView prime_be, std::int32_t g) {
    if (g < 2 || g > 7) throw Error(errc::dh_g_invalid, "g must be between 2 and 7");
    const BigInt p = BigInt::from_bytes(prime_be);
    if (p.bits() != kPrimeBits)
        throw Error(errc::dh_prime_invalid, "dh_prime must be exactly 2048 bits");
    if (!generator_rule_holds(p, g))
        throw Error(errc::dh_g_invalid,
                    "g does not generate the prime's quadratic-residue subgroup");
    Bytes canonical = p.to_bytes(256);
    if (cache().contains(canonical)) return;
    if (!is_safe_prime(p)) throw Error(errc::dh_prime_invalid, "dh_prime is not a safe prime");
    cache().add(std::move(canonical));
}

bool dh_value_in_range(ByteView value_be, ByteView prime_be) {
    const BigInt x = BigInt::from_bytes(value_be);
    const BigInt p = BigInt::from_bytes(prime_be);
    const BigInt one(1);
    if (!(one < x) || !(x < p - one)) return false;
    const BigInt margin = BigInt::power_of_two(kPrimeBits - 64);
    return margin < x && x < p - margin;
}

void check_dh_value(ByteView value_be, ByteView prime_be, std::string_view error_code) {
    if (!dh_value_in_range(value_be, prime_be))
        throw Error(std::string(error_code), "DH value outside the safe range");
}

BigInt dh_power_of_g(std::int32_t g, const BigInt& exponent, const BigInt& p) {
    if (g < 2) throw Error(errc::dh_g_invalid, "g must be at least 2");
    if (auto fast = detail::dh_comb_pow(g, exponent, p)) return std::move(*fast);
    return BigInt::mod_exp(BigInt(static_cast<std::uint64_t>(g)), exponent, p);
}

Bytes dh_public_value(std::int32_t g, ByteView secret_be, ByteView prime_be) {
    return dh_power_of_g(g, BigInt::from_bytes(secret_be), BigInt::from_bytes(prime_be))
        .to_bytes(256);
}

Bytes dh_shared_secret(ByteView other_public_be, ByteView secret_be, ByteView prime_be) {
    const BigInt p = BigInt::from_bytes(prime_be);
    return BigInt::mod_exp(BigInt::from_bytes(other_public_be), BigInt::from_bytes(secret_be), p)
        .to_bytes(256);
}

}  // namespace tgs::crypto
