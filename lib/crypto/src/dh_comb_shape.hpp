// The fixed-base comb for g^x mod Telegram's prime (dh_comb.cpp) and the program that
// precomputes its table at build time (lib/crypto/tools/gen_dh_comb.cpp) share this shape.
//
// Lim–Lee comb: the 2048-bit exponent is cut into kTeeth rows of kRowBits bits, each row into
// kBlocks blocks of kColumns bits. Entry [s][i] of the table is
//     prod over teeth j with bit j of i set of g^(2^(j*kRowBits + s*kColumns)),
// so one column k of block s, read across the rows, picks one entry, and
//     g^x = prod over k of (prod over s of entry[s][column k of block s])^(2^k).
// That is 102 squarings and 412 multiplications, against the 2048 squarings and ~410
// multiplications of OpenSSL's generic constant-time exponentiation, with 32 KiB of table.
// Wider teeth cost more per constant-time lookup (every entry of a block is read); 5 x 4 was
// the fastest of the shapes tried (6 x 2, 6 x 4, 4 x 8, 5 x 8).
#pragma once

namespace tgs::crypto::detail {

inline constexpr int kCombExponentBits = 2048;
inline constexpr int kCombTeeth = 5;
inline constexpr int kCombBlocks = 4;
inline constexpr int kCombColumns =
    (kCombExponentBits + kCombTeeth * kCombBlocks - 1) / (kCombTeeth * kCombBlocks);  // 103
inline constexpr int kCombRowBits = kCombColumns * kCombBlocks;                       // 412
inline constexpr int kCombEntries = 1 << kCombTeeth;
inline constexpr int kCombEntryBytes = 256;  // little-endian, Montgomery form, R = 2^2048

// The pair the table is made for: what Telegram's servers and the test DC send (g = 3).
inline constexpr int kCombG = 3;
inline constexpr const char* kTelegramPrimeHex =
    "c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f48198a0aa7c14058229493d22530f4"
    "dbfa336f6e0ac925139543aed44cce7c3720fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c59"
    "5f642477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4a4a695811051907e162753b56b"
    "0f6b410dba74d8a84b2a14b3144e0ef1284754fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928f"
    "ef5b9ae4e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f0d8115f635b105ee2e4e15"
    "d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b";

}  // namespace tgs::crypto::detail
