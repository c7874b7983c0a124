// Private to lib/crypto: a direct reader for the two plain RSA public key PEM forms.
// OpenSSL 3's decoder (OSSL_DECODER_CTX_new_for_pkey) collects and tries every provider's
// decoder on each call, ~0.7 ms per key; a login parses every known key before its handshake.
#pragma once

#include <optional>
#include <string_view>

#include "tgs/bytes.hpp"

namespace tgs::crypto::detail {

struct RsaPublicParts {
    Bytes n;  // big-endian, no leading zero
    Bytes e;
};

/// n and e of a PKCS#1 ("BEGIN RSA PUBLIC KEY") or SubjectPublicKeyInfo ("BEGIN PUBLIC KEY")
/// PEM in strict DER, or nullopt for anything else (PEM headers, other key types, BER
/// oddities, damage): the caller then hands the text to OpenSSL's decoder, which decides.
std::optional<RsaPublicParts> parse_rsa_public_pem(std::string_view pem);

}  // namespace tgs::crypto::detail
