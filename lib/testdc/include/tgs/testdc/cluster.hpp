// The test DC on sockets: N DCs (one acceptor each) served on the caller's asio::io_context,
// so a test can run one or several clusters in its own process and tgsession-testdc is only
// option parsing around this. Every connection speaks any transport, does the server side of
// the handshake and answers requests through the RpcHandler (or a handler the caller gives).
//
// Threading: everything runs on the io_context's thread(s); start() and stop() must be called
// there, or while the io_context is not running.
#pragma once

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "tgs/crypto/rsa.hpp"
#include "tgs/mtproto/msg_id.hpp"
#include "tgs/testdc/accounts.hpp"
#include "tgs/testdc/cluster_state.hpp"
#include "tgs/testdc/rpc_handler.hpp"

namespace tgs::testdc {

/// Deliberate misbehaviour (tgsession-testdc --fault), for the client's hardening tests.
struct Faults {
    int drop_after = 0;           // close a connection after this many server packets
    bool garbage = false;         // encrypted answers replaced by random bytes
    bool wrong_msg_key = false;   // one byte of msg_key flipped in encrypted answers
    bool bad_dh_prime = false;    // handshake sends a non-safe prime
    bool bad_g = false;           // handshake sends g = 2
    std::int64_t clock_skew = 0;  // seconds added to the server clock
    int forge_404 = 0;  // the first N encrypted packets get a transport error -404 instead of an
                        // answer, as anyone on the path can send (the key stays known)
};

enum class LogLevel { Debug, Info, Warn, Error };

/// Where the cluster's log lines go (the library never prints): tgsession-testdc hands these
/// to spdlog; tests leave `sink` empty. Lines below `level` are not even formatted.
struct LogSink {
    std::function<void(LogLevel, const std::string&)> sink;
    LogLevel level = LogLevel::Warn;
    bool enabled(LogLevel l) const { return sink && l >= level; }
    void operator()(LogLevel l, const std::string& line) const {
        if (enabled(l)) sink(l, line);
    }
};

/// What one client may cost the DC (issue 11): without these a script could open connections
/// until descriptors run out, hold them for ever, or stop reading while its answers pile up.
struct Limits {
    int max_connections = 20000;     // beyond it new connections are closed at once (fleet: 10,000)
    int idle_timeout_seconds = 300;  // nothing received for this long: closed (0: never)
    std::size_t max_outbox_bytes = 16 << 20;  // unsent answers beyond this: the client is dropped
};

struct ServeOptions {
    int dc_count = 3;
    std::string host = "127.0.0.1";  // an IPv4 address or ::1
    int base_port = 0;               // DC n listens on base_port+n-1; 0: the OS picks per DC
    /// Login rules (code TTL, flood limits, ...); `rules.dcs` is filled in by the cluster.
    ClusterOptions rules;
    std::filesystem::path state_file;  // empty: nothing persisted
    int latency_ms = 0;                // delay of every packet the server sends
    Faults faults;
    Limits limits;
    LogSink log;
};

/// Answers one decrypted request. The default is RpcHandler::handle; a test may substitute its
/// own (and set Reply::silent to leave a request unanswered).
using RequestHandler = std::function<Reply(const CallContext&, ByteView request)>;

class Connection;

class Cluster {
  public:
    Cluster(asio::io_context& io, ServeOptions options, crypto::RsaPrivateKey key,
            Accounts accounts);
    ~Cluster();
    Cluster(const Cluster&) = delete;
    Cluster& operator=(const Cluster&) = delete;

    /// Binds every DC's acceptor (ports become known) and starts accepting.
    void start();
    /// Closes acceptors and connections, saves the state. Idempotent.
    void stop();

    /// The DCs with their bound ports (after start()).
    const std::vector<DcAddress>& dcs() const { return state_.options().dcs; }
    std::string public_key_pem() const;
    /// What tgsession-testdc --write-config writes (key order included):
    /// {"dcs":[{"id":1,"host":"127.0.0.1","port":…}],"rsa_public_keys":["-----BEGIN RSA…"]}
    std::string config_json() const;

