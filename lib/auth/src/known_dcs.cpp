// Telegram's RSA public keys (facts from tdlib's PublicRsaKeySharedMain.cpp, see
// docs/protocol.md §6), its DC addresses (lib/session's table) and which
// address a connection uses.
#include "known_dcs.hpp"

#include "tgs/auth/errors.hpp"
#include "tgs/error.hpp"
#include "tgs/session/session_data.hpp"

namespace tgs::auth {

namespace {

constexpr const char* kProductionKey =
    "-----BEGIN RSA PUBLIC KEY-----\n"
    "MIIBCgKCAQEA6LszBcC1LGzyr992NzE0ieY+BSaOW622Aa9Bd4ZHLl+TuFQ4lo4g\n"
    "5nKaMBwK/BIb9xUfg0Q29/2mgIR6Zr9krM7HjuIcCzFvDtr+L0GQjae9H0pRB2OO\n"
    "62cECs5HKhT5DZ98K33vmWiLowc621dQuwKWSQKjWf50XYFw42h21P2KXUGyp2y/\n"
    "+aEyZ+uVgLLQbRA1dEjSDZ2iGRy12Mk5gpYc397aYp438fsJoHIgJ2lgMv5h7WY9\n"
    "t6N/byY9Nw9p21Og3AoXSL2q/2IJ1WRUhebgAdGVMlV1fkuOQoEzR7EdpqtQD9Cs\n"
    "5+bfo3Nhmcyvk5ftB0WkJ9z6bNZ7yxrP8wIDAQAB\n"
    "-----END RSA PUBLIC KEY-----\n";

constexpr const char* kTestKey =
    "-----BEGIN RSA PUBLIC KEY-----\n"
    "MIIBCgKCAQEAyMEdY1aR+sCR3ZSJrtztKTKqigvO/vBfqACJLZtS7QMgCGXJ6XIR\n"
    "yy7mx66W0/sOFa7/1mAZtEoIokDP3ShoqF4fVNb6XeqgQfaUHd8wJpDWHcR2OFwv\n"
    "plUUI1PLTktZ9uW2WE23b+ixNwJjJGwBDJPQEQFBE+vfmH0JP503wr5INS1poWg/\n"
    "j25sIWeYPHYeOrFp/eXaqhISP6G+q2IeTaWTXpwZj4LzXq5YOpk4bYEQ6mvRq7D1\n"
    "aHWfYmlEGepfaYR8Q0YqvvhYtMte3ITnuSJs171+GDqpdKcSwHnd6FudwGO4pcCO\n"
    "j4WcDuXc2CTHgH8gFTNhp/Y8/SpDOhvn9QIDAQAB\n"
    "-----END RSA PUBLIC KEY-----\n";

}  // namespace

Endpoint known_dc_endpoint(int dc_id, bool test_servers, bool ipv6) {
    // One table for the whole project: lib/session's (it also fills in Pyrogram's addresses).
    try {
        return session::default_endpoint(dc_id, test_servers, ipv6);
    } catch (const Error& e) {
        throw Error(errc::unknown_dc, e.what());
    }
}

Endpoint choose_endpoint(int dc_id, const ClientConfig& config, const session::SessionData& data) {
    if (auto it = config.dcs.find(dc_id); it != config.dcs.end()) return it->second;
    const bool from_file = dc_id == data.dc_id && !data.server_address.empty() && data.port != 0;
    if (!from_file) return known_dc_endpoint(dc_id, config.test_servers, config.prefer_ipv6);
    // A session file is often someone else's (sessions are traded): its address is used only when
    // it is Telegram's or one the user configured, or the phone number, code and 2FA proof of a
    // login would go to whoever the file names.
    bool trusted = session::is_known_dc_host(data.server_address);
    for (const auto& [id, ep] : config.dcs) {
        trusted = trusted || (ep.host == data.server_address && ep.port == data.port);
    }
    if (trusted) return Endpoint{data.server_address, data.port};
    Endpoint known = known_dc_endpoint(dc_id, config.test_servers, config.prefer_ipv6);
    if (config.on_note) {
        config.on_note("note: the session file names " + data.server_address + ":" +
                       std::to_string(data.port) + " for DC " + std::to_string(dc_id) +
                       ", which is not a Telegram address; using " + known.host + ":" +
                       std::to_string(known.port) +
                       " (name a server with --dc or --server-config)");
    }
    return known;
}

std::vector<std::string> known_rsa_keys(bool test_servers) {
    return {test_servers ? kTestKey : kProductionKey};
}

}  // namespace tgs::auth
