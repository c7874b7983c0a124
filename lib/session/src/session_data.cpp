#include "tgs/session/session_data.hpp"

#include <array>

#include "tgs/error.hpp"
#include "tgs/resource_error.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session {
namespace {
// The one table of Telegram's DC addresses (lib/auth connects with it, the stores fill in
// addresses for formats that keep only the DC id). Primary addresses are those Pyrogram and
// Telethon write into session files; `alias` is tdlib's/tdesktop's address for the same DC
// (docs/protocol.md §6), also Telegram's, so a file naming it is trusted.
// Port 443 for both networks: tdlib connects to the test DCs on 443 too (they also answer 80).
struct KnownDc {
    int id;
    const char* v4;
    const char* v6;
    const char* alias;  // another IPv4 address of this DC, or nullptr
};
constexpr std::array<KnownDc, 6> kProd{{
    {1, "149.154.175.53", "2001:b28:f23d:f001::a", "149.154.175.50"},
    {2, "149.154.167.51", "2001:67c:4e8:f002::a", "95.161.76.100"},
    {3, "149.154.175.100", "2001:b28:f23d:f003::a", nullptr},
    {4, "149.154.167.91", "2001:67c:4e8:f004::a", nullptr},
    {5, "91.108.56.130", "2001:b28:f23f:f005::a", "149.154.171.5"},
    {203, "91.105.192.100", "2a0a:f280:203:a:5000::100", nullptr},
}};
constexpr std::array<KnownDc, 3> kTest{{
    {1, "149.154.175.10", "2001:b28:f23d:f001::e", nullptr},
    {2, "149.154.167.40", "2001:67c:4e8:f002::e", nullptr},
    {3, "149.154.175.117", "2001:b28:f23d:f003::e", nullptr},
}};
constexpr int kPort = 443;
}  // namespace

Endpoint default_endpoint(int dc_id, bool test_mode, bool ipv6) {
    auto find = [&](const auto& table) -> std::optional<Endpoint> {
        for (const auto& dc : table) {
            if (dc.id == dc_id) return Endpoint{ipv6 ? dc.v6 : dc.v4, kPort};
        }
        return std::nullopt;
    };
    auto ep = test_mode ? find(kTest) : find(kProd);
    if (!ep) {
        throw Error(std::string(errc::unknown_dc),
                    "no known address for " + std::string(test_mode ? "test " : "") + "DC " +
                        std::to_string(dc_id) + "; give one with --dc ID=HOST:PORT");
    }
    return *ep;
}

bool is_known_dc_host(std::string_view host) {
    auto in = [&](const auto& table) {
        for (const auto& dc : table) {
            if (host == dc.v4 || host == dc.v6 || (dc.alias && host == dc.alias)) return true;
        }
        return false;
    };
    return in(kProd) || in(kTest);
}

}  // namespace tgs::session
