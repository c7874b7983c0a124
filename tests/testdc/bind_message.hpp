// auth.bindTempAuthKey as a client builds it (core.telegram.org/method/auth.bindTempAuthKey):
// the binding message encrypted with the permanent key, and the request carrying it. Shared by
// the handler's unit tests and the e2e tests over sockets.
#pragma once

#include <cstdint>

#include "tgs/bytes.hpp"
#include "tgs/crypto/aes.hpp"
#include "tgs/crypto/hash.hpp"
#include "tgs/crypto/kdf.hpp"
#include "tgs/tl/writer.hpp"

namespace tgs::testdc::test {

struct BindFields {
    std::uint64_t perm_id = 0;
    Bytes perm_key;  // 256 bytes
    std::uint64_t temp_id = 0;
    std::int64_t session_id = 0;  // of the temporary key's session sending the request
    std::int64_t msg_id = 0;      // the request's own msg_id
    std::int64_t nonce = 0;
    std::int32_t expires_at = 0;
};

/// An MTProto 1.0 message: salt, session, msg_id, seqno, length, bind_auth_key_inner, padding;
/// msg_key = SHA1(message without padding)[4:20]; AES-IGE with the v1 KDF, x = 0.
inline Bytes binding_message(const BindFields& b, bool corrupt_key = false) {
    tl::Writer inner;
    inner.write_uint32(0x75a3f765);
    inner.write_int64(b.nonce);
    inner.write_int64(static_cast<std::int64_t>(b.temp_id));
    inner.write_int64(static_cast<std::int64_t>(b.perm_id));
    inner.write_int64(b.session_id);
    inner.write_int32(b.expires_at);
    const auto body = inner.take();
    tl::Writer m;
    m.write_int64(0x1111);  // salt and session id: random in the app, never checked
    m.write_int64(0x2222);
    m.write_int64(b.msg_id);
    m.write_int32(0);
    m.write_int32(static_cast<std::int32_t>(body.size()));
    m.write_raw(body);
    Bytes plain = m.take();
    const auto sha = crypto::sha1(plain);
    Bytes msg_key(sha.begin() + 4, sha.begin() + 20);
    while (plain.size() % 16 != 0) plain.push_back(0xAB);
    const auto kiv = crypto::derive_aes_key_iv_v1(b.perm_key, msg_key, 0);
    const auto enc = crypto::aes_ige_encrypt(plain, kiv.key, kiv.iv);
    if (corrupt_key) msg_key[0] ^= 1;
    tl::Writer out;
    out.write_int64(static_cast<std::int64_t>(b.perm_id));
    out.write_raw(msg_key);
    out.write_raw(enc);
    return out.take();
}

inline Bytes bind_request(const BindFields& b, const Bytes& message) {
    tl::Writer w;
    w.write_uint32(0xcdd42a05);
    w.write_int64(static_cast<std::int64_t>(b.perm_id));
    w.write_int64(b.nonce);
    w.write_int32(b.expires_at);
    w.write_bytes(message);
    return w.take();
}

}  // namespace tgs::testdc::test
