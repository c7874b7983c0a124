// Where the DCs are: --dc ID=HOST:PORT, --rsa-key PEM and --server-config FILE (the JSON that
// `tgsession-testdc --write-config` writes:
// {"dcs":[{"id","host","port"}],"rsa_public_keys":[...]}).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tgs/auth/types.hpp"

namespace tgsession {

struct ServerConfig {
    std::map<int, tgs::auth::Endpoint> dcs;
    std::vector<std::string> rsa_keys_pem;
};

/// "2=127.0.0.1:4431" or "2=[::1]:443". Throws tgs::Error(errc::server_config_bad_dc).
std::pair<int, tgs::auth::Endpoint> parse_dc_option(const std::string& text);

/// Parses the testdc JSON. Throws tgs::Error(errc::server_config_invalid).
ServerConfig parse_server_config_json(const std::string& json_text);

/// --rsa-key: inline PEM text, or a path to a PEM file. Throws SERVER_CONFIG_RSA_KEY.
std::string load_rsa_key_argument(const std::string& arg);

/// Merges: file first, then --dc and --rsa-key on top (explicit flags win per DC id).
ServerConfig merge_server_config(ServerConfig base, const std::vector<std::string>& dc_flags,
                                 const std::vector<std::string>& rsa_key_flags);

}  // namespace tgsession
