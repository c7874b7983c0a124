#include <string>

#include "tdata_parts.hpp"
#include "tgs/crypto/hash.hpp"

namespace tgs::session::tdata::detail {

std::string account_data_name(int index) {
    return index == 0 ? std::string("data") : "data#" + std::to_string(index + 1);
}

std::string account_file_part(int index) {
    const auto digest = crypto::md5({as_bytes(account_data_name(index))});
    std::uint64_t key = 0;
    for (int i = 7; i >= 0; --i) key = (key << 8) | digest[static_cast<std::size_t>(i)];
    std::string out;
    for (int i = 0; i < 16; ++i, key >>= 4) {
        const auto v = static_cast<char>(key & 0x0F);
        out.push_back(v < 10 ? static_cast<char>('0' + v) : static_cast<char>('A' + v - 10));
    }
    return out;
}

}  // namespace tgs::session::tdata::detail
