#pragma once

#include <span>
#include <string>
#include <vector>

#include "tgs/auth/types.hpp"

namespace tgs::auth {

/// Telegram's own address for a DC (production or test); NET_UNKNOWN_DC otherwise.
Endpoint known_dc_endpoint(int dc_id, bool test_servers, bool ipv6);
/// The PKCS#1 PEM of Telegram's RSA key (production or test servers).
std::vector<std::string> known_rsa_keys(bool test_servers);

}  // namespace tgs::auth