    /// Replaces the RpcHandler for requests on encrypted sessions (handshakes, acks, pings
    /// still run in the session layer).
    void set_request_handler(RequestHandler handler) { request_handler_ = std::move(handler); }
    RpcHandler& handler() { return handler_; }
    ClusterState& state() { return state_; }
    /// Completed handshakes (new auth keys) since start.
    int handshakes() const { return handshakes_; }

    // Used by connections.
    asio::io_context& io() { return io_; }
    const ServeOptions& options() const { return options_; }
    const LogSink& log() const { return options_.log; }
    std::span<const crypto::RsaPrivateKey> rsa_keys() const { return keys_; }
    const mtproto::Clock& clock() const { return clock_; }
    std::int64_t now_seconds() const { return clock_() / mtproto::kNanosPerSecond; }
    std::int64_t salt() const { return salt_; }
    Reply answer(const CallContext& ctx, ByteView request);
    /// True for the first faults.forge_404 calls: answer this packet with a forged -404.
    bool forge_404() { return forged_404_.fetch_add(1) < options_.faults.forge_404; }
    /// A handshake finished; `expires_in` > 0 for a temporary key (auth.bindTempAuthKey).
    void on_new_key(std::uint64_t id, Bytes key, int dc, std::int64_t now,
                    std::int32_t expires_in = 0);
    /// Notes that the state file needs writing if anything persistent changed (or `force`: a
    /// new key the handler does not know about). Writes are batched: at most one per kSaveEvery
    /// after a login, logout or new key; after mere activity within kActivitySaveEvery.
    void save_state(bool force = false);
    /// Writes the state file now if anything is unsaved (stop() always writes).
    void flush_state();
    static constexpr std::chrono::milliseconds kSaveEvery{500};
    static constexpr std::chrono::milliseconds kActivitySaveEvery{30000};
    void attach(std::uint64_t auth_key_id, const std::shared_ptr<Connection>& c);
    void detach(std::uint64_t auth_key_id, const std::shared_ptr<Connection>& c);
    void deliver(const Push& push);
    void track(const std::shared_ptr<Connection>& c) { all_.insert(c); }
    void untrack(const std::shared_ptr<Connection>& c) { all_.erase(c); }
    /// Open connections (for tests and the connection cap).
    std::size_t connections() const { return all_.size(); }
    /// Connections refused by limits.max_connections since start.
    int refused_connections() const { return refused_; }

  private:
    void accept_on(std::size_t index);
    /// Drops expired temporary keys (the handler's mutex held).
    void forget_expired_keys(std::int64_t now);
    static constexpr std::int64_t kSweepEverySeconds = 60;

    asio::io_context& io_;
    ServeOptions options_;
    std::vector<crypto::RsaPrivateKey> keys_;
    ClusterState state_;
    RpcHandler handler_;
    RequestHandler request_handler_;
    mtproto::Clock clock_;
    std::int64_t salt_ = 0;
    std::atomic<int> handshakes_ = 0;  // read by tests from another thread
    std::atomic<int> refused_ = 0;
    std::atomic<int> forged_404_ = 0;
    bool stopped_ = false;
    asio::steady_timer save_timer_;
    bool unsaved_ = false;  // a change worth saving within kSaveEvery
    bool touched_ = false;  // activity only: within kActivitySaveEvery
    bool save_scheduled_ = false;
    asio::steady_timer::time_point save_due_;
    std::int64_t last_sweep_ = 0;  // server seconds of the last forget_expired_keys
    std::vector<std::unique_ptr<asio::ip::tcp::acceptor>> acceptors_;
    std::map<std::uint64_t, std::set<std::shared_ptr<Connection>>> by_key_;
    std::set<std::shared_ptr<Connection>> all_;
};

}  // namespace tgs::testdc
