#include "options.hpp"

#include <CLI/CLI.hpp>

#include "tgs/error.hpp"
#include "tgs/testdc/errors.hpp"

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
        throw Error(errc::fault_invalid, "--fault " + name + " needs a number");
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
    } else if (name == "forge-404") {
        faults.forge_404 = static_cast<int>(number());
    } else {
        throw Error(errc::fault_invalid, "unknown --fault '" + name + "'");
    }
}

std::optional<Options> parse_options(int argc, char** argv, int& exit_code) {
    Options o;
    std::vector<std::string> faults;
    std::string state_file;
    CLI::App cli{
        "tgsession-testdc: a local multi-DC Telegram test server (MTProto 2.0, layers 144, 198 "
        "and 228)"};
    cli.footer(
        "When every DC listens, one JSON line is printed on stdout:\n"
        "  {\"event\":\"ready\",\"dcs\":[{\"id\":1,\"host\":\"127.0.0.1\",\"port\":N},...],"
        "\"rsa_public_keys\":[\"-----BEGIN RSA PUBLIC KEY-----...\"]}\n"
        "--write-config writes the same without \"event\". Without --accounts, 99966XYYYY is a "
        "user on DC X whose code is X five times.\n"
        "SIGINT/SIGTERM stop the server cleanly (the --state file is saved).");
    cli.add_option("--dcs", o.serve.dc_count, "number of DCs to serve; DC n listens on port+n-1")
        ->check(CLI::Range(1, 5))
        ->capture_default_str();
    cli.add_option("--host", o.serve.host, "address to listen on: an IPv4 address or ::1")
        ->capture_default_str();
    cli.add_option("--port", o.serve.base_port,
                   "port of DC 1 (DC n gets port+n-1); 0 picks a free port per DC")
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    cli.add_option("--key", o.key_file,
                   "RSA private key PEM file; generated (2048 bits) and saved there if missing; "
                   "without it a fresh key is made every run");
    cli.add_option("--accounts", o.accounts_file,
                   "accounts JSON ({\"users\":[...],\"bots\":[...]}); default: the 99966XYYYY "
                   "convention");
    cli.add_option("--state", state_file,
                   "JSON file (mode 0600) keeping auth keys and logins across restarts");
    cli.add_option("--write-config", o.write_config,
                   "write {\"dcs\":[...],\"rsa_public_keys\":[...]} JSON here once listening");
    cli.add_option("--latency-ms", o.serve.latency_ms,
                   "delay every packet the server sends by this many milliseconds")
        ->check(CLI::Range(0, 60000))
        ->capture_default_str();
    cli.add_option("--code-ttl", o.serve.rules.code_ttl_seconds,
                   "seconds a login code stays valid (then PHONE_CODE_EXPIRED)")
        ->capture_default_str();
    cli.add_option("--flood-after", o.serve.rules.flood_after,
                   "answer FLOOD_WAIT_X after this many auth.sendCode per phone per hour (0: off)")
        ->capture_default_str();
    cli.add_option("--flood-wait", o.serve.rules.flood_wait_seconds,
                   "the X in FLOOD_WAIT_X, in seconds")
        ->capture_default_str();
    cli.add_option("--fresh-reset", o.serve.rules.fresh_reset_seconds,
                   "sessions younger than this many seconds get "
                   "FRESH_RESET_AUTHORISATION_FORBIDDEN from auth.resetAuthorizations")
        ->capture_default_str();
    cli.add_option("--fault", faults,
                   "misbehave on purpose (repeatable): drop-after=N (close a connection after N "
                   "server packets), garbage (random encrypted answers), wrong-msg-key (flip a "
                   "msg_key bit), bad-dh-prime (non-safe prime in the handshake), bad-g (g=2), "
                   "clock-skew=S (server clock off by S seconds), forge-404=N (answer the first "
                   "N encrypted packets with transport error -404, as an attacker could)");
    cli.add_option("--max-connections", o.serve.limits.max_connections,
                   "close new connections beyond this many open ones (0: no limit)")
        ->check(CLI::Range(0, 1000000))
        ->capture_default_str();
    cli.add_option("--idle-timeout", o.serve.limits.idle_timeout_seconds,
                   "close a connection that sent nothing for this many seconds (0: never)")
        ->check(CLI::Range(0, 86400))
        ->capture_default_str();
    std::vector<std::string> mtproxy;
    cli.add_option("--mtproxy", mtproxy,
                   "also serve an MTProxy in front of the DCs with this secret (repeatable): 32 "
                   "hex digits, dd + 32, or ee + 32 + the domain in hex; the ready line and "
                   "--write-config gain \"mtproxy\": {\"host\", \"port\", \"secrets\"}");
    cli.add_flag("--mtproxy-padded-only", o.mtproxy_padded_only,
                 "under a dd secret accept only padded intermediate (mtprotoproxy's secure "
                 "mode); default: any framing, as the official MTProxy");
    cli.add_flag("-v,--verbose", o.verbose, "log more to stderr (-v info, -vv debug)");
    try {
        cli.parse(argc, argv);
        for (const auto& f : faults) apply_fault(o.serve.faults, f);
        for (const auto& m : mtproxy)
            o.mtproxy_secrets.push_back(transport::parse_proxy_secret_text(m));
        o.serve.state_file = state_file;
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
