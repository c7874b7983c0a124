// An MTProto server on 127.0.0.1 for lib/net's tests: lib/testdc's Cluster (any transport, a
// real handshake, an encrypted session) with every RPC answered by the test's callback instead
// of the test DC's methods. Runs on the caller's io_context.
#pragma once

#include <asio/io_context.hpp>
#include <functional>
#include <optional>
#include <string>

#include "tgs/bytes.hpp"
#include "tgs/crypto/rsa.hpp"
#include "tgs/testdc/cluster.hpp"

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
    int port() const { return cluster_.dcs().front().port; }
    /// The server's RSA public key, for the client's SenderOptions.
    crypto::RsaPublicKey public_key() const;
    int handshakes() const { return cluster_.handshakes(); }
    /// The salt the server's sessions hand out (in new_session_created and bad_server_salt).
    std::int64_t salt() const { return cluster_.salt(); }

  private:
    testdc::Cluster cluster_;
};

}  // namespace tgs::test
