// key_datas: the passcode salt, the local key encrypted with the passcode-derived key, and the
// account list encrypted with the local key (tdesktop v4.6.5 storage_domain.cpp).
#include <set>
#include <string>

#include "tdata_local_crypto.hpp"
#include "tdata_parts.hpp"
#include "tdata_qt_stream.hpp"

namespace tgs::session::tdata::detail {

Bytes encode_key_data(const KeyData& k) {
    QtWriter w;
    w.bytes(k.salt);
    w.bytes(k.key_encrypted);
    w.bytes(k.info_encrypted);
    return w.take();
}

KeyData decode_key_data(ByteView payload, const std::string& what) {
    QtReader r(payload, what);
    KeyData k;
    k.salt = r.bytes();
    k.key_encrypted = r.bytes();
    k.info_encrypted = r.bytes();
    if (k.salt.size() != kSaltSize) r.fail("salt of " + std::to_string(k.salt.size()) + " bytes");
    return k;
}

Bytes encode_account_list(const AccountList& list) {
    QtWriter w;
    w.i32(static_cast<std::int32_t>(list.indices.size()));
    for (int i : list.indices) w.i32(i);
    w.i32(list.active);
    return w.take();
}

AccountList decode_account_list(ByteView plain, const std::string& what) {
    QtReader r(plain, what + " (account list)");
    const auto count = r.i32();
    if (count <= 0 || count > kMaxAccounts) r.fail("bad account count " + std::to_string(count));
    AccountList list;
    std::set<int> seen;
    for (std::int32_t i = 0; i < count; ++i) {
        const auto index = r.i32();
        // The app skips out-of-range and repeated indices; so do we.
        if (index >= 0 && index < kMaxAccounts && seen.insert(index).second) {
            list.indices.push_back(index);
        }
    }
    if (list.indices.empty()) r.fail("no valid account index");
    list.active = r.at_end() ? list.indices.front() : r.i32();
    return list;
}

}  // namespace tgs::session::tdata::detail
