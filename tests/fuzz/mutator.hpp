// A small deterministic mutator (xorshift driven): bit flips, byte sets, interesting 32-bit
// values (lengths, sign bits), inserts, deletes, duplications, truncation and splicing.
#pragma once

#include <cstdint>
#include <vector>

#include "tgs/bytes.hpp"

namespace tgs::fuzz {

class Mutator {
  public:
    explicit Mutator(std::uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ULL + 0x1234567) {}

    std::uint64_t next();
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }

    /// 1..4 stacked mutations of `input`; `others` supplies splice material.
    Bytes mutate(const Bytes& input, const std::vector<Bytes>& others);
    /// Purely random bytes of length 0..max_len.
    Bytes random_bytes(std::size_t max_len);

  private:
    void mutate_once(Bytes& b, const std::vector<Bytes>& others);
    std::uint64_t state_;
};

}  // namespace tgs::fuzz
