// Fake TLS for MTProxy `ee` secrets (docs/protocol.md §1.3): the connection opens with a
// browser-like TLS 1.3 ClientHello whose random field carries HMAC-SHA256(secret16, hello with a
// zero random) with the unix time XORed into its last 4 bytes; the proxy answers ServerHello +
// ChangeCipherSpec + one application-data record, authenticated by HMAC-SHA256(secret16,
// client random + answer with a zero random). Afterwards the obfuscated2 stream travels in
// TLS application-data records both ways. All sans-IO; the caller owns the socket.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "tgs/bytes.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/transport/codec.hpp"
#include "tgs/transport/obfuscated2.hpp"

namespace tgs::transport {

/// Where the 32-byte random sits in both hellos: 5 record-header bytes, 4 handshake-header
/// bytes, 2 version bytes (RFC 8446 §4.1.2/§4.1.3; MTProxy and tdlib use the same offset).
inline constexpr std::size_t kTlsRandomOffset = 11;
inline constexpr std::size_t kTlsRandomSize = 32;

/// Largest application-data record a client sends: tdlib's MAX_TLS_PACKET_LENGTH (2878), so
/// our records are sized like Telegram's own apps'.
inline constexpr std::size_t kFakeTlsClientRecordMax = 2878;
/// Largest record a server sends: TLS's plaintext limit 2^14 (RFC 8446 §5.1).
inline constexpr std::size_t kFakeTlsServerRecordMax = 16384;

/// The ClientHello record for `domain` (SNI), authenticated with `key` at `unix_time`.
/// 517 bytes (record length 0x200) unless the domain is too long to pad to that: the official
/// MTProxy server accepts only hellos of that size, mtprotoproxy any of at least 512.
Bytes make_fake_tls_client_hello(const ProxyKey& key, std::string_view domain,
                                 std::uint32_t unix_time, const crypto::RandomSource& random);

/// Client side of the fake-TLS handshake.
class FakeTlsClient {
  public:
    FakeTlsClient(const ProxyKey& key, std::string_view domain, std::uint32_t unix_time,
                  const crypto::RandomSource& random);
    /// The ClientHello to send (once).
    Bytes take_hello() { return std::exchange(hello_, Bytes{}); }
    /// Consumes the server's answer; true once it is complete and verified. Throws
    /// TRANSPORT_FAKE_TLS_BAD_RESPONSE (not a ServerHello/CCS/data sequence) or
    /// TRANSPORT_FAKE_TLS_HMAC (the answer was not made with our secret).
    bool feed(ByteView chunk);
    /// Bytes received after the answer: the start of the tunnel's records.
    Bytes take_leftover() { return std::exchange(leftover_, Bytes{}); }

  private:
    ProxyKey key_;
    std::array<std::uint8_t, kTlsRandomSize> client_random_{};
    Bytes hello_;
    Bytes in_;
    Bytes leftover_;
    bool done_ = false;
};

/// Server side: what a valid ClientHello told us.
struct FakeTlsHelloInfo {
    std::size_t key_index = 0;  // which of the offered keys made the HMAC
    std::uint32_t timestamp = 0;
    std::array<std::uint8_t, kTlsRandomSize> client_random{};  // also the replay-cache key
    Bytes session_id;                                          // echoed in the ServerHello
    std::string server_name;  // the SNI host_name (RFC 6066 §3); empty if the hello has none
};

/// Bytes needed before a ClientHello record is complete (5-byte header + length), or nullopt
/// if `first` does not start a TLS handshake record (16 03 01).
std::optional<std::size_t> fake_tls_hello_size(ByteView first);

/// Checks a complete ClientHello record against each key; nullopt if none made its HMAC.
/// The timestamp and the SNI are returned, not judged: the caller applies its window and
/// compares the name with the secret's domain.
std::optional<FakeTlsHelloInfo> check_fake_tls_client_hello(ByteView record,
                                                            std::span<const ProxyKey> keys);

/// The server's answer: ServerHello (TLS 1.3, TLS_AES_128_GCM_SHA256, x25519 key share),
/// ChangeCipherSpec, and an application-data record of random bytes standing in for the
/// encrypted certificate; its random field is the HMAC described above.
Bytes make_fake_tls_server_hello(const ProxyKey& key, const FakeTlsHelloInfo& hello,
                                 const crypto::RandomSource& random);

/// Moves the payload of every complete record at the front of `in` to `plain` (skipping
/// ChangeCipherSpec) and erases them from `in`; a partial record stays. Throws
/// TRANSPORT_FAKE_TLS_BAD_RECORD for anything but application data / ChangeCipherSpec.
void unwrap_fake_tls_records(Bytes& in, Bytes& plain);

/// The record layer after the handshake, wrapped around the obfuscated2 codec: encode() puts
/// the inner bytes into application-data records (the client sends ChangeCipherSpec before its
/// first one, as tdlib does); feed() unwraps records, skipping ChangeCipherSpec. Anything else
/// throws TRANSPORT_FAKE_TLS_BAD_RECORD.
class FakeTlsCodec final : public Codec {
  public:
    explicit FakeTlsCodec(std::unique_ptr<Codec> inner);

    Protocol protocol() const override { return inner_->protocol(); }
    Role role() const override { return inner_->role(); }
    Codec& inner() { return *inner_; }

    void feed(ByteView chunk) override;
    std::optional<Event> next() override { return inner_->next(); }
    void finish() override;

  protected:
    void do_encode(ByteView payload, Bytes& out, bool quick_ack) override;
    void do_encode_error(std::int32_t code, Bytes& out) override;
    void do_encode_quick_ack(std::uint32_t token, Bytes& out) override;

  private:
    void wrap(const Bytes& plain, Bytes& out);

    std::unique_ptr<Codec> inner_;
    bool sent_change_cipher_ = false;
    Bytes in_;
};

}  // namespace tgs::transport
