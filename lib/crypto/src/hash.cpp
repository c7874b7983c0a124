#include "tgs/crypto/hash.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <memory>

#include "evp.hpp"
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
        throw Error("CRYPTO_INTERNAL", "digest init failed");
    for (auto p : parts) {
        if (!p.empty() && EVP_DigestUpdate(ctx.get(), p.data(), p.size()) != 1)
            throw Error("CRYPTO_INTERNAL", "digest update failed");
    }
    std::array<std::uint8_t, N> out{};
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(ctx.get(), out.data(), &len) != 1 || len != N)
        throw Error("CRYPTO_INTERNAL", "digest final failed");
    return out;
}

}  // namespace

Md5Digest md5(std::initializer_list<ByteView> parts) {
    return digest<16>(EVP_md5(), parts);
}
Sha1Digest sha1(std::initializer_list<ByteView> parts) {
    return digest<20>(detail::sha1_md(), parts);
}
Sha256Digest sha256(std::initializer_list<ByteView> parts) {
    return digest<32>(detail::sha256_md(), parts);
}
Sha512Digest sha512(std::initializer_list<ByteView> parts) {
    return digest<64>(detail::sha512_md(), parts);
}

Sha256Digest hmac_sha256(ByteView key, ByteView message) {
    Sha256Digest out{};
    unsigned int len = 0;
    static const std::uint8_t empty = 0;
    if (HMAC(detail::sha256_md(), key.empty() ? &empty : key.data(), static_cast<int>(key.size()),
             message.empty() ? &empty : message.data(), message.size(), out.data(),
             &len) == nullptr ||
        len != out.size())
        throw Error("CRYPTO_INTERNAL", "HMAC-SHA256 failed");
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
        throw Error("CRYPTO_INTERNAL", "PBKDF2 failed");
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
