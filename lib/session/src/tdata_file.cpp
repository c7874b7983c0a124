#include "tdata_file.hpp"

#include <algorithm>
#include <array>
#include <system_error>

#include "internal.hpp"
#include "tgs/atomic_file.hpp"
#include "tgs/crypto/hash.hpp"
#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session::tdata::detail {
namespace {

constexpr std::array<std::uint8_t, 4> kMagic{'T', 'D', 'F', '$'};

std::array<std::uint8_t, 4> le32(std::int32_t v) {
    const auto u = static_cast<std::uint32_t>(v);
    return {static_cast<std::uint8_t>(u), static_cast<std::uint8_t>(u >> 8),
            static_cast<std::uint8_t>(u >> 16), static_cast<std::uint8_t>(u >> 24)};
}

crypto::Md5Digest checksum(ByteView payload, std::int32_t version) {
    const auto len = le32(static_cast<std::int32_t>(payload.size()));
    const auto ver = le32(version);
    return crypto::md5({payload, len, ver, kMagic});
}

[[noreturn]] void corrupt(const std::filesystem::path& path, const std::string& why) {
    throw tgs::Error(std::string(errc::tdata_corrupt), path.string() + ": " + why);
}

}  // namespace

Bytes encode_tdf(ByteView payload, std::int32_t version) {
    const auto ver = le32(version);
    const auto sum = checksum(payload, version);
    return concat({kMagic, ver, payload, sum});
}

TdfFile decode_tdf(ByteView image, const std::filesystem::path& path) {
    if (image.size() < 4 || !std::equal(kMagic.begin(), kMagic.end(), image.begin())) {
        corrupt(path, "not a Telegram Desktop data file (no TDF$ magic)");
    }
    if (image.size() < 8 + 16) corrupt(path, "truncated");
    TdfFile f;
    f.path = path;
    f.version = static_cast<std::int32_t>(std::uint32_t{image[4]} | (std::uint32_t{image[5]} << 8) |
                                          (std::uint32_t{image[6]} << 16) |
                                          (std::uint32_t{image[7]} << 24));
    const auto payload = image.subspan(8, image.size() - 8 - 16);
    const auto sum = checksum(payload, f.version);
    if (!std::equal(sum.begin(), sum.end(), image.end() - 16)) {
        throw tgs::Error(std::string(errc::tdata_checksum),
                         path.string() + ": MD5 checksum does not match (damaged file)");
    }
    f.payload.assign(payload.begin(), payload.end());
    return f;
}

bool tdf_exists(const std::filesystem::path& dir, const std::string& name) {
    std::error_code ec;
    for (const char* suffix : {"s", "0", "1"}) {
        if (std::filesystem::exists(dir / (name + suffix), ec)) return true;
    }
    return false;
}

TdfFile read_tdf(const std::filesystem::path& dir, const std::string& name) {
    std::vector<std::filesystem::path> order;
    std::error_code ec;
    if (std::filesystem::exists(dir / (name + "s"), ec)) {
        order.push_back(dir / (name + "s"));
    } else {
        for (const char* suffix : {"0", "1"}) {
            if (std::filesystem::exists(dir / (name + suffix), ec))
                order.push_back(dir / (name + suffix));
        }
        // The app writes the two legacy copies in turn: the newer one first.
        std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
            std::error_code e1, e2;
            return std::filesystem::last_write_time(a, e1) >
                   std::filesystem::last_write_time(b, e2);
        });
    }
    if (order.empty()) {
        throw tgs::Error(std::string(errc::not_found),
                         (dir / (name + "s")).string() + ": no such file");
    }
    std::optional<tgs::Error> first_error;
    for (const auto& path : order) {
        try {
            const auto image = session::detail::read_file(path);
            return decode_tdf(image, path);
        } catch (const tgs::Error& e) {
            if (!first_error) first_error = e;
        }
    }
    throw *first_error;
}

void write_tdf(const std::filesystem::path& dir, const std::string& name, ByteView payload) {
    write_file_atomically(dir / (name + "s"), encode_tdf(payload), std::string(errc::write_failed));
    std::error_code ec;
    std::filesystem::remove(dir / (name + "0"), ec);
    std::filesystem::remove(dir / (name + "1"), ec);
}

}  // namespace tgs::session::tdata::detail
