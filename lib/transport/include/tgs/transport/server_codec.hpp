// Server side of one connection: detects the client's transport from its first bytes, then
// behaves as that codec (plain or obfuscated2-wrapped).
#pragma once

#include <memory>
#include <optional>

#include "tgs/transport/codec.hpp"
#include "tgs/transport/detect.hpp"
#include "tgs/transport/obfuscated2.hpp"

namespace tgs::transport {

struct ServerCodecOptions {
    CodecOptions codec;  // role is forced to Server
    /// Required for obfuscated2 connections made through an MTProxy secret.
    std::optional<ProxyKey> proxy_secret;
};

class ServerCodec final : public Codec {
  public:
    explicit ServerCodec(ServerCodecOptions options = {});

    bool detected() const { return inner_ != nullptr; }
    /// Valid once detected(). Before that protocol() throws TRANSPORT_NOT_DETECTED.
    Protocol protocol() const override;
    Role role() const override { return Role::Server; }
    bool obfuscated() const { return obfuscated_; }
    /// The DC id from an obfuscated2 header (nullopt for plain transports).
    std::optional<std::int16_t> dc_id() const { return dc_id_; }

    void feed(ByteView chunk) override;
    std::optional<Event> next() override;
    void finish() override;

  protected:
    void do_encode(ByteView payload, Bytes& out, bool quick_ack) override;
    void do_encode_error(std::int32_t code, Bytes& out) override;
    void do_encode_quick_ack(std::uint32_t token, Bytes& out) override;

  private:
    Codec& ready() const;

    ServerCodecOptions options_;
    Bytes head_;  // bytes received before detection completed
    std::unique_ptr<Codec> inner_;
    bool obfuscated_ = false;
    std::optional<std::int16_t> dc_id_;
};

}  // namespace tgs::transport
