// Build-time generator of the fixed-base comb table for g = 3 and Telegram's DH prime
// (src/dh_comb_shape.hpp explains the comb; src/dh_comb.cpp uses the table).
// usage: gen_dh_comb OUTPUT.inc
//
// Each entry is stored in OpenSSL's Montgomery form (x * 2^2048 mod p), little-endian, 256
// bytes. An entry whose top byte would be zero is stored as x + p instead (still below 2^2048
// and the same residue): the runtime loads the selected entry with BN_lebin2bn, which skips
// leading zero bytes, and a full-length entry keeps that load and the multiplication that
// follows the same for every entry (which entry is chosen depends on the secret exponent).
// Montgomery multiplication accepts one factor below 2^2048 and the other below p.
#include <openssl/bn.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "../src/dh_comb_shape.hpp"

namespace {

using namespace tgs::crypto::detail;

struct BnFree {
    void operator()(BIGNUM* b) const { BN_free(b); }
};
using Bn = std::unique_ptr<BIGNUM, BnFree>;

Bn make() {
    return Bn(BN_new());
}

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "gen_dh_comb: %s\n", what);
    std::exit(1);
}

void check(int rc, const char* what) {
    if (rc != 1) fail(what);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) fail("usage: gen_dh_comb OUTPUT.inc");
    BN_CTX* ctx = BN_CTX_new();
    BIGNUM* p_raw = nullptr;
    if (ctx == nullptr || BN_hex2bn(&p_raw, kTelegramPrimeHex) == 0) fail("OpenSSL set-up failed");
    const Bn p(p_raw);
    BN_MONT_CTX* mont = BN_MONT_CTX_new();
    if (mont == nullptr) fail("OpenSSL set-up failed");
    check(BN_MONT_CTX_set(mont, p.get(), ctx), "BN_MONT_CTX_set");

    // base[s][j] = g^(2^(j*kCombRowBits + s*kCombColumns)), from one chain of squarings.
    std::vector<std::vector<Bn>> base(kCombBlocks);
    for (auto& row : base) row.resize(kCombTeeth);
    Bn power = make();
    check(BN_set_word(power.get(), kCombG), "BN_set_word");
    const int last = (kCombTeeth - 1) * kCombRowBits + (kCombBlocks - 1) * kCombColumns;
    for (int k = 0; k <= last; ++k) {
        if (k % kCombColumns == 0) {
            const int j = k / kCombRowBits;
            const int s = (k % kCombRowBits) / kCombColumns;
            base[s][j].reset(BN_dup(power.get()));
        }
        check(BN_mod_sqr(power.get(), power.get(), p.get(), ctx), "BN_mod_sqr");
    }

    std::FILE* out = std::fopen(argv[1], "w");
    if (out == nullptr) fail("cannot write the output file");
    std::fprintf(out,
                 "// Generated at build time by lib/crypto/tools/gen_dh_comb.cpp; do not edit.\n"
                 "alignas(64) constexpr std::uint8_t kDhCombTable[kCombBlocks][kCombEntries]"
                 "[kCombEntryBytes] = {\n");
    std::vector<unsigned char> le(kCombEntryBytes);
    for (int s = 0; s < kCombBlocks; ++s) {
        std::vector<Bn> entry(kCombEntries);
        entry[0] = make();
        check(BN_one(entry[0].get()), "BN_one");
        for (int i = 1; i < kCombEntries; ++i) {
            int top = 0;
            while ((i >> (top + 1)) != 0) ++top;
            entry[i] = make();
            check(BN_mod_mul(entry[i].get(), entry[i & ~(1 << top)].get(), base[s][top].get(),
                             p.get(), ctx),
                  "BN_mod_mul");
        }
        std::fprintf(out, "{\n");
        for (int i = 0; i < kCombEntries; ++i) {
            Bn m = make();
            check(BN_to_montgomery(m.get(), entry[i].get(), mont, ctx), "BN_to_montgomery");
            if (BN_num_bytes(m.get()) < kCombEntryBytes)
                check(BN_add(m.get(), m.get(), p.get()), "BN_add");
            if (BN_num_bytes(m.get()) != kCombEntryBytes) fail("an entry does not fill 256 bytes");
            if (BN_bn2lebinpad(m.get(), le.data(), kCombEntryBytes) != kCombEntryBytes)
                fail("BN_bn2lebinpad");
            std::fprintf(out, "{");
            for (int b = 0; b < kCombEntryBytes; ++b)
                std::fprintf(out, "%s0x%02x,", b % 16 == 0 ? "\n" : "",
                             le[static_cast<std::size_t>(b)]);
            std::fprintf(out, "},\n");
        }
        std::fprintf(out, "},\n");
    }
    std::fprintf(out, "};\n");
    if (std::fclose(out) != 0) fail("cannot write the output file");
    BN_MONT_CTX_free(mont);
    BN_CTX_free(ctx);
    return 0;
}
