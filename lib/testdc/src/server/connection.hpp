// One client connection: transport detection, handshake (unencrypted messages), then the
// encrypted session whose requests go to the RpcHandler. Writes go through a FIFO queue so
// pushes from other connections and --latency-ms keep packet order.
#pragma once

#include <asio/awaitable.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>

#include "tgs/mtproto/handshake_server.hpp"
#include "tgs/mtproto/server_session.hpp"
#include "tgs/testdc/cluster.hpp"
#include "tgs/transport/server_codec.hpp"

namespace tgs::testdc {

class Connection : public std::enable_shared_from_this<Connection> {
  public:
    Connection(Cluster& server, asio::ip::tcp::socket socket, int dc);
    void start();
    void close();
    /// ping_delay_disconnect: close in `seconds` unless another one re-arms it first.
    void arm_disconnect(std::int32_t seconds);
    /// An update from another connection's request (e.g. updateLoginToken).
    void push(ByteView updates);

  private:
    asio::awaitable<void> read_loop();
    asio::awaitable<void> write_loop();
    void on_payload(Bytes payload);
    void on_unencrypted(ByteView payload);
    void on_encrypted(ByteView payload);
    void flush_session();
    void send_payload(Bytes payload, bool encrypted);
    void send_transport_error(std::int32_t code);
    void queue(Bytes framed);  // onto out_, stamped with the time (for --latency-ms)
    void log(LogLevel level, const std::string& what) const;
    /// A temporary key's `expires_at` has come (false for 0, a permanent key).
    bool temp_key_expired(std::int64_t expires_at) const;
    void watch_idle();

    Cluster& server_;
    asio::ip::tcp::socket socket_;
    int dc_;
    std::string peer_;
    transport::ServerCodec codec_;
    std::optional<mtproto::HandshakeServer> handshake_;
    std::optional<mtproto::ServerSession> session_;
    // The salt the handshake gave the client (new_nonce ^ server_nonce): Telegram accepts it
    // for the key's first messages, so a fresh login pays no bad_server_salt round trip.
    std::optional<std::int64_t> first_salt_;
    std::optional<std::uint64_t> attached_key_;
    /// When the key this connection's session uses expires (0: a permanent key). Read under
    /// the handler's mutex when the session finds its key, then checked per packet.
    std::int64_t key_expires_at_ = 0;
    struct Outgoing {
        Bytes data;                                    // empty = close marker
        std::chrono::steady_clock::time_point queued;  // --latency-ms counts from here
    };
    std::deque<Outgoing> out_;
    asio::steady_timer wake_;
    asio::steady_timer disconnect_;  // armed by ping_delay_disconnect
    asio::steady_timer idle_;        // limits.idle_timeout_seconds after the last byte received
    std::chrono::steady_clock::time_point last_read_ = std::chrono::steady_clock::now();
    std::size_t out_bytes_ = 0;  // queued in out_, bounded by limits.max_outbox_bytes
    bool closing_ = false;
    bool close_after_flush_ = false;
    int packets_sent_ = 0;
};

}  // namespace tgs::testdc
