// Shared handshake helpers (see handshake_common.hpp).
#include "handshake_common.hpp"

#include <algorithm>
#include <cstdio>

#include "tgs/crypto/aes.hpp"
#include "tgs/crypto/hash.hpp"
#include "tgs/crypto/kdf.hpp"
#include "tgs/mtproto/errors.hpp"

namespace tgs::mtproto::detail {

std::int64_t le_int64(ByteView b) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < 8; ++i) v |= std::uint64_t{b[i]} << (8 * i);
    return static_cast<std::int64_t>(v);
}

std::uint32_t expect_one_of(ByteView body, std::initializer_list<std::uint32_t> allowed,
                            const char* what) {
    const auto id = tl::Reader(body).peek_uint32();
    if (std::find(allowed.begin(), allowed.end(), id) == allowed.end()) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "got constructor 0x%08x while waiting for %s", id, what);
        throw Error(errc::handshake_unexpected_message, buf);
    }
    return id;
}

void check_nonce(const Int128& got, const Int128& want) {
    if (!crypto::constant_time_equal(got, want)) {
        throw Error(errc::handshake_nonce_mismatch, "nonce differs from the one sent");
    }
}

void check_server_nonce(const Int128& got, const Int128& want) {
    if (!crypto::constant_time_equal(got, want)) {
        throw Error(errc::handshake_server_nonce_mismatch, "server_nonce differs from resPQ's");
    }
}

Bytes encrypt_with_sha1(ByteView data, ByteView key_iv, const crypto::RandomSource& random) {
    const auto hash = crypto::sha1(data);
    const std::size_t unpadded = hash.size() + data.size();
    const std::size_t pad = (16 - unpadded % 16) % 16;
    Bytes plain(unpadded + pad);
    std::copy(hash.begin(), hash.end(), plain.begin());
    std::copy(data.begin(), data.end(), plain.begin() + static_cast<std::ptrdiff_t>(hash.size()));
    if (pad != 0) random(MutableByteView(plain).subspan(unpadded));
    crypto::aes_ige_encrypt_in_place(plain, key_iv.first(32), key_iv.subspan(32, 32));
    return plain;
}

template <class T>
T decrypt_with_sha1(ByteView encrypted, ByteView key_iv) {
    if (encrypted.empty() || encrypted.size() % 16 != 0 || encrypted.size() < 32) {
        throw Error(errc::handshake_encrypted_length_invalid,
                    "encrypted payload length is not a positive multiple of 16");
    }
    const Bytes plain =
        crypto::aes_ige_decrypt(encrypted, key_iv.first(32), key_iv.subspan(32, 32));
    const ByteView hash = ByteView(plain).first(20);
    const ByteView rest = ByteView(plain).subspan(20);
    tl::Reader r(rest);
    T value;
    try {
        value = hs::read<T>(r);
    } catch (const Error&) {
        throw Error(errc::handshake_answer_hash_mismatch, "decrypted payload does not parse");
    }
    const std::size_t parsed = r.position();
    const auto digest = crypto::sha1(rest.first(parsed));
    if (rest.size() - parsed >= 16 || !crypto::constant_time_equal(digest, hash)) {
        throw Error(errc::handshake_answer_hash_mismatch,
                    "SHA1 does not cover exactly the parsed object plus < 16 padding bytes");
    }
    return value;
}

template hs::server_DH_inner_data decrypt_with_sha1<hs::server_DH_inner_data>(ByteView, ByteView);
template hs::client_DH_inner_data decrypt_with_sha1<hs::client_DH_inner_data>(ByteView, ByteView);

crypto::SecureBuffer tmp_key_iv(ByteView new_nonce, const Int128& server_nonce) {
    auto kiv = crypto::tmp_aes_key_iv(new_nonce, server_nonce);
    crypto::SecureBuffer out(64);
    std::copy(kiv.key.begin(), kiv.key.end(), out.data());
    std::copy(kiv.iv.begin(), kiv.iv.end(), out.data() + 32);
    crypto::secure_zero(kiv.key);
    crypto::secure_zero(kiv.iv);
    return out;
}

}  // namespace tgs::mtproto::detail
