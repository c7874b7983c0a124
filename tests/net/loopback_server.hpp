// A minimal MTProto server on 127.0.0.1 for lib/net's tests: any transport, a real handshake,
// an encrypted session, and RPCs answered by a callback. Runs on the caller's io_context.
#pragma once

#include <asio/awaitable.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tgs/bytes.hpp"
#include "tgs/crypto/rsa.hpp"

namespace tgs::test {

/// What the server answers to one request body: a result, or an rpc_error (code, message).
struct Answer {
    std::optional<Bytes> result;
    int error_code = 0;
    std::string error_message;
    bool silent = false;  // answer nothing (lets the client time out)
};

class LoopbackServer {
  public:
    using Handler = std::function<Answer(ByteView request)>;

    LoopbackServer(asio::io_context& io, Handler handler);
    int port() const { return port_; }
    /// The server's RSA public key, for the client's SenderOptions.
    crypto::RsaPublicKey public_key() const { return key_.public_key(); }
    int handshakes() const { return handshakes_; }

  private:
    asio::awaitable<void> accept_loop();
    asio::awaitable<void> serve(asio::ip::tcp::socket socket);

    asio::ip::tcp::acceptor acceptor_;
    Handler handler_;
    crypto::RsaPrivateKey key_;
    std::vector<crypto::RsaPrivateKey> keys_;
    int port_ = 0;
    int handshakes_ = 0;
};

/// One RSA key per test process: generating a 2048-bit key costs ~100 ms.
const crypto::RsaPrivateKey& shared_test_key();

}  // namespace tgs::test
