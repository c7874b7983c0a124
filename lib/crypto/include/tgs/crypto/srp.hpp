// Telegram 2FA SRP (docs/protocol.md §5.3): the client proof and the server's side of it.
// All big numbers are big-endian; A, B, v are 256 bytes.
#pragma once

#include <cstdint>
#include <string_view>

#include "tgs/bytes.hpp"
#include "tgs/crypto/hash.hpp"

namespace tgs::crypto {

struct SrpClientProof {
    Bytes A;   // 256 bytes
    Bytes M1;  // 32 bytes
};

/// x = PH2(password, salt1, salt2) (PBKDF2-HMAC-SHA512, 100000 iterations inside).
Sha256Digest srp_password_hash_x(std::string_view password, ByteView salt1, ByteView salt2);

/// Client proof for inputCheckPasswordSRP. `a_random` is the client's secret exponent
/// (256 random bytes in production). Checks p/g (check_dh_prime_and_g: DH_PRIME_INVALID,
/// DH_G_INVALID) and B: 248 <= len(B) <= 256 and 0 < B < p, else tgs::Error("SRP_B_INVALID").
SrpClientProof srp_compute_check(std::string_view password, ByteView salt1, ByteView salt2,
                                 std::int32_t g, ByteView p, ByteView srp_B, ByteView a_random);

/// The same math without any parameter checks, for known-answer vectors with toy
/// parameters. Never use on untrusted input.
SrpClientProof srp_compute_check_unchecked(std::string_view password, ByteView salt1,
                                           ByteView salt2, std::int32_t g, ByteView p,
                                           ByteView srp_B, ByteView a_random);

/// v = g^x mod p (256 bytes): what the server stores, and new_password_hash when setting one.
Bytes srp_verifier(std::string_view password, ByteView salt1, ByteView salt2, std::int32_t g,
                   ByteView p);

/// Server: B = (k·v + g^b) mod p (256 bytes), b = fresh 256 random bytes per getPassword.
Bytes srp_server_B(ByteView v, ByteView b, std::int32_t g, ByteView p);

/// Server: recomputes S = (A·v^u)^b mod p and the expected M1; constant-time compare.
/// Returns false (never throws on bad client input) if A is 0 mod p, has the wrong size,
/// or M1 differs.
bool srp_server_verify_M1(ByteView v, ByteView salt1, ByteView salt2, std::int32_t g, ByteView p,
                          ByteView b, ByteView A, ByteView M1);

}  // namespace tgs::crypto
