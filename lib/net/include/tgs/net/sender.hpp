// An MTProto connection to one DC: TCP + transport, auth-key creation when there is no key,
// then an encrypted session with RPC calls matched to their answers.
//   auto sender = co_await Sender::connect(options);
//   Bytes result = co_await sender->invoke(request_body);   // throws tgs::RpcError
#pragma once

#include <array>
#include <asio/awaitable.hpp>
#include <chrono>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tgs/bytes.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/crypto/rsa.hpp"
#include "tgs/crypto/secure.hpp"
#include "tgs/mtproto/message_crypto.hpp"
#include "tgs/mtproto/msg_id.hpp"
#include "tgs/net/connection.hpp"

namespace tgs::mtproto {
class ClientSession;
}

namespace tgs::net {

struct SenderOptions {
    /// Where and how to connect; its dc_id, timeout and random serve the whole Sender (the
    /// handshake announces wire_dc_id(connection), calls time out after connection.timeout).
    ConnectionOptions connection;
    std::vector<crypto::RsaPublicKey> rsa_keys;
    /// An existing key for this DC; when absent a new one is created (3 round trips).
    std::optional<mtproto::AuthKey> auth_key;
    std::int64_t server_salt = 0;
    std::int64_t time_offset_ns = 0;  // server clock − ours, for a stored key
    mtproto::Clock clock;             // empty = system clock
    /// Wraps the first request of the connection (invokeWithLayer + initConnection), so the
    /// connection is initialised without a round trip of its own.
    std::function<Bytes(ByteView query)> wrap_first_request;
    std::function<void(const std::string&)> on_progress;
    /// Server-initiated messages (updates), called on the executor's thread.
    std::function<void(ByteView body)> on_update;
};

class Sender : public std::enable_shared_from_this<Sender> {
  public:
    /// The reader loop holds a reference, so a Sender lives until close() (or the connection
    /// drops) and its owner lets go.
    static asio::awaitable<std::shared_ptr<Sender>> connect(SenderOptions options);
    ~Sender();

    /// Sends one request and waits for its result (raw TL body of the result). Server errors
    /// throw tgs::RpcError; NET_TIMEOUT, NET_CONNECTION_CLOSED otherwise.
    asio::awaitable<Bytes> invoke(Bytes request);

    /// One call's answer: the result's body, or the error invoke() would have thrown.
    struct Outcome {
        std::optional<Bytes> body;
        std::exception_ptr error;
    };
    /// Sends `first` and, without waiting, `then` wrapped in invokeAfterMsg(first): the server
    /// runs them in that order and both answers arrive in one round trip.
    asio::awaitable<std::array<Outcome, 2>> invoke_chain(Bytes first, Bytes then);

    /// ping → pong on the encrypted session (one round trip); NET_TIMEOUT if no pong comes.
    /// Returns the ping_id the pong echoes (drawn from SenderOptions::connection.random).
    asio::awaitable<std::int64_t> ping();
    /// True once the connection failed or was closed: make a new Sender to go on.
    bool broken() const { return broken_ != nullptr || !connection_->is_open(); }

    const mtproto::AuthKey& auth_key() const;
    bool created_new_key() const { return created_new_key_; }
    std::int64_t server_salt() const;
    int dc_id() const { return options_.connection.dc_id; }
    std::string describe() const { return connection_->describe(); }
    void close();
    /// close() with a TCP reset (Connection::reset): for a caller done with the connection.
    void reset();

  private:
    struct Pending;
    struct EventHandler;
    explicit Sender(SenderOptions options, std::shared_ptr<Connection> connection);
    asio::awaitable<void> create_auth_key();
    static asio::awaitable<void> read_loop(std::shared_ptr<Sender> self);
    asio::awaitable<void> read_packets();
    void transmit(const std::shared_ptr<Pending>& call);
    asio::awaitable<Bytes> await_answer(std::shared_ptr<Pending> call);
    void fail_all(std::exception_ptr error);
    void throw_if_broken() const;
    void progress(const std::string& what) const;

    SenderOptions options_;
    std::shared_ptr<Connection> connection_;
    std::optional<mtproto::AuthKey> key_;
    std::unique_ptr<mtproto::ClientSession> session_;
    std::map<std::int64_t, std::shared_ptr<Pending>> pending_;
    bool first_request_sent_ = false;
    bool created_new_key_ = false;
    std::exception_ptr broken_;
};

}  // namespace tgs::net
