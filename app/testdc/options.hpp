// Command line of tgsession-testdc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tgs::testdc::app {

/// --fault switches (hardening tests): each makes the server misbehave in one way.
struct Faults {
    int drop_after = 0;           // close a connection after this many server packets
    bool garbage = false;         // encrypted answers replaced by random bytes
    bool wrong_msg_key = false;   // one byte of msg_key flipped in encrypted answers
    bool bad_dh_prime = false;    // handshake sends a non-safe prime
    bool bad_g = false;           // handshake sends g = 2
    std::int64_t clock_skew = 0;  // seconds added to the server clock
};

struct Options {
    int dcs = 3;
    std::string host = "127.0.0.1";
    int port = 0;  // base port; 0 = any free port per DC
    std::string key_file;
    std::string accounts_file;
    std::string state_file;
    std::string write_config;
    int latency_ms = 0;
    std::int64_t code_ttl = 300;
    int flood_after = 0;
    int flood_wait = 60;
    std::int64_t fresh_reset = 0;
    Faults faults;
    int verbose = 0;
};

/// Parses argv; prints help/errors and returns nullopt with `exit_code` set when the
/// program should stop.
std::optional<Options> parse_options(int argc, char** argv, int& exit_code);

/// Parses one --fault value ("drop-after=3", "garbage", ...); throws tgs::Error("FAULT_INVALID").
void apply_fault(Faults& faults, const std::string& spec);

}  // namespace tgs::testdc::app
