// The error codes lib/crypto throws (as tgs::Error), named once: the throw sites, the layers that
// pass them on (the handshake picks DH_G_A_/DH_G_B_OUT_OF_RANGE) and the CLI's exit table use
// these constants; kAll lets a test check that every one has an exit rule.
#pragma once

#include <array>
#include <string_view>

namespace tgs::crypto::errc {

// --- Bad parameters from the peer (the server's DH / SRP / RSA values) ---
/// dh_prime is not a 2048-bit safe prime.
inline constexpr const char* dh_prime_invalid = "DH_PRIME_INVALID";
/// g outside 2..7 or failing its residue rule for the prime.
inline constexpr const char* dh_g_invalid = "DH_G_INVALID";
/// g_a (the server's value, checked by the client) outside the safe range.
inline constexpr const char* dh_g_a_out_of_range = "DH_G_A_OUT_OF_RANGE";
/// g_b (the client's value, checked by the server) outside the safe range.
inline constexpr const char* dh_g_b_out_of_range = "DH_G_B_OUT_OF_RANGE";
/// The SRP B value has the wrong length or is 0 mod p.
inline constexpr const char* srp_b_invalid = "SRP_B_INVALID";
/// pq could not be split into two primes.
inline constexpr const char* pq_factorization_failed = "PQ_FACTORIZATION_FAILED";
/// pq is wider than 64 bits.
inline constexpr const char* pq_too_large = "PQ_TOO_LARGE";
inline constexpr const char* rsa_key_invalid = "RSA_KEY_INVALID";
inline constexpr const char* rsa_pad_invalid = "RSA_PAD_INVALID";
inline constexpr const char* rsa_pad_data_too_long = "RSA_PAD_DATA_TOO_LONG";
/// No RSA_PAD block below the modulus after the allowed attempts.
inline constexpr const char* rsa_pad_failed = "RSA_PAD_FAILED";
inline constexpr const char* rsa_input_too_large = "RSA_INPUT_TOO_LARGE";
inline constexpr const char* rsa_decrypt_failed = "RSA_DECRYPT_FAILED";

// --- A caller's mistake (sizes are checked before these run) or the crypto library failing ---
inline constexpr const char* aes_key_length = "AES_KEY_LENGTH";
inline constexpr const char* aes_iv_length = "AES_IV_LENGTH";
inline constexpr const char* aes_ige_length = "AES_IGE_LENGTH";
/// An AesCtr used after it was moved from.
inline constexpr const char* aes_ctr_moved = "AES_CTR_MOVED";
inline constexpr const char* bigint_invalid_modulus = "BIGINT_INVALID_MODULUS";
inline constexpr const char* bigint_too_large = "BIGINT_TOO_LARGE";
/// An auth key that is not 256 bytes (the code predates the layer prefixes; kept, it is public).
inline constexpr const char* auth_key_invalid = "AUTH_KEY_INVALID";
inline constexpr const char* invalid_argument = "CRYPTO_INVALID_ARGUMENT";
/// OpenSSL or libsodium reported a failure.
inline constexpr const char* internal = "CRYPTO_INTERNAL";

/// Every code above, for completeness tests (each needs a rule in the CLI's exit table).
inline constexpr std::array<std::string_view, 22> kAll{
    dh_prime_invalid,    dh_g_invalid,
    dh_g_a_out_of_range, dh_g_b_out_of_range,
    srp_b_invalid,       pq_factorization_failed,
    pq_too_large,        rsa_key_invalid,
    rsa_pad_invalid,     rsa_pad_data_too_long,
    rsa_pad_failed,      rsa_input_too_large,
    rsa_decrypt_failed,  aes_key_length,
    aes_iv_length,       aes_ige_length,
    aes_ctr_moved,       bigint_invalid_modulus,
    bigint_too_large,    auth_key_invalid,
    invalid_argument,    internal,
};

}  // namespace tgs::crypto::errc
