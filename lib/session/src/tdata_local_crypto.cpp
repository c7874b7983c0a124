#include "tdata_local_crypto.hpp"

#include <optional>

#include "tgs/crypto/aes.hpp"
#include "tgs/crypto/hash.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/crypto/secure.hpp"
#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session::tdata::detail {

AuthKeyBytes create_local_key(std::string_view passcode, ByteView salt) {
    auto hash = crypto::sha512({salt, as_bytes(passcode), salt});
    const int rounds = passcode.empty() ? 1 : kPasscodeIterations;
    auto key = crypto::pbkdf2_hmac_sha512(hash, salt, rounds, AuthKeyBytes::kSize);
    AuthKeyBytes out(key);
    crypto::secure_zero(key);
    crypto::secure_zero(hash);
    return out;
}

namespace {
constexpr int kLocalX = 8;  // tdesktop's aesEncryptLocal derives with send = false
}

Bytes encrypt_local(ByteView payload, const AuthKeyBytes& key) {
    Bytes plain(4);
    plain.insert(plain.end(), payload.begin(), payload.end());
    const auto size = static_cast<std::uint32_t>(plain.size());
    for (std::size_t i = 0; i < 4; ++i) plain[i] = static_cast<std::uint8_t>(size >> (8 * i));
    if (plain.size() % 16 != 0) {
        const auto old = plain.size();
        plain.resize(old + 16 - old % 16);
        crypto::secure_random(MutableByteView(plain).subspan(old));
    }
    const auto sha = crypto::sha1(plain);
    const ByteView msg_key(sha.data(), 16);
    auto kiv = crypto::derive_aes_key_iv_v1(key.view(), msg_key, kLocalX);
    Bytes out(msg_key.begin(), msg_key.end());
    crypto::aes_ige_encrypt_in_place(plain, kiv.key, kiv.iv);
    out.insert(out.end(), plain.begin(), plain.end());
    crypto::secure_zero(plain);
    crypto::secure_zero(kiv.key);
    crypto::secure_zero(kiv.iv);
    return out;
}

std::optional<Bytes> decrypt_local(ByteView encrypted, const AuthKeyBytes& key,
                                   const std::string& what) {
    if (encrypted.size() <= 16 || encrypted.size() % 16 != 0) {
        throw tgs::Error(std::string(errc::tdata_corrupt),
                         what + ": encrypted part of " + std::to_string(encrypted.size()) +
                             " bytes (not a whole number of blocks)");
    }
    const auto msg_key = encrypted.first(16);
    auto kiv = crypto::derive_aes_key_iv_v1(key.view(), msg_key, kLocalX);
    Bytes plain = crypto::aes_ige_decrypt(encrypted.subspan(16), kiv.key, kiv.iv);
    crypto::secure_zero(kiv.key);
    crypto::secure_zero(kiv.iv);
    const auto sha = crypto::sha1(plain);
    if (!crypto::constant_time_equal(ByteView(sha.data(), 16), msg_key)) {
        crypto::secure_zero(plain);
        return std::nullopt;
    }
    const std::uint32_t len = std::uint32_t{plain[0]} | (std::uint32_t{plain[1]} << 8) |
                              (std::uint32_t{plain[2]} << 16) | (std::uint32_t{plain[3]} << 24);
    // The length covers its own 4 bytes and leaves less than one block of padding.
    if (len < 4 || len > plain.size() || len + 16 <= plain.size()) {
        crypto::secure_zero(plain);
        throw tgs::Error(std::string(errc::tdata_corrupt),
                         what + ": bad length inside the encrypted part");
    }
    Bytes out(plain.begin() + 4, plain.begin() + len);
    crypto::secure_zero(plain);
    return out;
}

}  // namespace tgs::session::tdata::detail
