// Obfuscated2 (docs/protocol.md §1.1): a 64-byte random header carrying AES-256-CTR keys, the
// protocol tag and the DC id, then the inner codec's stream encrypted in both directions.
// Works as a wrapper around any inner Codec (abridged, intermediate, padded).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>

#include "tgs/bytes.hpp"
#include "tgs/crypto/aes.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/transport/codec.hpp"

namespace tgs::transport {

inline constexpr std::size_t kObfuscatedHeaderSize = 64;

using ProxyKey = std::array<std::uint8_t, 16>;  // MTProxy secret16 (no dd/ee prefix, no domain)

/// AES-256-CTR key material for one side of a connection.
struct Obfuscated2Keys {
    Bytes encrypt_key, encrypt_iv;  // what this side sends
    Bytes decrypt_key, decrypt_iv;  // what this side receives
};

/// Key derivation from the 64 plaintext header bytes, as the client sees it: encrypt =
/// init[8:40]/init[40:56], decrypt = same slices of reverse(init); with a proxy secret each
/// key becomes SHA256(key + secret16). The server uses the same pair swapped.
Obfuscated2Keys derive_obfuscated2_client_keys(ByteView init64,
                                               const std::optional<ProxyKey>& secret);

/// True if a random init must be regenerated (first byte ef, first word an HTTP verb, TLS
/// record start, dddddddd / eeeeeeee, or init[4:8] all zero).
bool obfuscated2_init_forbidden(ByteView init64);

struct Obfuscated2ClientParams {
    Protocol protocol = Protocol::Intermediate;  // inner framing; full is not allowed
    /// DC id written at [60:62] as int16 LE: +10000 for test DCs, negative for media DCs.
    std::int16_t dc_id = 0;
    std::optional<ProxyKey> proxy_secret;
    /// Fake-TLS (`ee`) connections skip the forbidden-prefix rules, as tdlib does.
    bool skip_prefix_rules = false;
    CodecOptions inner;  // role is forced to Client and send_init_marker to false
};

/// Server-side result of reading a client's 64-byte header.
struct Obfuscated2Hello {
    Protocol protocol;
    std::int16_t dc_id;
};

class Obfuscated2Codec final : public Codec {
  public:
    /// Client role: draws the init from `random` (redrawn while forbidden), builds the header.
    /// The header is emitted in front of the first encode() output (or take it via
    /// take_header() to send it right after connecting).
    static std::unique_ptr<Obfuscated2Codec> client(const Obfuscated2ClientParams& params,
                                                    const crypto::RandomSource& random);

    /// Server role: `header` is the first 64 bytes received. Throws
    /// TRANSPORT_BAD_OBFUSCATION_TAG if the decrypted tag is not ef/ee/dd. `inner` options:
    /// role is forced to Server.
    static std::unique_ptr<Obfuscated2Codec> server(ByteView header,
                                                    const std::optional<ProxyKey>& secret,
                                                    CodecOptions inner = {});

    Protocol protocol() const override { return inner_->protocol(); }
    Role role() const override { return inner_->role(); }
    std::int16_t dc_id() const { return dc_id_; }

    /// Client role: the 64 bytes to send first (once; empty afterwards).
    Bytes take_header();

    void feed(ByteView chunk) override;
    std::optional<Event> next() override { return inner_->next(); }
    void finish() override { inner_->finish(); }

  protected:
    void do_encode(ByteView payload, Bytes& out, bool quick_ack) override;
    void do_encode_error(std::int32_t code, Bytes& out) override;
    void do_encode_quick_ack(std::uint32_t token, Bytes& out) override;

  private:
    Obfuscated2Codec(std::unique_ptr<Codec> inner, const Obfuscated2Keys& keys, std::int16_t dc_id);
    void encrypt_append(const Bytes& plain, Bytes& out);

    std::unique_ptr<Codec> inner_;
    crypto::AesCtr encrypt_;
    crypto::AesCtr decrypt_;
    std::int16_t dc_id_;
    Bytes pending_header_;
};

}  // namespace tgs::transport
