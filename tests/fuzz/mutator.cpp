#include "mutator.hpp"

#include <algorithm>
#include <array>

namespace tgs::fuzz {

std::uint64_t Mutator::next() {
    std::uint64_t x = state_;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    state_ = x;
    return x;
}

Bytes Mutator::random_bytes(std::size_t max_len) {
    Bytes b(below(max_len + 1));
    for (auto& v : b) v = static_cast<std::uint8_t>(next());
    return b;
}

Bytes Mutator::mutate(const Bytes& input, const std::vector<Bytes>& others) {
    Bytes b = input;
    const std::size_t rounds = 1 + below(4);
    for (std::size_t i = 0; i < rounds; ++i) mutate_once(b, others);
    return b;
}

void Mutator::mutate_once(Bytes& b, const std::vector<Bytes>& others) {
    // Values that tend to break length and count handling.
    static constexpr std::array<std::uint32_t, 10> kInteresting = {
        0, 1, 0x7f, 0xfe, 0xff, 0x7fffffff, 0x80000000, 0xffffffff, 0x01000000, 0x1cb5c415};
    switch (below(9)) {
        case 0:
            if (!b.empty()) b[below(b.size())] ^= static_cast<std::uint8_t>(1u << below(8));
            break;
        case 1:
            if (!b.empty()) b[below(b.size())] = static_cast<std::uint8_t>(next());
            break;
        case 2:
            if (b.size() >= 4) {
                const std::size_t at = below(b.size() - 3) & ~std::size_t{3};
                const std::uint32_t v = kInteresting[below(kInteresting.size())];
                for (int k = 0; k < 4; ++k)
                    b[at + static_cast<std::size_t>(k)] = static_cast<std::uint8_t>(v >> (8 * k));
            }
            break;
        case 3: {
            const std::size_t at = below(b.size() + 1);
            Bytes ins = random_bytes(16);
            b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), ins.begin(), ins.end());
            break;
        }
        case 4:
            if (!b.empty()) {
                const std::size_t at = below(b.size());
                const std::size_t n = 1 + below(std::min<std::size_t>(b.size() - at, 32));
                b.erase(b.begin() + static_cast<std::ptrdiff_t>(at),
                        b.begin() + static_cast<std::ptrdiff_t>(at + n));
            }
            break;
        case 5:
            if (!b.empty() && b.size() < 65536) {
                const std::size_t at = below(b.size());
                const std::size_t n = 1 + below(std::min<std::size_t>(b.size() - at, 64));
                Bytes chunk(b.begin() + static_cast<std::ptrdiff_t>(at),
                            b.begin() + static_cast<std::ptrdiff_t>(at + n));
                b.insert(b.begin() + static_cast<std::ptrdiff_t>(below(b.size() + 1)),
                         chunk.begin(), chunk.end());
            }
            break;
        case 6:
            b.resize(below(b.size() + 1));
            break;
        case 7:
            if (!others.empty()) {
                const Bytes& o = others[below(others.size())];
                const std::size_t cut = below(b.size() + 1);
                const std::size_t from = below(o.size() + 1);
                b.resize(cut);
                b.insert(b.end(), o.begin() + static_cast<std::ptrdiff_t>(from), o.end());
            }
            break;
        default:
            if (!b.empty()) {
                const std::size_t at = below(b.size());
                b[at] = static_cast<std::uint8_t>(b[at] + 1 - 2 * static_cast<int>(below(2)));
            }
            break;
    }
}

}  // namespace tgs::fuzz
