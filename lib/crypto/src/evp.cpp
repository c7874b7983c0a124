#include "evp.hpp"

#include "tgs/crypto/errors.hpp"
#include "tgs/error.hpp"

namespace tgs::crypto::detail {
namespace {

// Never freed: the objects outlive every static that may still hash during exit.
const EVP_MD* fetch_md(const char* name) {
    const EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
    if (md == nullptr) throw Error(errc::internal, std::string("OpenSSL has no ") + name);
    return md;
}

const EVP_CIPHER* fetch_cipher(const char* name) {
    const EVP_CIPHER* c = EVP_CIPHER_fetch(nullptr, name, nullptr);
    if (c == nullptr) throw Error(errc::internal, std::string("OpenSSL has no ") + name);
    return c;
}

}  // namespace

const EVP_MD* sha1_md() {
    static const EVP_MD* md = fetch_md("SHA1");
    return md;
}
const EVP_MD* sha256_md() {
    static const EVP_MD* md = fetch_md("SHA256");
    return md;
}
const EVP_MD* sha512_md() {
    static const EVP_MD* md = fetch_md("SHA512");
    return md;
}
const EVP_CIPHER* aes_256_ecb_cipher() {
    static const EVP_CIPHER* c = fetch_cipher("AES-256-ECB");
    return c;
}
const EVP_CIPHER* aes_256_ctr_cipher() {
    static const EVP_CIPHER* c = fetch_cipher("AES-256-CTR");
    return c;
}

}  // namespace tgs::crypto::detail
