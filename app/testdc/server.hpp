// The socket side of the test DC: one acceptor per DC, one Connection per client, all on one
// io_context thread (the RpcHandler serialises anyway; crypto per connection is cheap).
#pragma once

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "options.hpp"
#include "tgs/crypto/rsa.hpp"
#include "tgs/mtproto/msg_id.hpp"
#include "tgs/testdc/rpc_handler.hpp"

namespace tgs::testdc::app {

class Connection;

class Server {
  public:
    Server(asio::io_context& io, Options options, crypto::RsaPrivateKey key, Accounts accounts);

    /// Binds every DC's acceptor (ports become known) and starts accepting.
    void start();
    /// Closes acceptors and connections, saves the state.
    void stop();

    const std::vector<DcAddress>& dcs() const { return state_.options().dcs; }
    std::string public_key_pem() const { return keys_.front().public_key().to_pem(); }

    // Used by connections.
    asio::io_context& io() { return io_; }
    const Options& options() const { return options_; }
    std::span<const crypto::RsaPrivateKey> rsa_keys() const { return keys_; }
    ClusterState& state() { return state_; }
    RpcHandler& handler() { return handler_; }
    const mtproto::Clock& clock() const { return clock_; }
    std::int64_t now_seconds() const { return clock_() / mtproto::kNanosPerSecond; }
    std::int64_t salt() const { return salt_; }
    /// Notes that --state needs writing if anything persistent changed (or `force`: a new key
    /// the handler does not know about). Writes are batched: at most one per kSaveEvery.
    void save_state(bool force = false);
    /// Writes --state now if anything is unsaved (stop() always writes).
    void flush_state();
    static constexpr std::chrono::milliseconds kSaveEvery{500};

    void attach(std::uint64_t auth_key_id, const std::shared_ptr<Connection>& c);
    void detach(std::uint64_t auth_key_id, const std::shared_ptr<Connection>& c);
    void deliver(const Push& push);
    void track(const std::shared_ptr<Connection>& c) { all_.insert(c); }
    void untrack(const std::shared_ptr<Connection>& c) { all_.erase(c); }

  private:
    void accept_on(std::size_t index);

    asio::io_context& io_;
    Options options_;
    std::vector<crypto::RsaPrivateKey> keys_;
    ClusterState state_;
    RpcHandler handler_;
    mtproto::Clock clock_;
    std::int64_t salt_ = 0;
    asio::steady_timer save_timer_;
    bool unsaved_ = false;
    bool save_scheduled_ = false;
    std::vector<std::unique_ptr<asio::ip::tcp::acceptor>> acceptors_;
    std::map<std::uint64_t, std::set<std::shared_ptr<Connection>>> by_key_;
    std::set<std::shared_ptr<Connection>> all_;
};

}  // namespace tgs::testdc::app
