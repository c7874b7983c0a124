// The test DC as an MTProxy (tgsession-testdc --mtproxy SECRET): one more listening port in
// front of the DCs. A client's obfuscated2 header (or fake-TLS hello, for `ee` secrets) is
// checked against the secrets, the DC it names is looked up, and its packets are relayed to
// that DC's port and back. Like real MTProxy servers it never answers a wrong secret as
// Telegram would: an obfuscated2 header that no secret decrypts is read and ignored until the
// client gives up, and a TLS hello that no secret signed gets a TLS answer that does not verify
// (standing in for the real web server such proxies forward it to). Fake-TLS hellos must name
// the secret's domain (SNI), carry a time within the window and must not repeat (refused the
// same way otherwise).
//
// Threading: runs on the caller's io_context; start() and stop() on its thread or while it is
// not running.
#pragma once

#include <asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tgs/transport/proxy_secret.hpp"

namespace tgs::testdc {

struct MtProxyOptions {
    std::string host = "127.0.0.1";
    int port = 0;  // 0: the OS picks
    std::vector<transport::ProxySecret> secrets;
    /// Under a dd secret, accept padded intermediate only (mtprotoproxy's "secure" mode, the
    /// official server's --random-padding-only). Off, as the official server by default: any
    /// framing the header names (GramJS 2.26 keeps speaking abridged under a dd secret).
    bool padded_only = false;
    /// DC id (1, 2, ...) -> the DC's host and port. Ids in the header may carry +10000 (test
    /// DCs) and a minus sign (media DCs); both map to the same DC here.
    std::map<int, std::pair<std::string, int>> dcs;
    /// Accepted client clock offsets (seconds, server − client) for fake-TLS hellos:
    /// mtprotoproxy's TIME_SKEW_MIN/MAX (−20 min, +10 min).
    std::int64_t skew_min = -20 * 60;
    std::int64_t skew_max = 10 * 60;
    /// Unix time source (tests move it); empty = the system clock.
    std::function<std::int64_t()> now;
    /// One line per connection outcome; empty = silent.
    std::function<void(const std::string&)> log;
};

class MtProxyServer {
  public:
    MtProxyServer(asio::io_context& io, MtProxyOptions options);
    ~MtProxyServer();
    MtProxyServer(const MtProxyServer&) = delete;
    MtProxyServer& operator=(const MtProxyServer&) = delete;

    /// Binds and starts accepting; port() is known afterwards.
    void start();
    /// Closes the acceptor and every relayed connection. Idempotent.
    void stop();
    int port() const;
    const MtProxyOptions& options() const;
    /// {"host":H,"port":P,"secrets":["<hex>", ...]} for the ready line and --write-config.
    std::string json() const;

    struct State;

  private:
    std::shared_ptr<State> state_;
};

}  // namespace tgs::testdc
