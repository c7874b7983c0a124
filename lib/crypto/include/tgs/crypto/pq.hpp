// Factoring the handshake's pq (a product of two primes, normally < 2^63).
#pragma once

#include <cstdint>

#include "tgs/bytes.hpp"

namespace tgs::crypto {

struct PqFactors {
    std::uint64_t p = 0;  // p < q
    std::uint64_t q = 0;
};

/// Pollard–Brent with 128-bit modular multiplication; works for the full uint64 range.
/// Throws tgs::Error("PQ_FACTORIZATION_FAILED") if pq has no nontrivial factorisation
/// (0, 1, a prime) or none is found.
PqFactors factorize_pq(std::uint64_t pq);

/// Same, from resPQ's big-endian `pq` string; throws tgs::Error("PQ_TOO_LARGE") if it does
/// not fit 64 bits.
PqFactors factorize_pq(ByteView pq_be);

/// Deterministic Miller–Rabin, exact for every 64-bit n (the bases 2..37 decide all n < 3.3e24).
bool is_prime_u64(std::uint64_t n);

/// Minimal big-endian bytes of a value (how p and q must be sent in p_q_inner_data).
Bytes u64_to_minimal_be(std::uint64_t value);

}  // namespace tgs::crypto
