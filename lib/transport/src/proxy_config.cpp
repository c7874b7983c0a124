#include "tgs/transport/proxy_config.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

#include "tgs/error.hpp"
#include "tgs/transport/errors.hpp"

namespace tgs::transport {

namespace {

// Messages name the part that is wrong but never echo the URL: it may hold a password.
[[noreturn]] void bad_url(const std::string& why) {
    throw Error(errc::proxy_bad_url, "bad proxy URL: " + why);
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// RFC 3986 §2.1 percent-decoding. '+' stays '+': standard-base64 secrets contain it.
std::string percent_decode(std::string_view s, const char* what) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out.push_back(s[i]);
            continue;
        }
        if (i + 2 >= s.size() || hex_value(s[i + 1]) < 0 || hex_value(s[i + 2]) < 0) {
            bad_url(std::string("broken %-escape in the ") + what);
        }
        out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
        i += 2;
    }
    return out;
}

int parse_port(std::string_view text) {
    int port = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || port < 1 ||
        port > 65535) {
        bad_url("the port must be a number from 1 to 65535");
    }
    return port;
}

// host, [v6], host:port, [v6]:port
void parse_host_port(std::string_view hp, ProxyConfig& c, int default_port) {
    std::string_view port_text;
    if (!hp.empty() && hp.front() == '[') {
        const auto close = hp.find(']');
        if (close == std::string_view::npos) bad_url("unclosed '[' in the host");
        c.host = std::string(hp.substr(1, close - 1));
        auto rest = hp.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') bad_url("junk after the IPv6 address");
            port_text = rest.substr(1);
        }
    } else {
        const auto colon = hp.rfind(':');
        c.host = std::string(hp.substr(0, colon));
        if (colon != std::string_view::npos) port_text = hp.substr(colon + 1);
    }
    if (c.host.empty()) bad_url("no host");
    c.port = port_text.empty() ? default_port : parse_port(port_text);
    if (c.port == 0) bad_url("no port");
}

ProxyConfig parse_authority_url(std::string_view rest, ProxyKind kind, int default_port) {
    ProxyConfig c;
    c.kind = kind;
    const auto end = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, end);
    if (end != std::string_view::npos && rest.substr(end) != "/") {
        bad_url("a proxy URL has no path or query");
    }
    const auto at = authority.rfind('@');
    if (at != std::string_view::npos) {
        auto userinfo = authority.substr(0, at);
        authority = authority.substr(at + 1);
        const auto colon = userinfo.find(':');
        c.username = percent_decode(userinfo.substr(0, colon), "user name");
        if (colon != std::string_view::npos) {
            c.password = percent_decode(userinfo.substr(colon + 1), "password");
        }
        if (c.username.empty()) bad_url("empty user name before '@'");
        // RFC 1929 §2: ULEN and PLEN are one byte each.
        if (kind == ProxyKind::Socks5 && (c.username.size() > 255 || c.password.size() > 255)) {
            bad_url("SOCKS5 user name and password are limited to 255 bytes each");
        }
    }
    parse_host_port(authority, c, default_port);
    return c;
}

std::map<std::string, std::string> parse_query(std::string_view q) {
    std::map<std::string, std::string> out;
    while (!q.empty()) {
        const auto amp = q.find('&');
        auto pair = q.substr(0, amp);
        q = amp == std::string_view::npos ? std::string_view{} : q.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        auto key = lower(percent_decode(pair.substr(0, eq), "query"));
        out[key] = eq == std::string_view::npos ? std::string{}
                                                : percent_decode(pair.substr(eq + 1), "query");
    }
    return out;
}

// tg://proxy?server=&port=&secret= (MTProxy) and tg://socks?server=&port=&user=&pass=, the
// link forms Telegram apps open; https://t.me/proxy?... and /socks?... are the web forms.
ProxyConfig parse_link(std::string_view what, std::string_view query) {
    auto params = parse_query(query);
    ProxyConfig c;
    if (what == "proxy") {
        c.kind = ProxyKind::MtProxy;
    } else if (what == "socks") {
        c.kind = ProxyKind::Socks5;
        c.username = params["user"];
        c.password = params["pass"];
    } else {
        bad_url("a Telegram link must be proxy?... or socks?...");
    }
    c.host = params["server"];
    if (c.host.size() > 2 && c.host.front() == '[' && c.host.back() == ']') {
        c.host = c.host.substr(1, c.host.size() - 2);
    }
    if (c.host.empty()) bad_url("the link has no server=");
    if (params["port"].empty()) bad_url("the link has no port=");
    c.port = parse_port(params["port"]);
    if (c.kind == ProxyKind::MtProxy) {
        if (params["secret"].empty()) bad_url("the MTProxy link has no secret=");
        c.secret = parse_proxy_secret_text(params["secret"]);
    }
    return c;
}

}  // namespace

std::string join_host_port(const std::string& host, int port) {
    const bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string ProxyConfig::endpoint() const {
    return join_host_port(host, port);
}

std::string ProxyConfig::describe() const {
    switch (kind) {
        case ProxyKind::Socks5:
            return std::string(remote_dns ? "socks5h" : "socks5") + " proxy " + endpoint();
        case ProxyKind::Http:
            return "HTTP proxy " + endpoint();
        case ProxyKind::MtProxy:
            break;
    }
    std::string mode = "plain secret";
    if (secret && secret->kind == ProxySecretKind::Secured) mode = "dd secret";
    if (secret && secret->kind == ProxySecretKind::FakeTls)
        mode = "fake-TLS, SNI " + secret->domain;
    return "MTProxy " + endpoint() + " (" + mode + ")";
}

ProxyConfig parse_proxy_url(std::string_view url) {
    const auto sep = url.find("://");
    if (sep == std::string_view::npos) bad_url("expected scheme://...");
    const std::string scheme = lower(url.substr(0, sep));
    const std::string_view rest = url.substr(sep + 3);
    // Default ports: 1080 is SOCKS' IANA port (RFC 1928 §3); HTTP proxies have none, so
    // http:// without a port means 80 as in any http URL.
    if (scheme == "socks5" || scheme == "socks5h") {
        auto c = parse_authority_url(rest, ProxyKind::Socks5, 1080);
        c.remote_dns = scheme == "socks5h";
        return c;
    }
    if (scheme == "http") return parse_authority_url(rest, ProxyKind::Http, 80);
    if (scheme == "tg") {
        const auto q = rest.find('?');
        return parse_link(lower(rest.substr(0, q)),
                          q == std::string_view::npos ? std::string_view{} : rest.substr(q + 1));
    }
    if (scheme == "https") {
        const auto q = rest.find('?');
        const std::string path = lower(rest.substr(0, q));
        for (const char* host : {"t.me/", "telegram.me/", "www.t.me/"}) {
            const std::string h(host);
            if (path.rfind(h, 0) == 0) {
                return parse_link(path.substr(h.size()), q == std::string_view::npos
                                                             ? std::string_view{}
                                                             : rest.substr(q + 1));
            }
        }
        bad_url("https:// proxy links must be https://t.me/proxy?...");
    }
    bad_url("unsupported scheme '" + scheme + "' (socks5, socks5h, http, tg, https://t.me)");
}

}  // namespace tgs::transport
