// Telegram's published DC addresses and RSA public keys (facts from tdlib's
// ConnectionCreator.cpp / PublicRsaKeySharedMain.cpp, see shared/reference/notes/PROTOCOL.md §6).
#include "known_dcs.hpp"

#include "tgs/auth/errors.hpp"
#include "tgs/error.hpp"

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
    struct Row {
        int id;
        const char* v4;
        const char* v6;
    };
    static constexpr Row production[] = {{1, "149.154.175.50", "2001:b28:f23d:f001::a"},
                                         {2, "149.154.167.51", "2001:67c:4e8:f002::a"},
                                         {3, "149.154.175.100", "2001:b28:f23d:f003::a"},
                                         {4, "149.154.167.91", "2001:67c:4e8:f004::a"},
                                         {5, "149.154.171.5", "2001:b28:f23f:f005::a"}};
    static constexpr Row test[] = {{1, "149.154.175.10", "2001:b28:f23d:f001::e"},
                                   {2, "149.154.167.40", "2001:67c:4e8:f002::e"},
                                   {3, "149.154.175.117", "2001:b28:f23d:f003::e"}};
    for (const Row& row :
         test_servers ? std::span<const Row>(test) : std::span<const Row>(production)) {
        if (row.id == dc_id) return Endpoint{ipv6 ? row.v6 : row.v4, 443};
    }
    throw Error(errors::kUnknownDc, "no address known for DC " + std::to_string(dc_id) +
                                        "; give one with --dc ID=HOST:PORT");
}

std::vector<std::string> known_rsa_keys(bool test_servers) {
    return {test_servers ? kTestKey : kProductionKey};
}

}  // namespace tgs::auth
