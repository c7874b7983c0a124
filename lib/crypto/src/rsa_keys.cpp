// RSA key objects: PEM import/export through OpenSSL 3's decoder/encoder API, fingerprints,
// textbook encryption/decryption. The MTProto padding schemes live in rsa_pad.cpp.
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/encoder.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#include <cstring>

#include "rsa_public_der.hpp"
#include "tgs/crypto/errors.hpp"
#include "tgs/crypto/rsa.hpp"
#include "tgs/error.hpp"

namespace tgs::crypto {

namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

Pkey decode_pem(std::string_view pem, int selection) {
    EVP_PKEY* raw = nullptr;
    OSSL_DECODER_CTX* dctx =
        OSSL_DECODER_CTX_new_for_pkey(&raw, "PEM", nullptr, "RSA", selection, nullptr, nullptr);
    if (dctx == nullptr) throw Error(errc::internal, "no RSA PEM decoder available");
    const auto* data = reinterpret_cast<const unsigned char*>(pem.data());
    std::size_t len = pem.size();
    const int rc = OSSL_DECODER_from_data(dctx, &data, &len);
    OSSL_DECODER_CTX_free(dctx);
    Pkey key(raw);
    if (rc != 1 || !key) throw Error(errc::rsa_key_invalid, "cannot parse RSA key PEM");
    return key;
}

std::string encode_pem(const EVP_PKEY* key, int selection, const char* structure) {
    OSSL_ENCODER_CTX* ectx =
        OSSL_ENCODER_CTX_new_for_pkey(key, selection, "PEM", structure, nullptr);
    if (ectx == nullptr) throw Error(errc::internal, "no RSA PEM encoder available");
    unsigned char* out = nullptr;
    std::size_t len = 0;
    const int rc = OSSL_ENCODER_to_data(ectx, &out, &len);
    OSSL_ENCODER_CTX_free(ectx);
    if (rc != 1 || out == nullptr) throw Error(errc::internal, "cannot encode RSA key");
    std::string pem(reinterpret_cast<const char*>(out), len);
    OPENSSL_clear_free(out, len);
    return pem;
}

BigInt get_param(const EVP_PKEY* key, const char* name) {
    BIGNUM* bn = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &bn) != 1 || bn == nullptr)
        throw Error(errc::rsa_key_invalid, "RSA key lacks a required parameter");
    BigInt out;
    const bool copied = BN_copy(out.raw(), bn) != nullptr;
    BN_free(bn);
    if (!copied) throw Error(errc::internal, "BN_copy failed");
    return out;
}

// TL serialization of `bytes` (crypto sits below the tl layer, so it is spelled out here).
void append_tl_bytes(Bytes& out, ByteView data) {
    const std::size_t start = out.size();
    if (data.size() < 254) {
        out.push_back(static_cast<std::uint8_t>(data.size()));
    } else {
        out.push_back(254);
        for (int i = 0; i < 3; ++i)
            out.push_back(static_cast<std::uint8_t>(data.size() >> (8 * i)));
    }
    out.insert(out.end(), data.begin(), data.end());
    while ((out.size() - start) % 4 != 0) out.push_back(0);
}

}  // namespace

// ---- RsaPublicKey ----

RsaPublicKey::RsaPublicKey(BigInt n, BigInt e) : n_(std::move(n)), e_(std::move(e)) {
    if (n_.is_zero() || e_.is_zero()) throw Error(errc::rsa_key_invalid, "RSA n and e must be > 0");
}

RsaPublicKey RsaPublicKey::from_pem(std::string_view pem) {
    if (auto parts = detail::parse_rsa_public_pem(pem))
        return RsaPublicKey(BigInt::from_bytes(parts->n), BigInt::from_bytes(parts->e));
    Pkey key = decode_pem(pem, EVP_PKEY_PUBLIC_KEY);
    return RsaPublicKey(get_param(key.get(), OSSL_PKEY_PARAM_RSA_N),
                        get_param(key.get(), OSSL_PKEY_PARAM_RSA_E));
}

