// RAII wrapper over OpenSSL BIGNUM for the few big-number operations MTProto needs
// (RSA, DH, SRP). Values are non-negative in practice; bytes are always big-endian.
#pragma once

#include <compare>
#include <cstdint>

#include "tgs/bytes.hpp"

struct bignum_st;  // OpenSSL's BIGNUM

namespace tgs::crypto {

class BigInt {
  public:
    BigInt();  // zero
    explicit BigInt(std::uint64_t value);
    ~BigInt();
    BigInt(const BigInt& other);
    BigInt& operator=(const BigInt& other);
    BigInt(BigInt&& other) noexcept;
    BigInt& operator=(BigInt&& other) noexcept;

    /// Unsigned big-endian bytes (leading zeros allowed).
    static BigInt from_bytes(ByteView be);
    /// 2^exponent.
    static BigInt power_of_two(int exponent);

    /// Minimal big-endian bytes (empty for zero).
    Bytes to_bytes() const;
    /// Big-endian bytes left-padded with zeros to exactly `size`; throws
    /// tgs::Error("BIGINT_TOO_LARGE") if the value needs more.
    Bytes to_bytes(std::size_t size) const;
    /// Low 64 bits (the value is expected to fit).
    std::uint64_t to_u64() const;

    int bits() const;
    std::size_t byte_length() const { return static_cast<std::size_t>((bits() + 7) / 8); }
    bool is_zero() const;
    /// value mod w, w > 0.
    std::uint64_t mod_word(std::uint64_t w) const;
    /// Probabilistic primality: at least `rounds` Miller–Rabin rounds (OpenSSL BN_check_prime,
    /// which also trial-divides).
    bool is_prime(int rounds) const;

    int compare(const BigInt& other) const;  // <0, 0, >0
    friend bool operator==(const BigInt& a, const BigInt& b) { return a.compare(b) == 0; }
    friend std::strong_ordering operator<=>(const BigInt& a, const BigInt& b) {
        return a.compare(b) <=> 0;
    }

    friend BigInt operator+(const BigInt& a, const BigInt& b);
    /// a - b; may be negative (only meaningful before reducing mod something).
    friend BigInt operator-(const BigInt& a, const BigInt& b);
    friend BigInt operator*(const BigInt& a, const BigInt& b);
    /// Floor division / non-negative remainder; m > 0.
    friend BigInt operator/(const BigInt& a, const BigInt& m);
    friend BigInt operator%(const BigInt& a, const BigInt& m);
    bool is_negative() const;

    /// base^exp mod m (constant-time exponentiation), result in [0, m).
    static BigInt mod_exp(const BigInt& base, const BigInt& exp, const BigInt& m);
    /// base^exp mod m for a public exponent (RSA's e) and odd m: OpenSSL's variable-time
    /// exponentiation, the one its own RSA public-key operation uses; ~4x faster for e = 65537.
    static BigInt mod_exp_public_exponent(const BigInt& base, const BigInt& exp, const BigInt& m);
    static BigInt mod_mul(const BigInt& a, const BigInt& b, const BigInt& m);
    static BigInt mod_add(const BigInt& a, const BigInt& b, const BigInt& m);
    /// (a - b) mod m, result in [0, m).
    static BigInt mod_sub(const BigInt& a, const BigInt& b, const BigInt& m);

    /// Borrowed handle for code inside tgs_crypto that calls OpenSSL directly.
    const bignum_st* raw() const { return bn_; }
    bignum_st* raw() { return bn_; }

  private:
    bignum_st* bn_;
};

}  // namespace tgs::crypto
