// tgsession-testdc: serves N local DCs; prints one JSON "ready" line on stdout when listening.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "options.hpp"
#include "tgs/atomic_file.hpp"
#include "tgs/error.hpp"
#include "tgs/testdc/errors.hpp"
#include "tgs/testdc/mtproxy.hpp"

namespace {

using namespace tgs::testdc;

tgs::crypto::RsaPrivateKey load_or_create_key(const std::string& path) {
    if (!path.empty()) {
        if (auto pem = tgs::read_file_nofollow(path, errc::key_read_failed))
            return tgs::crypto::RsaPrivateKey::from_pem(*pem);
    }
    auto key = tgs::crypto::RsaPrivateKey::generate(2048);
    if (!path.empty())
        tgs::write_file_atomically(path, tgs::as_bytes(key.to_pem()), errc::key_write_failed);
    return key;
}

// spdlog for the cluster's log lines: -v info, -vv debug.
LogSink spdlog_sink(int verbose) {
    LogSink log;
    log.level = verbose >= 2 ? LogLevel::Debug : verbose == 1 ? LogLevel::Info : LogLevel::Warn;
    log.sink = [](LogLevel level, const std::string& line) {
        switch (level) {
            case LogLevel::Debug:
                spdlog::debug("{}", line);
                break;
            case LogLevel::Info:
                spdlog::info("{}", line);
                break;
            case LogLevel::Warn:
                spdlog::warn("{}", line);
                break;
            case LogLevel::Error:
                spdlog::error("{}", line);
                break;
        }
    };
    return log;
}

// Written to a temporary file and renamed, so a client polling for it never reads half a file.
void write_config_file(const std::string& path, const std::string& text) {
    tgs::write_file_atomically(path, tgs::as_bytes(text + "\n"), errc::config_write_failed,
                               tgs::Durability::Cache);
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
        const int dcs = options->serve.dc_count;
        auto accounts = options->accounts_file.empty()
                            ? Accounts::convention(dcs)
                            : Accounts::from_file(options->accounts_file, dcs);
        auto key = load_or_create_key(options->key_file);
        options->serve.log = spdlog_sink(options->verbose);

        asio::io_context io(1);
        Cluster cluster(io, options->serve, std::move(key), std::move(accounts));
        cluster.start();
        std::optional<MtProxyServer> mtproxy;
        if (!options->mtproxy_secrets.empty()) {
            MtProxyOptions mo;
            mo.host = options->serve.host;
            mo.secrets = options->mtproxy_secrets;
            mo.padded_only = options->mtproxy_padded_only;
            for (const auto& dc : cluster.dcs()) mo.dcs[dc.id] = {dc.host, dc.port};
            mo.log = [](const std::string& line) { spdlog::info("{}", line); };
            mtproxy.emplace(io, std::move(mo));
            mtproxy->start();
        }

        // Signals are hooked before the ready line: a caller may SIGTERM as soon as it reads it.
        asio::signal_set signals(io, SIGINT, SIGTERM);
        signals.async_wait([&](std::error_code, int) {
            spdlog::info("stopping");
            if (mtproxy) mtproxy->stop();
            cluster.stop();
            io.stop();
        });
        // docs/architecture.md §5: the config file, and the ready line = {"event":"ready"} + the
        // same fields.
        auto config = cluster.config_json();
        if (mtproxy) {
            auto with_proxy = nlohmann::ordered_json::parse(config);
            with_proxy["mtproxy"] = nlohmann::ordered_json::parse(mtproxy->json());
            config = with_proxy.dump();
        }
        if (!options->write_config.empty()) write_config_file(options->write_config, config);
        nlohmann::ordered_json ready;
        ready["event"] = "ready";
        const auto fields = nlohmann::ordered_json::parse(config);
        for (auto it = fields.begin(); it != fields.end(); ++it) ready[it.key()] = it.value();
        std::cout << ready.dump() << std::endl;

        io.run();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "tgsession-testdc: %s\n", e.what());
        return 1;
    }
    return 0;
}
