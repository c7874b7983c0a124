// 2FA SRP against srp_2fa.json (client proofs, new-password verifier) and a full
// server round trip (verifier -> B -> client M1 -> server check).
#include <gtest/gtest.h>

#include "test_error_code.hpp"
#include "test_support.hpp"
#include "tgs/crypto/bigint.hpp"
#include "tgs/crypto/dh.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/crypto/srp.hpp"
#include "tgs/error.hpp"

namespace {

using tgs::Bytes;
using tgs::to_hex;
using tgs::test::hex;
namespace crypto = tgs::crypto;

const nlohmann::json& vectors() {
    static const auto v = tgs::test::load_vectors("srp_2fa.json");
    return v;
}

std::string password_of(const nlohmann::json& v) {
    if (v.contains("password_hex")) {
        const Bytes b = hex(v["password_hex"]);
        return std::string(b.begin(), b.end());
    }
    return v["password_ascii"].get<std::string>();
}

using tgs::test::error_code_of;

TEST(Srp, ClientProofVectors) {
    const auto& rows = vectors()["vectors"];
    ASSERT_EQ(rows.size(), 3u);
    for (const auto& v : rows) {
        const std::string name = v["name"].get<std::string>();
        const std::string pw = password_of(v);
        const Bytes salt1 = hex(v["salt1"]), salt2 = hex(v["salt2"]), p = hex(v["p"]);
        const auto g = v["g"].get<std::int32_t>();
        const auto& mid = v["intermediates_derived"];
        EXPECT_EQ(to_hex(crypto::srp_password_hash_x(pw, salt1, salt2)),
                  mid["x_PH2"].get<std::string>())
            << name;
        EXPECT_EQ(crypto::srp_verifier(pw, salt1, salt2, g, p), hex(mid["v"])) << name;

        // The toy vector (p = 47, 1-byte B) only passes the unchecked math; the real-prime
        // ones go through the production entry point with all checks.
        const bool real = crypto::BigInt::from_bytes(p).bits() == 2048;
        const auto proof =
            real ? crypto::srp_compute_check(pw, salt1, salt2, g, p, hex(v["srp_B"]), hex(v["a"]))
                 : crypto::srp_compute_check_unchecked(pw, salt1, salt2, g, p, hex(v["srp_B"]),
                                                       hex(v["a"]));
        EXPECT_EQ(proof.A, hex(v["expected_A"])) << name;
        EXPECT_EQ(proof.M1, hex(v["expected_M1"])) << name;
        if (!real) {
            EXPECT_EQ(error_code_of([&] {
                          crypto::srp_compute_check(pw, salt1, salt2, g, p, hex(v["srp_B"]),
                                                    hex(v["a"]));
                      }),
                      "DH_PRIME_INVALID");
        }
    }
}

TEST(Srp, NewPasswordVerifier) {
    const auto& v = vectors()["new_password_hash"];
    const Bytes new_salt1 = tgs::concat({hex(v["salt1"]), Bytes(32, 0)});
    EXPECT_EQ(new_salt1, hex(v["expected_new_salt1"]));
    EXPECT_EQ(crypto::srp_verifier(v["password_ascii"].get<std::string>(), new_salt1,
                                   hex(v["salt2"]), v["g"].get<std::int32_t>(), hex(v["p"])),
              hex(v["expected_v"]));
}

TEST(Srp, RejectsBadB) {
    const auto& v = vectors()["vectors"][1];
    const Bytes salt1 = hex(v["salt1"]), salt2 = hex(v["salt2"]), p = hex(v["p"]), a = hex(v["a"]);
    auto code_for_B = [&](const Bytes& B) {
        return error_code_of([&] { crypto::srp_compute_check("x", salt1, salt2, 3, p, B, a); });
    };
    EXPECT_EQ(code_for_B(Bytes(256, 0)), "SRP_B_INVALID");  // B = 0
    EXPECT_EQ(code_for_B(p), "SRP_B_INVALID");              // B = p
    EXPECT_EQ(code_for_B(Bytes(256, 0xff)), "SRP_B_INVALID");
    EXPECT_EQ(code_for_B(Bytes(247, 0x11)), "SRP_B_INVALID");  // too short
    Bytes long_b(257, 0);
    long_b[1] = 1;
    EXPECT_EQ(code_for_B(long_b), "SRP_B_INVALID");  // too long even if numerically small
    EXPECT_EQ(code_for_B(Bytes(248, 0x11)), "no error");
    EXPECT_EQ(error_code_of(
                  [&] { crypto::srp_compute_check("x", salt1, salt2, 2, p, hex(v["srp_B"]), a); }),
              "DH_G_INVALID");
}

class SrpServer : public ::testing::Test {
  protected:
    const Bytes& p = crypto::telegram_dh_prime();
    Bytes salt1 = random(40), salt2 = random(16), b = random(256), a = random(256);

    static Bytes random(std::size_t n) {
        Bytes out(n);
        crypto::secure_random(out);
        return out;
    }
};

TEST_F(SrpServer, RoundTripAcceptsRightPasswordOnly) {
    const Bytes v = crypto::srp_verifier("correct horse", salt1, salt2, 3, p);
    const Bytes B = crypto::srp_server_B(v, b, 3, p);
    ASSERT_EQ(B.size(), 256u);

    const auto good = crypto::srp_compute_check("correct horse", salt1, salt2, 3, p, B, a);
    EXPECT_TRUE(crypto::srp_server_verify_M1(v, salt1, salt2, 3, p, b, good.A, good.M1));

    const auto bad = crypto::srp_compute_check("correct horsf", salt1, salt2, 3, p, B, a);
    EXPECT_FALSE(crypto::srp_server_verify_M1(v, salt1, salt2, 3, p, b, bad.A, bad.M1));

    // A different server secret b (e.g. a stale srp_id) also fails.
    EXPECT_FALSE(crypto::srp_server_verify_M1(v, salt1, salt2, 3, p, random(256), good.A, good.M1));

    Bytes tampered = good.M1;
    tampered[0] ^= 0x80;
    EXPECT_FALSE(crypto::srp_server_verify_M1(v, salt1, salt2, 3, p, b, good.A, tampered));
}

TEST_F(SrpServer, RejectsDegenerateA) {
    const Bytes v = crypto::srp_verifier("pw", salt1, salt2, 3, p);
    // With A = 0 or A = p, S would be 0 regardless of the password.
    const auto zero_k = crypto::sha256(Bytes(256, 0));
    const Bytes any_m1(zero_k.begin(), zero_k.end());
    EXPECT_FALSE(crypto::srp_server_verify_M1(v, salt1, salt2, 3, p, b, Bytes(256, 0), any_m1));
    EXPECT_FALSE(crypto::srp_server_verify_M1(v, salt1, salt2, 3, p, b, p, any_m1));
    EXPECT_FALSE(crypto::srp_server_verify_M1(v, salt1, salt2, 3, p, b, Bytes{}, any_m1));
    EXPECT_FALSE(crypto::srp_server_verify_M1(v, salt1, salt2, 3, p, b, Bytes(257, 1), any_m1));
    EXPECT_FALSE(crypto::srp_server_verify_M1(v, salt1, salt2, 3, p, b, Bytes(256, 1), Bytes(31)));
}

}  // namespace