std::string RsaPublicKey::to_pem() const {
    OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
    if (bld == nullptr) throw Error(errc::internal, "OSSL_PARAM_BLD_new failed");
    OSSL_PARAM* params = nullptr;
    if (OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n_.raw()) == 1 &&
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e_.raw()) == 1)
        params = OSSL_PARAM_BLD_to_param(bld);
    OSSL_PARAM_BLD_free(bld);
    if (params == nullptr) throw Error(errc::internal, "cannot build RSA params");
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
    EVP_PKEY* raw = nullptr;
    const bool ok = ctx != nullptr && EVP_PKEY_fromdata_init(ctx) == 1 &&
                    EVP_PKEY_fromdata(ctx, &raw, EVP_PKEY_PUBLIC_KEY, params) == 1;
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    Pkey key(raw);
    if (!ok || !key) throw Error(errc::internal, "cannot build RSA public key");
    return encode_pem(key.get(), EVP_PKEY_PUBLIC_KEY, "type-specific");
}

std::int64_t RsaPublicKey::fingerprint() const {
    Bytes tl;
    append_tl_bytes(tl, n_.to_bytes());
    append_tl_bytes(tl, e_.to_bytes());
    const auto h = sha1(tl);
    std::uint64_t v = 0;
    for (int i = 19; i >= 12; --i) v = (v << 8) | h[static_cast<std::size_t>(i)];
    return static_cast<std::int64_t>(v);
}

Bytes RsaPublicKey::encrypt_raw(ByteView input_be) const {
    const BigInt m = BigInt::from_bytes(input_be);
    if (!(m < n_)) throw Error(errc::rsa_input_too_large, "RSA input is not below the modulus");
    return BigInt::mod_exp_public_exponent(m, e_, n_).to_bytes(size());
}

// ---- RsaPrivateKey ----

struct RsaPrivateKey::Impl {
    Pkey key;
    std::size_t size = 0;
};

RsaPrivateKey::RsaPrivateKey(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
    impl_->size = get_param(impl_->key.get(), OSSL_PKEY_PARAM_RSA_N).byte_length();
}
RsaPrivateKey::~RsaPrivateKey() = default;
RsaPrivateKey::RsaPrivateKey(RsaPrivateKey&&) noexcept = default;
RsaPrivateKey& RsaPrivateKey::operator=(RsaPrivateKey&&) noexcept = default;

RsaPrivateKey RsaPrivateKey::generate(int bits) {
    // EVP_PKEY_Q_keygen's RSA default public exponent is 65537.
    EVP_PKEY* raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits));
    if (raw == nullptr) throw Error(errc::internal, "RSA key generation failed");
    auto impl = std::make_unique<Impl>();
    impl->key.reset(raw);
    return RsaPrivateKey(std::move(impl));
}

RsaPrivateKey RsaPrivateKey::from_pem(std::string_view pem) {
    auto impl = std::make_unique<Impl>();
    impl->key = decode_pem(pem, EVP_PKEY_KEYPAIR);
    return RsaPrivateKey(std::move(impl));
}

std::string RsaPrivateKey::to_pem() const {
    return encode_pem(impl_->key.get(), EVP_PKEY_KEYPAIR, "PrivateKeyInfo");
}

RsaPublicKey RsaPrivateKey::public_key() const {
    return RsaPublicKey(get_param(impl_->key.get(), OSSL_PKEY_PARAM_RSA_N),
                        get_param(impl_->key.get(), OSSL_PKEY_PARAM_RSA_E));
}

std::size_t RsaPrivateKey::size() const {
    return impl_->size;
}

Bytes RsaPrivateKey::decrypt_raw(ByteView encrypted) const {
    if (encrypted.size() != impl_->size)
        throw Error(errc::rsa_decrypt_failed, "RSA ciphertext has the wrong length");
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, impl_->key.get(), nullptr);
    Bytes out(impl_->size);
    std::size_t out_len = out.size();
    // No padding: textbook c^d mod n (OpenSSL rejects c >= n and blinds the CRT computation).
    const bool ok =
        ctx != nullptr && EVP_PKEY_decrypt_init(ctx) == 1 &&
        EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_NO_PADDING) == 1 &&
        EVP_PKEY_decrypt(ctx, out.data(), &out_len, encrypted.data(), encrypted.size()) == 1;
    EVP_PKEY_CTX_free(ctx);
    if (!ok || out_len != out.size())
        throw Error(errc::rsa_decrypt_failed, "RSA decryption failed");
    return out;
}

}  // namespace tgs::crypto
