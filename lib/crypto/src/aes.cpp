#include "tgs/crypto/aes.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cstring>

#include "aes_ni.hpp"
#include "evp.hpp"
#include "tgs/crypto/errors.hpp"
#include "tgs/error.hpp"

namespace tgs::crypto {

namespace {

struct CipherCtxFree {
    void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

void check_key(ByteView key, std::size_t iv_len, ByteView iv) {
    if (key.size() != 32) throw Error(errc::aes_key_length, "AES-256 key must be 32 bytes");
    if (iv.size() != iv_len) throw Error(errc::aes_iv_length, "AES IV has the wrong length");
}

// Raw AES-256 block cipher (ECB without padding) for building IGE on top of it.
CipherCtx raw_block_cipher(ByteView key, bool encrypt) {
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx || EVP_CipherInit_ex(ctx.get(), detail::aes_256_ecb_cipher(), nullptr, key.data(),
                                  nullptr, encrypt ? 1 : 0) != 1)
        throw Error(errc::internal, "AES init failed");
    EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
    return ctx;
}

void xor16(std::uint8_t* dst, const std::uint8_t* a, const std::uint8_t* b) {
    for (int i = 0; i < 16; ++i) dst[i] = a[i] ^ b[i];
}

// IGE: c_i = E(p_i ^ c_{i-1}) ^ p_{i-1}; decryption mirrors it with roles of p and c swapped.
// iv = c_0 || p_0 for encryption (the same iv is given for decryption).
// `block` encrypts or decrypts 16 bytes in place.
template <class Block>
void ige_blocks(MutableByteView data, ByteView iv, bool encrypt, const Block& block) {
    // For encryption: x_prev = previous ciphertext, y_prev = previous plaintext.
    // For decryption: x_prev = previous plaintext, y_prev = previous ciphertext.
    std::uint8_t x_prev[16], y_prev[16], in[16], tmp[16];
    if (encrypt) {
        std::memcpy(x_prev, iv.data(), 16);
        std::memcpy(y_prev, iv.data() + 16, 16);
    } else {
        std::memcpy(x_prev, iv.data() + 16, 16);
        std::memcpy(y_prev, iv.data(), 16);
    }
    for (std::size_t off = 0; off < data.size(); off += 16) {
        std::uint8_t* out = data.data() + off;
        std::memcpy(in, out, 16);
        xor16(tmp, in, x_prev);
        block(tmp);
        xor16(out, tmp, y_prev);
        std::memcpy(x_prev, out, 16);
        std::memcpy(y_prev, in, 16);
    }
    OPENSSL_cleanse(in, sizeof in);
    OPENSSL_cleanse(tmp, sizeof tmp);
    OPENSSL_cleanse(x_prev, sizeof x_prev);
    OPENSSL_cleanse(y_prev, sizeof y_prev);
}

void ige(MutableByteView data, ByteView key, ByteView iv, bool encrypt) {
    check_key(key, 32, iv);
    if (data.size() % 16 != 0)
        throw Error(errc::aes_ige_length, "AES-IGE data length must be a multiple of 16");
    if (const auto ni = detail::AesNi256::make(key, encrypt)) {
        ige_blocks(data, iv, encrypt, [&](std::uint8_t* b) { ni->apply(b); });
        return;
    }
    auto ctx = raw_block_cipher(key, encrypt);
    ige_blocks(data, iv, encrypt, [&](std::uint8_t* b) {
        int outl = 0;
        if (EVP_CipherUpdate(ctx.get(), b, &outl, b, 16) != 1 || outl != 16)
            throw Error(errc::internal, "AES block operation failed");
    });
}

}  // namespace

void aes_ige_encrypt_in_place(MutableByteView data, ByteView key, ByteView iv) {
    ige(data, key, iv, true);
}
void aes_ige_decrypt_in_place(MutableByteView data, ByteView key, ByteView iv) {
    ige(data, key, iv, false);
}
Bytes aes_ige_encrypt(ByteView data, ByteView key, ByteView iv) {
    Bytes out(data.begin(), data.end());
    aes_ige_encrypt_in_place(out, key, iv);
    return out;
}
Bytes aes_ige_decrypt(ByteView data, ByteView key, ByteView iv) {
    Bytes out(data.begin(), data.end());
    aes_ige_decrypt_in_place(out, key, iv);
    return out;
}

struct AesCtr::State {
    CipherCtx ctx;
};

AesCtr::AesCtr(ByteView key, ByteView iv) : state_(std::make_unique<State>()) {
    check_key(key, 16, iv);
    state_->ctx.reset(EVP_CIPHER_CTX_new());
    if (!state_->ctx || EVP_EncryptInit_ex(state_->ctx.get(), detail::aes_256_ctr_cipher(), nullptr,
                                           key.data(), iv.data()) != 1)
        throw Error(errc::internal, "AES-CTR init failed");
}
AesCtr::~AesCtr() = default;
AesCtr::AesCtr(AesCtr&&) noexcept = default;
AesCtr& AesCtr::operator=(AesCtr&&) noexcept = default;

void AesCtr::apply(MutableByteView data) {
    if (!state_) throw Error(errc::aes_ctr_moved, "AES-CTR used after move");
    // EVP keeps the keystream position between calls, so arbitrary chunking is fine.
    std::size_t off = 0;
    while (off < data.size()) {
        const int chunk = static_cast<int>(std::min<std::size_t>(data.size() - off, 1 << 30));
        int outl = 0;
        if (EVP_EncryptUpdate(state_->ctx.get(), data.data() + off, &outl, data.data() + off,
                              chunk) != 1 ||
            outl != chunk)
            throw Error(errc::internal, "AES-CTR update failed");
        off += static_cast<std::size_t>(chunk);
    }
}

}  // namespace tgs::crypto
