#pragma once

#include <span>
#include <string>
#include <vector>

#include "tgs/auth/types.hpp"
#include "tgs/session/session_data.hpp"

namespace tgs::auth {

/// Telegram's own address for a DC (production or test); NET_UNKNOWN_DC otherwise.
Endpoint known_dc_endpoint(int dc_id, bool test_servers, bool ipv6);
/// Where to connect for `dc_id`: the user's --dc/--server-config/config-file address, else the
/// session file's own address if it is Telegram's or one of the user's, else Telegram's address
/// for the DC (telling config.on_note that the file's address was ignored).
Endpoint choose_endpoint(int dc_id, const ClientConfig& config, const session::SessionData& data);
/// The PKCS#1 PEM of Telegram's RSA key (production or test servers).
std::vector<std::string> known_rsa_keys(bool test_servers);

}  // namespace tgs::auth
