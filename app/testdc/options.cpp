#include "options.hpp"

#include <CLI/CLI.hpp>

#include "tgs/error.hpp"

namespace tgs::testdc::app {

void apply_fault(Faults& faults, const std::string& spec) {
    const auto eq = spec.find('=');
    const std::string name = spec.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : spec.substr(eq + 1);
    auto number = [&]() -> std::int64_t {
        try {
            std::size_t used = 0;
            auto v = std::stoll(value, &used);
            if (used == value.size()) return v;
        } catch (const std::exception&) {
        }
        throw Error("FAULT_INVALID", "--fault " + name + " needs a number");
    };
    if (name == "drop-after") {
        faults.drop_after = static_cast<int>(number());
    } else if (name == "garbage") {
        faults.garbage = true;
    } else if (name == "wrong-msg-key") {
        faults.wrong_msg_key = true;
    } else if (name == "bad-dh-prime") {
        faults.bad_dh_prime = true;
    } else if (name == "bad-g") {
        faults.bad_g = true;
    } else if (name == "clock-skew") {
        faults.clock_skew = number();
    } else {
        throw Error("FAULT_INVALID", "unknown --fault '" + name + "'");
    }
}

std::optional<Options> parse_options(int argc, char** argv, int& exit_code) {
    Options o;
    std::vector<std::string> faults;
    CLI::App cli{"tgsession-testdc: a local multi-DC Telegram test server"};
    cli.add_option("--dcs", o.dcs, "number of DCs (DC n listens on port+n-1)")
        ->check(CLI::Range(1, 5));
    cli.add_option("--host", o.host, "address to listen on (IPv4 or ::1)");
    cli.add_option("--port", o.port, "port of DC 1 (0: free ports)")->check(CLI::Range(0, 65535));
    cli.add_option("--key", o.key_file, "RSA private key PEM (generated and saved if missing)");
    cli.add_option("--accounts", o.accounts_file, "accounts JSON (default: 99966XYYYY convention)");
    cli.add_option("--state", o.state_file, "persist auth keys and logins here (JSON, 0600)");
    cli.add_option("--write-config", o.write_config, "write {dcs, rsa_public_keys} JSON here");
    cli.add_option("--latency-ms", o.latency_ms, "delay every server packet")
        ->check(CLI::Range(0, 60000));
    cli.add_option("--code-ttl", o.code_ttl, "login code lifetime in seconds");
    cli.add_option("--flood-after", o.flood_after,
                   "FLOOD_WAIT after N sendCode per phone (0: off)");
    cli.add_option("--flood-wait", o.flood_wait, "seconds in FLOOD_WAIT_X");
    cli.add_option("--fresh-reset", o.fresh_reset,
                   "authorizations younger than this (s) cannot resetAuthorizations");
    cli.add_option("--fault", faults,
                   "drop-after=N | garbage | wrong-msg-key | bad-dh-prime | bad-g | clock-skew=S");
    cli.add_flag("-v,--verbose", o.verbose, "log more to stderr (repeatable)");
    try {
        cli.parse(argc, argv);
        for (const auto& f : faults) apply_fault(o.faults, f);
    } catch (const CLI::ParseError& e) {
        exit_code = cli.exit(e);
        return std::nullopt;
    } catch (const Error& e) {
        std::fprintf(stderr, "tgsession-testdc: %s\n", e.what());
        exit_code = 2;
        return std::nullopt;
    }
    return o;
}

}  // namespace tgs::testdc::app
