#include "tgs/crypto/srp.hpp"

#include "tgs/crypto/bigint.hpp"
#include "tgs/crypto/dh.hpp"
#include "tgs/crypto/errors.hpp"
#include "tgs/crypto/secure.hpp"
#include "tgs/error.hpp"

namespace tgs::crypto {

namespace {

constexpr std::size_t kSize = 256;
constexpr int kPbkdf2Iterations = 100000;

// SH(data, salt) = SHA256(salt | data | salt)
Sha256Digest salted_hash(ByteView data, ByteView salt) {
    return sha256({salt, data, salt});
}

Bytes pad(const BigInt& v) {
    return v.to_bytes(kSize);
}

struct Group {
    BigInt p;
    BigInt g;
    std::int32_t g_word;  // the same g, for dh_power_of_g
    Bytes p_bytes;        // pad256(p)
    Bytes g_bytes;        // pad256(g)
};

Group make_group(std::int32_t g, ByteView p) {
    if (g < 2) throw Error(errc::dh_g_invalid, "g must be at least 2");
    Group grp{BigInt::from_bytes(p), BigInt(static_cast<std::uint64_t>(g)), g, {}, {}};
    if (grp.p.bits() > static_cast<int>(kSize * 8))
        throw Error(errc::dh_prime_invalid, "SRP prime longer than 2048 bits");
    grp.p_bytes = pad(grp.p);
    grp.g_bytes = pad(grp.g);
    return grp;
}

// k = H(p | pad(g))
BigInt multiplier(const Group& grp) {
    return BigInt::from_bytes(sha256({grp.p_bytes, grp.g_bytes}));
}

// M1 = H(H(p) xor H(g) | H(salt1) | H(salt2) | A | B | K)
Sha256Digest proof(const Group& grp, ByteView salt1, ByteView salt2, ByteView A_pad, ByteView B_pad,
                   const Sha256Digest& K) {
    auto hp = sha256(grp.p_bytes);
    const auto hg = sha256(grp.g_bytes);
    for (std::size_t i = 0; i < hp.size(); ++i) hp[i] ^= hg[i];
    return sha256({hp, sha256(salt1), sha256(salt2), A_pad, B_pad, K});
}

BigInt verifier_value(const Group& grp, std::string_view password, ByteView salt1, ByteView salt2,
                      BigInt* x_out) {
    BigInt x = BigInt::from_bytes(srp_password_hash_x(password, salt1, salt2));
    BigInt v = dh_power_of_g(grp.g_word, x, grp.p);
    if (x_out != nullptr) *x_out = std::move(x);
    return v;
}

}  // namespace

Sha256Digest srp_password_hash_x(std::string_view password, ByteView salt1, ByteView salt2) {
    const auto ph1 = salted_hash(salted_hash(as_bytes(password), salt1), salt2);
    Bytes stretched = pbkdf2_hmac_sha512(ph1, salt1, kPbkdf2Iterations, 64);
    const auto x = salted_hash(stretched, salt2);
    secure_zero(stretched);
    return x;
}

SrpClientProof srp_compute_check_unchecked(std::string_view password, ByteView salt1,
                                           ByteView salt2, std::int32_t g, ByteView p,
                                           ByteView srp_B, ByteView a_random) {
    const Group grp = make_group(g, p);
    const BigInt B = BigInt::from_bytes(srp_B);
    const Bytes B_pad = pad(B);
    const BigInt a = BigInt::from_bytes(a_random);
    const Bytes A_pad = pad(dh_power_of_g(grp.g_word, a, grp.p));

    BigInt x;
    const BigInt v = verifier_value(grp, password, salt1, salt2, &x);
    const BigInt u = BigInt::from_bytes(sha256({A_pad, B_pad}));
    const BigInt kv = BigInt::mod_mul(multiplier(grp), v, grp.p);
    const BigInt t = BigInt::mod_sub(B, kv, grp.p);
    const BigInt S = BigInt::mod_exp(t, a + u * x, grp.p);
    const auto K = sha256(pad(S));
    const auto M1 = proof(grp, salt1, salt2, A_pad, B_pad, K);
    return {A_pad, Bytes(M1.begin(), M1.end())};
}

SrpClientProof srp_compute_check(std::string_view password, ByteView salt1, ByteView salt2,
                                 std::int32_t g, ByteView p, ByteView srp_B, ByteView a_random) {
    check_dh_prime_and_g(p, g);
    if (srp_B.size() < 248 || srp_B.size() > kSize)
        throw Error(errc::srp_b_invalid, "srp_B must be 248..256 bytes");
    const BigInt B = BigInt::from_bytes(srp_B);
    if (B.is_zero() || !(B < BigInt::from_bytes(p)))
        throw Error(errc::srp_b_invalid, "srp_B must satisfy 0 < B < p");
    return srp_compute_check_unchecked(password, salt1, salt2, g, p, srp_B, a_random);
}

Bytes srp_verifier(std::string_view password, ByteView salt1, ByteView salt2, std::int32_t g,
                   ByteView p) {
    const Group grp = make_group(g, p);
    return pad(verifier_value(grp, password, salt1, salt2, nullptr));
}

Bytes srp_server_B(ByteView v, ByteView b, std::int32_t g, ByteView p) {
    const Group grp = make_group(g, p);
    const BigInt kv = BigInt::mod_mul(multiplier(grp), BigInt::from_bytes(v), grp.p);
    const BigInt gb = dh_power_of_g(grp.g_word, BigInt::from_bytes(b), grp.p);
    return pad(BigInt::mod_add(kv, gb, grp.p));
}

bool srp_server_verify_M1(ByteView v, ByteView salt1, ByteView salt2, std::int32_t g, ByteView p,
                          ByteView b, ByteView A, ByteView M1) {
    if (A.empty() || A.size() > kSize || M1.size() != 32) return false;
    const Group grp = make_group(g, p);
    const BigInt A_num = BigInt::from_bytes(A);
    // A ≡ 0 (mod p) would force S = 0 whatever the password: the classic SRP bypass.
    if ((A_num % grp.p).is_zero() || !(A_num < grp.p)) return false;
    const Bytes A_pad = pad(A_num);
    const Bytes B_pad = srp_server_B(v, b, g, p);
    const BigInt u = BigInt::from_bytes(sha256({A_pad, B_pad}));
    const BigInt v_u = BigInt::mod_exp(BigInt::from_bytes(v), u, grp.p);
    const BigInt base = BigInt::mod_mul(A_num, v_u, grp.p);
    const BigInt S = BigInt::mod_exp(base, BigInt::from_bytes(b), grp.p);
    const auto K = sha256(pad(S));
    const auto expected = proof(grp, salt1, salt2, A_pad, B_pad, K);
    return constant_time_equal(expected, M1);
}

}  // namespace tgs::crypto
