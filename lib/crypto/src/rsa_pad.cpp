// MTProto's RSA padding schemes: RSA_PAD (current) and the legacy SHA1+data block.
#include <algorithm>

#include "tgs/crypto/aes.hpp"
#include "tgs/crypto/errors.hpp"
#include "tgs/crypto/rsa.hpp"
#include "tgs/crypto/secure.hpp"
#include "tgs/error.hpp"

namespace tgs::crypto {

namespace {

constexpr std::size_t kRsaSize = 256;
constexpr std::size_t kPadDataMax = 144;
constexpr std::size_t kPadBlock = 192;
constexpr std::size_t kLegacyDataMax = 235;
constexpr int kMaxPadAttempts = 1000;  // guards against a broken RandomSource

void require_2048(std::size_t size) {
    if (size != kRsaSize) throw Error(errc::rsa_key_invalid, "MTProto needs a 2048-bit RSA key");
}

}  // namespace

Bytes rsa_pad_encrypt(ByteView data, const RsaPublicKey& key, const RandomSource& random) {
    require_2048(key.size());
    if (data.size() > kPadDataMax)
        throw Error(errc::rsa_pad_data_too_long, "RSA_PAD data must be at most 144 bytes");
    Bytes with_padding(kPadBlock);
    std::copy(data.begin(), data.end(), with_padding.begin());
    random(MutableByteView(with_padding).subspan(data.size()));
    Bytes reversed(with_padding.rbegin(), with_padding.rend());
    const Bytes zero_iv(32, 0);

    SecureBuffer temp_key(32);
    for (int attempt = 0; attempt < kMaxPadAttempts; ++attempt) {
        random(temp_key.span());
        const auto hash = sha256({temp_key.view(), with_padding});
        Bytes data_with_hash = concat({reversed, hash});  // 224 bytes
        aes_ige_encrypt_in_place(data_with_hash, temp_key.view(), zero_iv);
        const auto aes_hash = sha256(data_with_hash);
        Bytes block(kRsaSize);
        for (std::size_t i = 0; i < 32; ++i) block[i] = temp_key.data()[i] ^ aes_hash[i];
        std::copy(data_with_hash.begin(), data_with_hash.end(), block.begin() + 32);
        if (BigInt::from_bytes(block) < key.n()) return key.encrypt_raw(block);
    }
    throw Error(errc::rsa_pad_failed, "could not produce an RSA_PAD block below the modulus");
}

Bytes rsa_pad_decrypt(ByteView encrypted, const RsaPrivateKey& key) {
    require_2048(key.size());
    if (encrypted.size() != kRsaSize)
        throw Error(errc::rsa_pad_invalid, "RSA_PAD ciphertext must be 256 bytes");
    Bytes block;
    try {
        block = key.decrypt_raw(encrypted);
    } catch (const Error&) {
        throw Error(errc::rsa_pad_invalid, "RSA_PAD ciphertext does not decrypt");
    }
    const ByteView aes_encrypted = ByteView(block).subspan(32);
    const auto aes_hash = sha256(aes_encrypted);
    SecureBuffer temp_key(32);
    for (std::size_t i = 0; i < 32; ++i) temp_key.data()[i] = block[i] ^ aes_hash[i];

    Bytes data_with_hash = aes_ige_decrypt(aes_encrypted, temp_key.view(), Bytes(32, 0));
    Bytes with_padding(data_with_hash.rend() - static_cast<std::ptrdiff_t>(kPadBlock),
                       data_with_hash.rend());
    const auto expected = sha256({temp_key.view(), with_padding});
    if (!constant_time_equal(expected, ByteView(data_with_hash).subspan(kPadBlock, 32)))
        throw Error(errc::rsa_pad_invalid, "RSA_PAD hash mismatch");
    return with_padding;
}

Bytes rsa_legacy_encrypt(ByteView data, const RsaPublicKey& key, const RandomSource& random) {
    require_2048(key.size());
    if (data.size() > kLegacyDataMax)
        throw Error(errc::rsa_pad_data_too_long, "legacy RSA data must be at most 235 bytes");
    Bytes block(kRsaSize - 1);  // 255 bytes, always below a 2048-bit modulus
    const auto hash = sha1(data);
    auto it = std::copy(hash.begin(), hash.end(), block.begin());
    it = std::copy(data.begin(), data.end(), it);
    random(MutableByteView(block).subspan(static_cast<std::size_t>(it - block.begin())));
    return key.encrypt_raw(block);
}

RsaLegacyPlain rsa_legacy_decrypt(ByteView encrypted, const RsaPrivateKey& key) {
    require_2048(key.size());
    const Bytes block = key.decrypt_raw(encrypted);
    if (block[0] != 0) throw Error(errc::rsa_decrypt_failed, "legacy RSA block exceeds 255 bytes");
    RsaLegacyPlain out;
    std::copy_n(block.begin() + 1, out.hash.size(), out.hash.begin());
    out.data.assign(block.begin() + 1 + static_cast<std::ptrdiff_t>(out.hash.size()), block.end());
    return out;
}

bool RsaLegacyPlain::hash_matches(std::size_t parsed_len) const {
    if (parsed_len > data.size()) return false;
    return constant_time_equal(sha1(ByteView(data).first(parsed_len)), hash);
}

}  // namespace tgs::crypto
