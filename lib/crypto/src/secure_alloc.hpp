// Where SecureBuffer's memory comes from: libsodium's guarded, locked, never-dumped
// allocations, handed out without a new mapping per buffer.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tgs::crypto::detail {

/// Secrets of up to this many bytes (nonces, auth keys, DH exponents) share locked arenas.
inline constexpr std::size_t kSecureSlotSize = 256;

/// `size` zeroed bytes of locked memory (unlocked past RLIMIT_MEMLOCK: sodium_malloc does not
/// fail when mlock does); throws std::bad_alloc.
std::uint8_t* secure_alloc(std::size_t size);
/// Zeroes `size` bytes at `p` (from secure_alloc(size)) and keeps them for reuse. Aborts, as
/// sodium_free does, on a pointer given back twice or never handed out.
void secure_free(std::uint8_t* p, std::size_t size) noexcept;

}  // namespace tgs::crypto::detail
