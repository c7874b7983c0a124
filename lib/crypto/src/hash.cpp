#include "tgs/crypto/hash.hpp"

// SHA-1/256/512 through OpenSSL's own block functions (SHA1_Init and friends: deprecated in 3.0,
// still built by Debian and every distribution), not EVP: the first EVP fetch activates the
// default provider and builds a method for every digest it has, ~0.2 ms and ~1 MiB of code
// paged in, which was an eighth of a one-file `status --offline` (it hashes the key for its id)
// and part of every login. Same assembly (SHA-NI/AVX2), no lookups; EVP stays the fallback.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <memory>

#include "evp.hpp"
#include "tgs/crypto/errors.hpp"
#include "tgs/error.hpp"

namespace tgs::crypto {

namespace {

struct MdCtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

// One streaming digest over all parts; throws only on OpenSSL allocation/internal failure.
template <std::size_t N>
std::array<std::uint8_t, N> digest(const EVP_MD* md, std::initializer_list<ByteView> parts) {
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1)
        throw Error(errc::internal, "digest init failed");
    for (auto p : parts) {
        if (!p.empty() && EVP_DigestUpdate(ctx.get(), p.data(), p.size()) != 1)
            throw Error(errc::internal, "digest update failed");
    }
    std::array<std::uint8_t, N> out{};
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(ctx.get(), out.data(), &len) != 1 || len != N)
        throw Error(errc::internal, "digest final failed");
    return out;
}

#ifndef OPENSSL_NO_DEPRECATED_3_0
// The low-level context is plain memory: cleansed after use (it holds the hashed secrets' state).
template <std::size_t N, class Ctx, class Init, class Update, class Final>
std::array<std::uint8_t, N> block_digest(Init init, Update update, Final final,
                                         std::initializer_list<ByteView> parts) {
    Ctx ctx;
    std::array<std::uint8_t, N> out{};
    bool ok = init(&ctx) == 1;
    for (auto p : parts) {
        if (ok && !p.empty()) ok = update(&ctx, p.data(), p.size()) == 1;
    }
    ok = ok && final(out.data(), &ctx) == 1;
    OPENSSL_cleanse(&ctx, sizeof ctx);
    if (!ok) throw Error(errc::internal, "digest failed");
    return out;
}
#endif

}  // namespace

Md5Digest md5(std::initializer_list<ByteView> parts) {
    return digest<16>(EVP_md5(), parts);
}
#ifndef OPENSSL_NO_DEPRECATED_3_0
Sha1Digest sha1(std::initializer_list<ByteView> parts) {
    return block_digest<20, SHA_CTX>(SHA1_Init, SHA1_Update, SHA1_Final, parts);
}
Sha256Digest sha256(std::initializer_list<ByteView> parts) {
    return block_digest<32, SHA256_CTX>(SHA256_Init, SHA256_Update, SHA256_Final, parts);
}
Sha512Digest sha512(std::initializer_list<ByteView> parts) {
    return block_digest<64, SHA512_CTX>(SHA512_Init, SHA512_Update, SHA512_Final, parts);
}
#else
Sha1Digest sha1(std::initializer_list<ByteView> parts) {
    return digest<20>(detail::sha1_md(), parts);
}
Sha256Digest sha256(std::initializer_list<ByteView> parts) {
    return digest<32>(detail::sha256_md(), parts);
}
Sha512Digest sha512(std::initializer_list<ByteView> parts) {
    return digest<64>(detail::sha512_md(), parts);
}
#endif

Sha256Digest hmac_sha256(ByteView key, ByteView message) {
    Sha256Digest out{};
    unsigned int len = 0;
    static const std::uint8_t empty = 0;
    if (HMAC(detail::sha256_md(), key.empty() ? &empty : key.data(), static_cast<int>(key.size()),
             message.empty() ? &empty : message.data(), message.size(), out.data(),
             &len) == nullptr ||
        len != out.size())
        throw Error(errc::internal, "HMAC-SHA256 failed");
    return out;
}

Bytes pbkdf2_hmac_sha512(ByteView password, ByteView salt, int iterations, std::size_t out_len) {
    Bytes out(out_len);
    static const std::uint8_t empty = 0;
    if (PKCS5_PBKDF2_HMAC(
            reinterpret_cast<const char*>(password.empty() ? &empty : password.data()),
            static_cast<int>(password.size()), salt.empty() ? &empty : salt.data(),
            static_cast<int>(salt.size()), iterations, detail::sha512_md(),
            static_cast<int>(out_len), out.data()) != 1)
        throw Error(errc::internal, "PBKDF2 failed");
    return out;
}

std::uint32_t crc32(ByteView data) {
    // zlib takes uInt lengths; feed large inputs in chunks.
    uLong crc = ::crc32(0L, Z_NULL, 0);
    const std::uint8_t* p = data.data();
    std::size_t left = data.size();
    while (left > 0) {
        const auto chunk = static_cast<uInt>(std::min<std::size_t>(left, UINT_MAX));
        crc = ::crc32(crc, p, chunk);
        p += chunk;
        left -= chunk;
    }
    return static_cast<std::uint32_t>(crc);
}

}  // namespace tgs::crypto
