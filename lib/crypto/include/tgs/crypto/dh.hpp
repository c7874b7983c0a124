// Diffie–Hellman parameter and value checks (docs/protocol.md §3 step 6) and the modular
// exponentiations both sides of the handshake perform.
#pragma once

#include <cstdint>
#include <string_view>

#include "tgs/bytes.hpp"
#include "tgs/crypto/bigint.hpp"
#include "tgs/crypto/errors.hpp"

namespace tgs::crypto {

/// Telegram's current 2048-bit safe prime (used with g = 3), 256 big-endian bytes.
const Bytes& telegram_dh_prime();
inline constexpr std::int32_t kTelegramDhG = 3;

/// True if p and (p-1)/2 are prime and g ∈ 2..7 generates the quadratic-residue subgroup
/// per the g-specific residue rule. No size requirement (see check_dh_prime_and_g).
bool is_safe_prime_and_generator(const BigInt& p, std::int32_t g);

/// Full client-side check of server DH / SRP parameters: 2^2047 < p < 2^2048, p a safe
/// prime, g valid for p. Known-good primes are cached. Throws tgs::Error("DH_G_INVALID")
/// for a g outside 2..7 or failing its residue rule, tgs::Error("DH_PRIME_INVALID") otherwise.
void check_dh_prime_and_g(ByteView prime_be, std::int32_t g);

/// 1 < x < p-1 and 2^(2048-64) < x < p - 2^(2048-64) for g, g_a, g_b.
bool dh_value_in_range(ByteView value_be, ByteView prime_be);
/// Throws tgs::Error(error_code) if !dh_value_in_range (default "DH_G_A_OUT_OF_RANGE";
/// pass e.g. "DH_G_B_OUT_OF_RANGE" on the server side).
void check_dh_value(ByteView value_be, ByteView prime_be,
                    std::string_view error_code = errc::dh_g_a_out_of_range);

/// g^exponent mod p, constant time in the exponent; for Telegram's prime with g = 3 by a
/// precomputed fixed-base table (about three times faster than the generic exponentiation).
/// Throws tgs::Error("DH_G_INVALID") for g < 2.
BigInt dh_power_of_g(std::int32_t g, const BigInt& exponent, const BigInt& p);
/// g^secret mod p as 256 big-endian bytes (g_a on the server, g_b on the client).
Bytes dh_public_value(std::int32_t g, ByteView secret_be, ByteView prime_be);
/// other^secret mod p as 256 big-endian bytes: the auth_key.
Bytes dh_shared_secret(ByteView other_public_be, ByteView secret_be, ByteView prime_be);

}  // namespace tgs::crypto
