// g^x mod p for the one (p, g) pair every login meets - Telegram's DH prime with g = 3 - by a
// fixed-base comb over a table made at build time: about a third of the CPU of a generic
// constant-time exponentiation. Each login computes g^b twice (one auth key per DC), the test
// DC g^a once per key, 2FA g^a and g^x.
#pragma once

#include <cstdint>
#include <optional>

#include "tgs/crypto/bigint.hpp"

namespace tgs::crypto::detail {

/// g^x mod p, or nullopt when (g, p) is not the tabled pair or x needs more than 2048 bits
/// (the caller then takes the generic path). Constant time in x: every step squares or
/// multiplies, and each table lookup reads every entry of its block.
std::optional<BigInt> dh_comb_pow(std::int32_t g, const BigInt& x, const BigInt& p);

}  // namespace tgs::crypto::detail
