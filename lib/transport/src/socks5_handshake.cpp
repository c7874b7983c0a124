// SOCKS5 client: RFC 1928 (method negotiation, CONNECT, replies) and RFC 1929
// (username/password sub-negotiation). Every constant below is from those two RFCs.
#include <arpa/inet.h>

#include <array>
#include <utility>

#include "framed_codec.hpp"
#include "tgs/transport/errors.hpp"
#include "tgs/transport/proxy_handshake.hpp"

namespace tgs::transport {

namespace {

constexpr std::uint8_t kVersion = 0x05;             // RFC 1928 §3 VER
constexpr std::uint8_t kMethodNone = 0x00;          // §3 NO AUTHENTICATION REQUIRED
constexpr std::uint8_t kMethodUserPass = 0x02;      // §3 USERNAME/PASSWORD (RFC 1929)
constexpr std::uint8_t kMethodNoAcceptable = 0xff;  // §3 NO ACCEPTABLE METHODS
constexpr std::uint8_t kCmdConnect = 0x01;          // §4 CMD CONNECT
constexpr std::uint8_t kAtypIpv4 = 0x01, kAtypDomain = 0x03, kAtypIpv6 = 0x04;  // §4 ATYP
constexpr std::uint8_t kAuthVersion = 0x01;  // RFC 1929 §2 VER of the sub-negotiation

// RFC 1928 §6 REP field.
const char* reply_text(std::uint8_t rep) {
    switch (rep) {
        case 1:
            return "general SOCKS server failure";
        case 2:
            return "connection not allowed by ruleset";
        case 3:
            return "network unreachable";
        case 4:
            return "host unreachable";
        case 5:
            return "connection refused";
        case 6:
            return "TTL expired";
        case 7:
            return "command not supported";
        case 8:
            return "address type not supported";
        default:
            return "unassigned reply code";
    }
}

class Socks5 final : public ProxyHandshake {
  public:
    Socks5(ProxyTarget target, ProxyCredentials creds)
        : target_(std::move(target)), creds_(std::move(creds)) {
        // Offer user/pass only when we have them: a proxy that requires them then answers
        // "no acceptable methods", which we report as an authentication refusal.
        if (creds_.username.empty()) {
            output_ = {kVersion, 1, kMethodNone};
        } else {
            output_ = {kVersion, 2, kMethodNone, kMethodUserPass};
        }
    }

    void feed(ByteView chunk) override {
        if (done_) {
            leftover_.insert(leftover_.end(), chunk.begin(), chunk.end());
            return;
        }
        in_.insert(in_.end(), chunk.begin(), chunk.end());
        for (bool progress = true; progress && !done_;) progress = step();
        if (done_) {
            leftover_ = std::move(in_);
            in_.clear();
        }
    }

  private:
    enum class State { Method, Auth, Reply };

    // Handles one complete answer at the front of in_; false when more bytes are needed.
    bool step() {
        switch (state_) {
            case State::Method:
                return on_method();
            case State::Auth:
                return on_auth();
            case State::Reply:
                return on_reply();
        }
        return false;
    }

    bool on_method() {
        if (in_.size() < 2) return false;
        if (in_[0] != kVersion)
            detail::fail(errc::proxy_protocol, "the proxy does not speak SOCKS5");
        const std::uint8_t method = in_[1];
        consume(2);
        if (method == kMethodNone) {
            send_connect();
        } else if (method == kMethodUserPass && !creds_.username.empty()) {
            // RFC 1929 §2: VER ULEN UNAME PLEN PASSWD (lengths checked when parsing the URL).
            output_.push_back(kAuthVersion);
            output_.push_back(static_cast<std::uint8_t>(creds_.username.size()));
            output_.insert(output_.end(), creds_.username.begin(), creds_.username.end());
            output_.push_back(static_cast<std::uint8_t>(creds_.password.size()));
            output_.insert(output_.end(), creds_.password.begin(), creds_.password.end());
            state_ = State::Auth;
        } else if (method == kMethodNoAcceptable || method == kMethodUserPass) {
            detail::fail(errc::proxy_auth_refused,
                         creds_.username.empty()
                             ? "the SOCKS5 proxy requires a user name and password"
                             : "the SOCKS5 proxy accepts none of our authentication methods");
        } else {
            detail::fail(errc::proxy_protocol, "the SOCKS5 proxy chose a method we did not offer");
        }
        return true;
    }

    bool on_auth() {
        if (in_.size() < 2) return false;
        // RFC 1929 §2: VER STATUS, 0 = success. Some servers answer VER 5 here; accept both.
        const std::uint8_t status = in_[1];
        consume(2);
        if (status != 0) {
            detail::fail(errc::proxy_auth_refused,
                         "the SOCKS5 proxy refused the user name or password");
        }
        send_connect();
        return true;
    }

    bool on_reply() {
        // RFC 1928 §6: VER REP RSV ATYP BND.ADDR BND.PORT
        if (in_.size() < 5) return false;
        if (in_[0] != kVersion) detail::fail(errc::proxy_protocol, "malformed SOCKS5 reply");
        if (in_[1] != 0) {
            detail::fail(errc::proxy_connect_refused,
                         "the SOCKS5 proxy could not connect to " + target_.host + ":" +
                             std::to_string(target_.port) + ": " + reply_text(in_[1]) + " (reply " +
                             std::to_string(in_[1]) + ")");
        }
        std::size_t addr_len = 0;
        switch (in_[3]) {
            case kAtypIpv4:
                addr_len = 4;
                break;
            case kAtypIpv6:
                addr_len = 16;
                break;
            case kAtypDomain:
                addr_len = 1 + static_cast<std::size_t>(in_[4]);
                break;
            default:
                detail::fail(errc::proxy_protocol, "malformed SOCKS5 reply (address type)");
        }
        const std::size_t total = 4 + addr_len + 2;
        if (in_.size() < total) return false;
        consume(total);
        done_ = true;
        return true;
    }

    void send_connect() {
        output_.insert(output_.end(), {kVersion, kCmdConnect, 0x00});
        std::array<std::uint8_t, 16> addr{};
        if (inet_pton(AF_INET, target_.host.c_str(), addr.data()) == 1) {
            output_.push_back(kAtypIpv4);
            output_.insert(output_.end(), addr.begin(), addr.begin() + 4);
        } else if (inet_pton(AF_INET6, target_.host.c_str(), addr.data()) == 1) {
            output_.push_back(kAtypIpv6);
            output_.insert(output_.end(), addr.begin(), addr.end());
        } else {
            if (target_.host.size() > 255)
                detail::fail(errc::proxy_protocol, "target name too long");
            output_.push_back(kAtypDomain);
            output_.push_back(static_cast<std::uint8_t>(target_.host.size()));
            output_.insert(output_.end(), target_.host.begin(), target_.host.end());
        }
        output_.push_back(static_cast<std::uint8_t>(target_.port >> 8));  // network order
        output_.push_back(static_cast<std::uint8_t>(target_.port & 0xff));
        state_ = State::Reply;
    }

    void consume(std::size_t n) { in_.erase(in_.begin(), in_.begin() + static_cast<long>(n)); }

    ProxyTarget target_;
    ProxyCredentials creds_;
    State state_ = State::Method;
    Bytes in_;
};

}  // namespace

std::unique_ptr<ProxyHandshake> make_socks5_handshake(ProxyTarget target,
                                                      ProxyCredentials credentials) {
    return std::make_unique<Socks5>(std::move(target), std::move(credentials));
}

}  // namespace tgs::transport
