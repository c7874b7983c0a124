// Pieces both handshake roles share: strict parsing, nonce checks, and the
// "SHA1(data) + data + padding, AES-IGE with tmp_aes_key/iv" wrapping used for
// server_DH_inner_data and client_DH_inner_data.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>

#include "handshake_tl.hpp"
#include "tgs/bytes.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/crypto/secure.hpp"
#include "tgs/error.hpp"
#include "tgs/mtproto/errors.hpp"

namespace tgs::mtproto::detail {

/// The first 8 bytes of `b` as a little-endian int64 (b.size() >= 8), e.g. auth_key_aux_hash.
std::int64_t le_int64(ByteView b);

/// The constructor id at the front of body (TL_TRUNCATED if shorter than 4 bytes); throws
/// HANDSHAKE_UNEXPECTED_MESSAGE unless it is one of `allowed`.
std::uint32_t expect_one_of(ByteView body, std::initializer_list<std::uint32_t> allowed,
                            const char* what);

/// Reads T and requires the whole body to be consumed (HANDSHAKE_TRAILING_DATA otherwise).
template <class T>
T parse_exact(ByteView body) {
    tl::Reader r(body);
    T v = hs::read<T>(r);
    if (!r.at_end()) throw Error(errc::handshake_trailing_data, "bytes left after the TL object");
    return v;
}

/// Telegram Desktop appends 0 to 63 random int32s to every unencrypted message it sends and
/// counts them in message_data_length (tdesktop v4.6.5 AbstractConnection::
/// prepareNotSecurePacket, extendedNotSecurePadding); Telegram accepts such messages. The
/// server role reads T and allows exactly that much: whole int32s, at most 252 bytes.
inline constexpr std::size_t kMaxClientPadding = 63 * 4;
template <class T>
T parse_padded(ByteView body) {
    tl::Reader r(body);
    T v = hs::read<T>(r);
    if (r.remaining() % 4 != 0 || r.remaining() > kMaxClientPadding) {
        throw Error(errc::handshake_trailing_data, "bytes left after the TL object (" +
                                                       std::to_string(r.remaining()) +
                                                       "; padding is 0-252 bytes in int32s)");
    }
    return v;
}

void check_nonce(const Int128& got, const Int128& want);
void check_server_nonce(const Int128& got, const Int128& want);

/// SHA1(data) + data + random padding to a multiple of 16, AES-IGE-encrypted with
/// key_iv = tmp_aes_key (32) + tmp_aes_iv (32). Padding is drawn from `random`.
Bytes encrypt_with_sha1(ByteView data, ByteView key_iv, const crypto::RandomSource& random);

/// Inverse of encrypt_with_sha1 for a TL object T: length must be a nonzero multiple of 16
/// (HANDSHAKE_ENCRYPTED_LENGTH_INVALID); the SHA1 must cover exactly the parsed object and the
/// padding be < 16 bytes (HANDSHAKE_ANSWER_HASH_MISMATCH, also when T does not parse).
template <class T>
T decrypt_with_sha1(ByteView encrypted, ByteView key_iv);

/// tmp_aes_key + tmp_aes_iv (64 bytes) for new_nonce and server_nonce.
crypto::SecureBuffer tmp_key_iv(ByteView new_nonce, const Int128& server_nonce);

}  // namespace tgs::mtproto::detail
