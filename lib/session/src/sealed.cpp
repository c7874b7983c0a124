#include "tgs/session/sealed.hpp"

#include <sodium.h>

#include <cstring>

#include "internal.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session {
using crypto::SecureBuffer;
using detail::fail;

namespace {
constexpr std::uint8_t kVersion = 1;
constexpr std::uint8_t kKdfRaw = 0;
constexpr std::uint8_t kKdfArgon2id = 1;
constexpr std::size_t kSaltOff = 28, kNonceOff = 44, kCheckOff = 68, kHeader = 84;
constexpr std::size_t kCheckLen = 16;
static_assert(kSaltOff + crypto_pwhash_SALTBYTES == kNonceOff);
static_assert(kNonceOff + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES == kCheckOff);
// A tampered header must not make us allocate gigabytes before we can say "tampered".
constexpr std::uint64_t kMaxMemlimit = 1ull << 30;

void put_le(std::uint8_t* p, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
std::uint64_t get_le(const std::uint8_t* p) {
    std::uint64_t v = 0;
    for (int i = 8; i-- > 0;) v = (v << 8) | p[i];
    return v;
}

// Master key (32 bytes) from the SealKey and the header's KDF parameters.
SecureBuffer master_key(const SealKey& key, const std::uint8_t* salt, Argon2Params p) {
    SecureBuffer out(32);
    if (!key.is_passphrase()) {
        std::memcpy(out.data(), key.secret().data(), 32);
        return out;
    }
    if (crypto_pwhash(out.data(), 32, reinterpret_cast<const char*>(key.secret().data()),
                      key.secret().size(), salt, p.opslimit, static_cast<std::size_t>(p.memlimit),
                      crypto_pwhash_ALG_ARGON2ID13) != 0) {
        fail(errc::write_failed, "Argon2id failed (out of memory?)");
    }
    return out;
}

// Separate subkeys for encryption and for the key-check value, so the check value says nothing
// about the encryption key.
SecureBuffer subkey(const SecureBuffer& master, const char* label, std::size_t len) {
    SecureBuffer out(len);
    crypto_generichash(out.data(), len, reinterpret_cast<const unsigned char*>(label),
                       std::strlen(label), master.data(), master.size());
    return out;
}
}  // namespace

SealKey::SealKey(const SealKey& other)
    : is_passphrase_(other.is_passphrase_),
      secret_(other.secret_.clone()),
      params_(other.params_) {}

SealKey& SealKey::operator=(const SealKey& other) {
    if (this != &other) *this = SealKey(other);
    return *this;
}

SealKey SealKey::passphrase(std::string_view pass, Argon2Params params) {
    if (pass.empty()) fail(errc::seal_key_invalid, "empty passphrase");
    SealKey k;
    k.is_passphrase_ = true;
    k.secret_ = SecureBuffer(as_bytes(pass));
    k.params_ = params;
    return k;
}

SealKey SealKey::raw(ByteView key32) {
    if (key32.size() != 32) fail(errc::seal_key_invalid, "a raw seal key must be 32 bytes");
    SealKey k;
    k.secret_ = SecureBuffer(key32);
    return k;
}

SealKey SealKey::from_key_file(const std::filesystem::path& path) {
    Bytes data = detail::read_file(path);
    SecureBuffer secret{ByteView(data)};
    sodium_memzero(data.data(), data.size());
    if (secret.size() == 32) return raw(secret.view());
    std::string_view text(reinterpret_cast<const char*>(secret.data()), secret.size());
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    SecureBuffer bin(32);
    std::size_t len = 0;
    if (text.size() == 64 &&
        sodium_hex2bin(bin.data(), 32, text.data(), text.size(), nullptr, &len, nullptr) == 0 &&
        len == 32) {
        return raw(bin.view());
    }
    fail(errc::seal_key_invalid,
         path.string() + ": key file must hold 32 raw bytes or 64 hex characters");
}

Bytes seal(const SessionData& d, const SealKey& key) {
    const SecureBuffer payload = serialize_session(d);
    Bytes out(kHeader + payload.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    std::memcpy(out.data(), kSealMagic.data(), 8);
    out[8] = kVersion;
    out[9] = key.is_passphrase() ? kKdfArgon2id : kKdfRaw;
    const Argon2Params p = key.is_passphrase() ? key.params() : Argon2Params{0, 0};
    put_le(&out[12], p.opslimit);
    put_le(&out[20], p.memlimit);
    randombytes_buf(&out[kSaltOff], crypto_pwhash_SALTBYTES);
    randombytes_buf(&out[kNonceOff], crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    const SecureBuffer master = master_key(key, &out[kSaltOff], p);
    const SecureBuffer check = subkey(master, "tgsession seal key-check v1", kCheckLen);
    std::memcpy(&out[kCheckOff], check.data(), kCheckLen);
    const SecureBuffer enc = subkey(master, "tgsession seal encryption v1", 32);
    unsigned long long clen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(&out[kHeader], &clen, payload.data(), payload.size(),
                                               out.data(), kHeader, nullptr, &out[kNonceOff],
                                               enc.data());
    out.resize(kHeader + clen);
    return out;
}

SessionData unseal(ByteView file, const SealKey& key) {
    if (file.size() < kHeader + crypto_aead_xchacha20poly1305_ietf_ABYTES ||
        std::memcmp(file.data(), kSealMagic.data(), 8) != 0) {
        fail(errc::corrupt, "sealed session is truncated or has no magic");
    }
    if (file[8] != kVersion) {
        fail(errc::unsupported,
             "sealed format version " + std::to_string(file[8]) + " is not supported");
    }
    const std::uint8_t kdf = file[9];
    if (kdf != kKdfRaw && kdf != kKdfArgon2id)
        fail(errc::corrupt, "sealed session names an unknown KDF");
    if ((kdf == kKdfArgon2id) != key.is_passphrase()) {
        fail(errc::seal_wrong_passphrase, kdf == kKdfArgon2id
                                              ? "file is sealed with a passphrase, not a key file"
                                              : "file is sealed with a key file, not a passphrase");
    }
    const Argon2Params p{get_le(&file[12]), get_le(&file[20])};
    if (kdf == kKdfArgon2id &&
        (p.opslimit < crypto_pwhash_OPSLIMIT_MIN || p.opslimit > 64 ||
         p.memlimit < crypto_pwhash_MEMLIMIT_MIN || p.memlimit > kMaxMemlimit)) {
        fail(errc::seal_tampered, "sealed session has implausible Argon2id parameters");
    }
    const SecureBuffer master = master_key(key, &file[kSaltOff], p);
    const SecureBuffer check = subkey(master, "tgsession seal key-check v1", kCheckLen);
    if (sodium_memcmp(check.data(), &file[kCheckOff], kCheckLen) != 0) {
        fail(errc::seal_wrong_passphrase, "wrong passphrase or key for this sealed session");
    }
    const SecureBuffer enc = subkey(master, "tgsession seal encryption v1", 32);
    SecureBuffer plain(file.size() - kHeader - crypto_aead_xchacha20poly1305_ietf_ABYTES);
    unsigned long long plen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain.data(), &plen, nullptr, &file[kHeader],
                                                   file.size() - kHeader, file.data(), kHeader,
                                                   &file[kNonceOff], enc.data()) != 0) {
        fail(errc::seal_tampered, "sealed session failed authentication: it was modified");
    }
    return deserialize_session(plain.view());
}

}  // namespace tgs::session
