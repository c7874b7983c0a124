#include "tgs/crypto/kdf.hpp"

#include <algorithm>

#include "tgs/crypto/errors.hpp"
#include "tgs/error.hpp"

namespace tgs::crypto {

namespace {

void require_auth_key(ByteView auth_key) {
    if (auth_key.size() != 256) throw Error(errc::auth_key_invalid, "auth key must be 256 bytes");
}

void require_x(int x) {
    if (x != kClientToServer && x != kServerToClient)
        throw Error(errc::invalid_argument, "x must be 0 or 8");
}

std::uint64_t read_le64(const std::uint8_t* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

}  // namespace

Sha256Digest msg_key_large(ByteView auth_key, ByteView plaintext, int x) {
    require_auth_key(auth_key);
    require_x(x);
    return sha256({auth_key.subspan(88 + static_cast<std::size_t>(x), 32), plaintext});
}

Int128 msg_key(ByteView auth_key, ByteView plaintext, int x) {
    const auto large = msg_key_large(auth_key, plaintext, x);
    Int128 out{};
    std::copy_n(large.begin() + 8, 16, out.begin());
    return out;
}

AesKeyIv derive_aes_key_iv(ByteView auth_key, ByteView msg_key_bytes, int x) {
    require_auth_key(auth_key);
    require_x(x);
    if (msg_key_bytes.size() != 16) throw Error(errc::invalid_argument, "msg_key is 16 bytes");
    const auto ux = static_cast<std::size_t>(x);
    const auto a = sha256({msg_key_bytes, auth_key.subspan(ux, 36)});
    const auto b = sha256({auth_key.subspan(40 + ux, 36), msg_key_bytes});
    AesKeyIv out;
    auto k = out.key.begin();
    k = std::copy_n(a.begin(), 8, k);
    k = std::copy_n(b.begin() + 8, 16, k);
    std::copy_n(a.begin() + 24, 8, k);
    auto v = out.iv.begin();
    v = std::copy_n(b.begin(), 8, v);
    v = std::copy_n(a.begin() + 8, 16, v);
    std::copy_n(b.begin() + 24, 8, v);
    return out;
}

AesKeyIv derive_aes_key_iv_v1(ByteView auth_key, ByteView msg_key_bytes, int x) {
    require_auth_key(auth_key);
    require_x(x);
    if (msg_key_bytes.size() != 16) throw Error(errc::invalid_argument, "msg_key is 16 bytes");
    const auto at = [&](std::size_t offset, std::size_t n) {
        return auth_key.subspan(offset + static_cast<std::size_t>(x), n);
    };
    const auto a = sha1({msg_key_bytes, at(0, 32)});
    const auto b = sha1({at(32, 16), msg_key_bytes, at(48, 16)});
    const auto c = sha1({at(64, 32), msg_key_bytes});
    const auto d = sha1({msg_key_bytes, at(96, 32)});
    AesKeyIv out;
    auto k = out.key.begin();
    k = std::copy_n(a.begin(), 8, k);
    k = std::copy_n(b.begin() + 8, 12, k);
    std::copy_n(c.begin() + 4, 12, k);
    auto v = out.iv.begin();
    v = std::copy_n(a.begin() + 8, 12, v);
    v = std::copy_n(b.begin(), 8, v);
    v = std::copy_n(c.begin() + 16, 4, v);
    std::copy_n(d.begin(), 8, v);
    return out;
}

std::uint64_t auth_key_id(ByteView auth_key) {
    require_auth_key(auth_key);
    const auto h = sha1(auth_key);
    return read_le64(h.data() + 12);
}

std::array<std::uint8_t, 8> auth_key_aux_hash(ByteView auth_key) {
    require_auth_key(auth_key);
    const auto h = sha1(auth_key);
    std::array<std::uint8_t, 8> out{};
    std::copy_n(h.begin(), 8, out.begin());
    return out;
}

Int128 new_nonce_hash(ByteView new_nonce, int n, ByteView aux_hash) {
    if (new_nonce.size() != 32 || aux_hash.size() != 8 || n < 1 || n > 3)
        throw Error(errc::invalid_argument, "new_nonce_hash: bad argument sizes");
    const std::uint8_t tag = static_cast<std::uint8_t>(n);
    const auto h = sha1({new_nonce, ByteView(&tag, 1), aux_hash});
    Int128 out{};
    std::copy_n(h.begin() + 4, 16, out.begin());
    return out;
}

AesKeyIv tmp_aes_key_iv(ByteView new_nonce, ByteView server_nonce) {
    if (new_nonce.size() != 32 || server_nonce.size() != 16)
        throw Error(errc::invalid_argument, "tmp_aes_key_iv: bad nonce sizes");
    const auto ns = sha1({new_nonce, server_nonce});
    const auto sn = sha1({server_nonce, new_nonce});
    const auto nn = sha1({new_nonce, new_nonce});
    AesKeyIv out;
    auto k = std::copy(ns.begin(), ns.end(), out.key.begin());
    std::copy_n(sn.begin(), 12, k);
    auto v = std::copy(sn.begin() + 12, sn.end(), out.iv.begin());
    v = std::copy(nn.begin(), nn.end(), v);
    std::copy_n(new_nonce.begin(), 4, v);
    return out;
}

std::int64_t initial_server_salt(ByteView new_nonce, ByteView server_nonce) {
    if (new_nonce.size() < 8 || server_nonce.size() < 8)
        throw Error(errc::invalid_argument, "initial_server_salt: nonces too short");
    std::uint8_t x[8];
    for (int i = 0; i < 8; ++i) x[i] = new_nonce[i] ^ server_nonce[i];
    return static_cast<std::int64_t>(read_le64(x));
}

}  // namespace tgs::crypto
