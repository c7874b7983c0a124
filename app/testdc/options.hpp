// Command line of tgsession-testdc.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tgs/testdc/cluster.hpp"
#include "tgs/transport/proxy_secret.hpp"

namespace tgs::testdc::app {

struct Options {
    ServeOptions serve;  // DCs, host, base port, login rules, state file, latency, faults
    std::string key_file;
    std::string accounts_file;
    std::string write_config;
    /// --mtproxy: secrets (plain, dd…, ee…+domain hex) of the MTProxy port in front of the DCs.
    std::vector<transport::ProxySecret> mtproxy_secrets;
    /// --mtproxy-padded-only: dd secrets take padded intermediate only.
    bool mtproxy_padded_only = false;
    int verbose = 0;
};

/// Parses argv; prints help/errors and returns nullopt with `exit_code` set when the
/// program should stop.
std::optional<Options> parse_options(int argc, char** argv, int& exit_code);

/// Parses one --fault value ("drop-after=3", "garbage", ...); throws
/// tgs::Error(errc::fault_invalid).
void apply_fault(Faults& faults, const std::string& spec);

}  // namespace tgs::testdc::app
