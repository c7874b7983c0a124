#include "tgs/mtproto/message_crypto.hpp"

#include <algorithm>

#include "tgs/crypto/aes.hpp"
#include "tgs/crypto/kdf.hpp"
#include "tgs/error.hpp"
#include "tgs/mtproto/errors.hpp"
#include "tgs/tl/reader.hpp"
#include "tgs/tl/writer.hpp"

namespace tgs::mtproto {

namespace {

std::uint64_t load_le64(ByteView b) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | b[static_cast<std::size_t>(i)];
    return v;
}

}  // namespace

int kdf_x(Direction dir) {
    return dir == Direction::ClientToServer ? crypto::kClientToServer : crypto::kServerToClient;
}

std::uint64_t peek_auth_key_id(ByteView packet) {
    if (packet.size() < 8) throw Error(errc::msg_bad_length, "packet shorter than auth_key_id");
    return load_le64(packet.first(8));
}

Bytes encrypt_padded(const AuthKey& key, ByteView padded_plaintext, Direction dir) {
    if (padded_plaintext.empty() || padded_plaintext.size() % 16 != 0) {
        throw Error(errc::msg_bad_length, "plaintext size must be a non-zero multiple of 16");
    }
    const Int128 msg_key = crypto::msg_key(key.bytes(), padded_plaintext, kdf_x(dir));
    const auto keys = crypto::derive_aes_key_iv(key.bytes(), msg_key, kdf_x(dir));
    Bytes out;
    out.reserve(kPacketHeaderSize + padded_plaintext.size());
    const std::uint64_t id = key.id();
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::uint8_t>(id >> (8 * i)));
    out.insert(out.end(), msg_key.begin(), msg_key.end());
    out.insert(out.end(), padded_plaintext.begin(), padded_plaintext.end());
    crypto::aes_ige_encrypt_in_place(MutableByteView(out).subspan(kPacketHeaderSize), keys.key,
                                     keys.iv);
    return out;
}

Bytes decrypt_padded(const AuthKey& key, ByteView packet, Direction dir) {
    if (peek_auth_key_id(packet) != key.id()) {
        throw Error(errc::msg_auth_key_id_mismatch, "packet is for another auth key");
    }
    if (packet.size() < kPacketHeaderSize + kPlainHeaderSize + 16 ||
        (packet.size() - kPacketHeaderSize) % 16 != 0) {
        throw Error(errc::msg_bad_length, "encrypted packet has an impossible size");
    }
    const ByteView msg_key = packet.subspan(8, 16);
    const auto keys = crypto::derive_aes_key_iv(key.bytes(), msg_key, kdf_x(dir));
    Bytes plain(packet.begin() + kPacketHeaderSize, packet.end());
    crypto::aes_ige_decrypt_in_place(plain, keys.key, keys.iv);
    // Checked before anything in the plaintext is trusted (security guidelines).
    const Int128 expected = crypto::msg_key(key.bytes(), plain, kdf_x(dir));
    if (!crypto::constant_time_equal(expected, msg_key)) {
        throw Error(errc::msg_key_mismatch, "msg_key does not match the decrypted data");
    }
    return plain;
}

std::size_t choose_padding(std::size_t unpadded_size, PaddingPolicy policy,
                           const crypto::RandomSource& random) {
    std::size_t padding = kMinPadding + (16 - (unpadded_size + kMinPadding) % 16) % 16;
    if (policy == PaddingPolicy::RandomExtra) {
        std::uint8_t r = 0;
        random(MutableByteView(&r, 1));
        padding += 16 * (r % 16);
    }
    return padding;
}

Bytes encrypt_message(const AuthKey& key, const PlainMessage& msg, Direction dir,
                      const crypto::RandomSource& random, PaddingPolicy policy) {
    if (msg.body.size() % 4 != 0)
        throw Error(errc::msg_bad_length, "body size must be a multiple of 4");
    tl::Writer w(kPlainHeaderSize + msg.body.size() + kMaxPadding);
    w.write_int64(msg.salt);
    w.write_int64(msg.session_id);
    w.write_int64(msg.msg_id);
    w.write_int32(msg.seq_no);
    w.write_uint32(static_cast<std::uint32_t>(msg.body.size()));
    w.write_raw(msg.body);
    const std::size_t padding = choose_padding(w.size(), policy, random);
    Bytes pad(padding);
    random(pad);
    w.write_raw(pad);
    return encrypt_padded(key, w.data(), dir);
}

PlainMessage decrypt_message(const AuthKey& key, ByteView packet, Direction dir) {
    const Bytes plain = decrypt_padded(key, packet, dir);
    tl::Reader r(plain);
    PlainMessage msg;
    msg.salt = r.read_int64();
    msg.session_id = r.read_int64();
    msg.msg_id = r.read_int64();
    msg.seq_no = r.read_int32();
    const std::uint32_t length = r.read_uint32();
    if (length % 4 != 0 || length > r.remaining()) {
        throw Error(errc::msg_bad_length, "declared message length is invalid");
    }
    const std::size_t padding = r.remaining() - length;
    if (padding < kMinPadding || padding > kMaxPadding) {
        throw Error(errc::msg_bad_padding, "padding must be 12..1024 bytes");
    }
    const ByteView body = r.read_raw(length);
    msg.body.assign(body.begin(), body.end());
    return msg;
}

}  // namespace tgs::mtproto
