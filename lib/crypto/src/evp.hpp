// Private to lib/crypto: OpenSSL algorithms fetched once per process. Passing EVP_sha256() and
// friends to an init call makes OpenSSL 3 look the algorithm up in its provider store on every
// call (a lock, a hash lookup, reference counts); MTProto hashes every message, so each is
// fetched here on first use and kept for the life of the process.
#pragma once

#include <openssl/evp.h>

namespace tgs::crypto::detail {

const EVP_MD* sha1_md();
const EVP_MD* sha256_md();
const EVP_MD* sha512_md();
const EVP_CIPHER* aes_256_ecb_cipher();
const EVP_CIPHER* aes_256_ctr_cipher();

}  // namespace tgs::crypto::detail
