// tgsession-testdc: serves N local DCs; prints one JSON "ready" line on stdout when listening.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "options.hpp"
#include "server.hpp"
#include "tgs/error.hpp"

namespace {

using namespace tgs::testdc;

tgs::crypto::RsaPrivateKey load_or_create_key(const std::string& path) {
    if (!path.empty()) {
        std::ifstream in(path, std::ios::binary);
        if (in) {
            std::stringstream ss;
            ss << in.rdbuf();
            return tgs::crypto::RsaPrivateKey::from_pem(ss.str());
        }
    }
    auto key = tgs::crypto::RsaPrivateKey::generate(2048);
    if (!path.empty()) {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        if (!out) throw tgs::Error("KEY_WRITE_FAILED", "cannot write key file " + path);
        ::chmod(path.c_str(), 0600);
        out << key.to_pem();
    }
    return key;
}

// DESIGN.md §5, key order included:
// {"dcs":[{"id":1,"host":"127.0.0.1","port":…}],"rsa_public_keys":["-----BEGIN RSA PUBLIC
// KEY-----…"]}
nlohmann::ordered_json describe(const app::Server& server) {
    nlohmann::ordered_json dcs = nlohmann::ordered_json::array();
    for (const auto& dc : server.dcs()) {
        nlohmann::ordered_json d;
        d["id"] = dc.id;
        d["host"] = dc.host;
        d["port"] = dc.port;
        dcs.push_back(std::move(d));
    }
    nlohmann::ordered_json config;
    config["dcs"] = std::move(dcs);
    config["rsa_public_keys"] = nlohmann::ordered_json::array({server.public_key_pem()});
    return config;
}

// Written to a temporary file and renamed, so a client polling for it never reads half a file.
void write_config_file(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << text << '\n';
        if (!out) throw tgs::Error("CONFIG_WRITE_FAILED", "cannot write " + tmp);
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        throw tgs::Error("CONFIG_WRITE_FAILED", "cannot write " + path);
    }
}

}  // namespace

int main(int argc, char** argv) {
    int exit_code = 0;
    auto options = app::parse_options(argc, argv, exit_code);
    if (!options) return exit_code;

    auto logger = spdlog::stderr_logger_mt("testdc");
    spdlog::set_default_logger(logger);
    spdlog::set_level(options->verbose >= 2   ? spdlog::level::debug
                      : options->verbose == 1 ? spdlog::level::info
                                              : spdlog::level::warn);
    try {
        auto accounts = options->accounts_file.empty()
                            ? Accounts::convention(options->dcs)
                            : Accounts::from_file(options->accounts_file, options->dcs);
        auto key = load_or_create_key(options->key_file);

        asio::io_context io(1);
        app::Server server(io, *options, std::move(key), std::move(accounts));
        server.start();

        // Signals are hooked before the ready line: a caller may SIGTERM as soon as it reads it.
        asio::signal_set signals(io, SIGINT, SIGTERM);
        signals.async_wait([&](std::error_code, int) {
            spdlog::info("stopping");
            server.stop();
            io.stop();
        });
        const auto config = describe(server);
        if (!options->write_config.empty()) write_config_file(options->write_config, config.dump());
        // The ready line: {"event":"ready"} followed by the same fields as the config file.
        nlohmann::ordered_json ready;
        ready["event"] = "ready";
        for (auto it = config.begin(); it != config.end(); ++it) ready[it.key()] = it.value();
        std::cout << ready.dump() << std::endl;

        io.run();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "tgsession-testdc: %s\n", e.what());
        return 1;
    }
    return 0;
}
