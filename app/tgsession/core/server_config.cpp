#include "server_config.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "errors.hpp"
#include "tgs/error.hpp"

namespace tgsession {
namespace {

int parse_int(const std::string& s, int lo, int hi, const char* code, const std::string& what) {
    std::size_t used = 0;
    int v = 0;
    try {
        v = std::stoi(s, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != s.size() || v < lo || v > hi) {
        throw tgs::Error(code, "invalid " + what + " '" + s + "'");
    }
    return v;
}

}  // namespace

std::pair<int, tgs::auth::Endpoint> parse_dc_option(const std::string& text) {
    constexpr const char* kCode = errc::server_config_bad_dc;
    const auto eq = text.find('=');
    if (eq == std::string::npos) {
        throw tgs::Error(kCode, "--dc wants ID=HOST:PORT, got '" + text + "'");
    }
    const int id = parse_int(text.substr(0, eq), 1, 1000000, kCode, "DC id");
    std::string rest = text.substr(eq + 1);
    tgs::auth::Endpoint ep;
    std::string port;
    if (!rest.empty() && rest.front() == '[') {  // [IPv6]:port
        const auto close = rest.find(']');
        if (close == std::string::npos || close + 1 >= rest.size() || rest[close + 1] != ':') {
            throw tgs::Error(kCode, "--dc wants ID=[IPV6]:PORT, got '" + text + "'");
        }
        ep.host = rest.substr(1, close - 1);
        port = rest.substr(close + 2);
    } else {
        const auto colon = rest.rfind(':');
        if (colon == std::string::npos || rest.find(':') != colon) {
            throw tgs::Error(kCode, "--dc wants ID=HOST:PORT, got '" + text + "'");
        }
        ep.host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
    }
    if (ep.host.empty()) throw tgs::Error(kCode, "--dc has an empty host: '" + text + "'");
    ep.port = parse_int(port, 1, 65535, kCode, "port");
    return {id, ep};
}

ServerConfig parse_server_config_json(const std::string& json_text) {
    constexpr const char* kCode = errc::server_config_invalid;
    ServerConfig out;
    try {
        const auto j = nlohmann::json::parse(json_text);
        for (const auto& dc : j.at("dcs")) {
            tgs::auth::Endpoint ep;
            ep.host = dc.at("host").get<std::string>();
            ep.port = dc.at("port").get<int>();
            out.dcs[dc.at("id").get<int>()] = ep;
        }
        if (j.contains("rsa_public_keys")) {
            for (const auto& k : j.at("rsa_public_keys")) {
                out.rsa_keys_pem.push_back(k.get<std::string>());
            }
        }
    } catch (const nlohmann::json::exception& e) {
        throw tgs::Error(kCode, std::string("server config: ") + e.what());
    }
    if (out.dcs.empty()) throw tgs::Error(kCode, "server config lists no DCs");
    return out;
}

std::string load_rsa_key_argument(const std::string& arg) {
    if (arg.find("-----BEGIN") != std::string::npos) return arg;
    std::ifstream in(arg);
    if (!in) throw tgs::Error(errc::server_config_rsa_key, "cannot read RSA key file " + arg);
    std::stringstream buf;
    buf << in.rdbuf();
    std::string pem = buf.str();
    if (pem.find("-----BEGIN") == std::string::npos) {
        throw tgs::Error(errc::server_config_rsa_key, arg + " holds no PEM key");
    }
    return pem;
}

ServerConfig merge_server_config(ServerConfig base, const std::vector<std::string>& dc_flags,
                                 const std::vector<std::string>& rsa_key_flags) {
    for (const auto& d : dc_flags) {
        auto [id, ep] = parse_dc_option(d);
        base.dcs[id] = ep;
    }
    for (const auto& k : rsa_key_flags) base.rsa_keys_pem.push_back(load_rsa_key_argument(k));
    return base;
}

}  // namespace tgsession
