// The account file <ACCOUNT>s: one dbiMtpAuthorization (0x4b) block holding a byte array with
// the user id, main DC and auth keys (tdesktop v4.6.5 main_account.cpp).
#include <string>

#include "tdata_parts.hpp"
#include "tdata_qt_stream.hpp"
#include "tgs/crypto/secure.hpp"
#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session::tdata::detail {
namespace {

constexpr std::uint32_t kMtpAuthorizationBlock = 0x4b;
// Since 64-bit user ids, the block starts with 8 bytes of ones, then u64 user id + i32 DC.
constexpr std::uint64_t kWideIdsTag = ~std::uint64_t{0};
constexpr std::int32_t kMaxKeys = 1000;

void write_keys(QtWriter& w, const std::vector<DcKey>& keys) {
    w.i32(static_cast<std::int32_t>(keys.size()));
    for (const auto& k : keys) {
        w.i32(k.dc_id);
        w.raw(k.key.view());
    }
}

std::vector<DcKey> read_keys(QtReader& r) {
    const auto count = r.i32();
    if (count < 0 || count > kMaxKeys) r.fail("bad auth key count");
    std::vector<DcKey> keys;
    for (std::int32_t i = 0; i < count; ++i) {
        const auto dc = r.i32();
        auto raw = r.raw(AuthKeyBytes::kSize);
        keys.push_back({dc, AuthKeyBytes(raw)});
        crypto::secure_zero(raw);
    }
    return keys;
}

}  // namespace

Bytes encode_mtp_authorization(const Account& a) {
    QtWriter inner;
    inner.u64(kWideIdsTag);
    inner.u64(a.user_id);
    inner.i32(a.main_dc);
    write_keys(inner, a.keys);
    write_keys(inner, a.keys_to_destroy);
    QtWriter w;
    w.u32(kMtpAuthorizationBlock);
    w.bytes(inner.data());
    auto out = w.take();
    auto secret = inner.take();
    crypto::secure_zero(secret);
    return out;
}

void decode_mtp_authorization(ByteView payload, Account& a, const std::string& what) {
    QtReader outer(payload, what);
    bool seen = false;
    while (!outer.at_end()) {
        const auto block = outer.u32();
        if (block != kMtpAuthorizationBlock) {
            throw tgs::Error(std::string(errc::tdata_unsupported),
                             what + ": unknown block " + std::to_string(block) +
                                 " (this reads the layout of Telegram Desktop 2.2 and later)");
        }
        auto serialized = outer.bytes();
        QtReader r(serialized, what);
        const auto first = r.u64();
        if (first == kWideIdsTag) {
            a.user_id = r.u64();
            a.main_dc = r.i32();
        } else {  // before 64-bit ids: i32 user id, i32 main DC
            a.user_id = static_cast<std::uint32_t>(first >> 32);
            a.main_dc = static_cast<std::int32_t>(first & 0xFFFFFFFFu);
        }
        a.keys = read_keys(r);
        a.keys_to_destroy = read_keys(r);
        crypto::secure_zero(serialized);
        seen = true;
    }
    if (!seen) throw tgs::Error(std::string(errc::tdata_corrupt), what + ": no authorization");
}

}  // namespace tgs::session::tdata::detail
