// HTTP CONNECT client: RFC 9110 §9.3.6 (CONNECT host:port, 2xx = tunnel established),
// §15.5.8 (407 Proxy Authentication Required) and RFC 7617 (Basic credentials).
#include <string_view>
#include <utility>

#include "tgs/error.hpp"
#include "tgs/transport/errors.hpp"
#include "tgs/transport/proxy_config.hpp"
#include "tgs/transport/proxy_handshake.hpp"

namespace tgs::transport {

namespace {

// An answer head larger than this is not a proxy talking to us.
constexpr std::size_t kMaxHead = 16 * 1024;

class HttpConnect final : public ProxyHandshake {
  public:
    HttpConnect(ProxyTarget target, const ProxyCredentials& creds)
        : target_(join_host_port(target.host, target.port)),
          authenticated_(!creds.username.empty()) {
        std::string req = "CONNECT " + target_ + " HTTP/1.1\r\nHost: " + target_ + "\r\n";
        if (authenticated_) {
            const std::string pair = creds.username + ":" + creds.password;
            req += "Proxy-Authorization: Basic " + base64_encode(as_bytes(pair)) + "\r\n";
        }
        req += "\r\n";
        output_.assign(req.begin(), req.end());
    }

    void feed(ByteView chunk) override {
        if (done_) {
            leftover_.insert(leftover_.end(), chunk.begin(), chunk.end());
            return;
        }
        in_.insert(in_.end(), chunk.begin(), chunk.end());
        const std::string_view text(reinterpret_cast<const char*>(in_.data()), in_.size());
        const auto end = text.find("\r\n\r\n");
        if (end == std::string_view::npos) {
            if (in_.size() > kMaxHead) {
                throw Error(errc::proxy_protocol, "the HTTP proxy's answer has no end of header");
            }
            return;
        }
        check_status(text.substr(0, text.find("\r\n")));
        leftover_.assign(in_.begin() + static_cast<long>(end + 4), in_.end());
        in_.clear();
        done_ = true;
    }

  private:
    // Status line: HTTP/1.x SP 3DIGIT SP reason (RFC 9112 §4).
    void check_status(std::string_view line) {
        if (line.size() < 12 || line.substr(0, 5) != "HTTP/" || line[8] != ' ') {
            throw Error(errc::proxy_protocol, "the proxy did not answer with HTTP");
        }
        const std::string code(line.substr(9, 3));
        if (code[0] == '2') return;
        std::string reason(line.substr(std::min<std::size_t>(line.size(), 13)));
        if (reason.size() > 80) reason.resize(80);
        for (char& c : reason) {
            if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e)
                c = '?';
        }
        const std::string status = code + (reason.empty() ? "" : " " + reason);
        // 407 is the proxy's own challenge (RFC 9110 §15.5.8); tinyproxy 1.11 answers a bad
        // Proxy-Authorization with 401 instead, so both mean "credentials refused".
        if (code == "407" || code == "401") {
            throw Error(
                errc::proxy_auth_refused,
                std::string(authenticated_ ? "the HTTP proxy refused the user name or password"
                                           : "the HTTP proxy requires a user name and password") +
                    " (" + status + ")");
        }
        throw Error(errc::proxy_connect_refused,
                    "the HTTP proxy refused CONNECT " + target_ + " with status " + status);
    }

    std::string target_;
    bool authenticated_;
    Bytes in_;
};

}  // namespace

std::string base64_encode(ByteView data) {
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 3 <= data.size(); i += 3) {
        const std::uint32_t v = static_cast<std::uint32_t>(data[i]) << 16 |
                                static_cast<std::uint32_t>(data[i + 1]) << 8 | data[i + 2];
        for (int s = 18; s >= 0; s -= 6) out.push_back(kAlphabet[(v >> s) & 63]);
    }
    const std::size_t rest = data.size() - i;
    if (rest > 0) {
        std::uint32_t v = static_cast<std::uint32_t>(data[i]) << 16;
        if (rest == 2) v |= static_cast<std::uint32_t>(data[i + 1]) << 8;
        out.push_back(kAlphabet[(v >> 18) & 63]);
        out.push_back(kAlphabet[(v >> 12) & 63]);
        out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
        out.push_back('=');
    }
    return out;
}

std::unique_ptr<ProxyHandshake> make_http_connect_handshake(ProxyTarget target,
                                                            ProxyCredentials credentials) {
    return std::make_unique<HttpConnect>(std::move(target), credentials);
}

}  // namespace tgs::transport
