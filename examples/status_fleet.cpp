// Checking a whole folder of sessions from C++: every file on ONE io_context (one thread), at
// most 64 connections at a time, each session with its own connection and key. The core is
// the coroutine in the middle; the rest is reading arguments.
//
//   TG_API_ID=... TG_API_HASH=... tgs_example_status_fleet DIR [SERVER_CONFIG.json]
//
// SERVER_CONFIG is what `tgsession-testdc --write-config` writes, to try it offline.
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tgs/auth/async_client.hpp"
#include "tgs/session/store.hpp"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: " << argv[0] << " DIR [SERVER_CONFIG.json]\n";
        return 64;
    }
    tgs::auth::ClientConfig config;
    config.api_id = std::atoi(std::getenv("TG_API_ID") ? std::getenv("TG_API_ID") : "0");
    config.api_hash = std::getenv("TG_API_HASH") ? std::getenv("TG_API_HASH") : "";
    if (argc > 2) {  // a local test DC instead of Telegram
        const auto j = nlohmann::json::parse(std::ifstream(argv[2]));
        for (const auto& dc : j["dcs"]) config.dcs[dc["id"]] = {dc["host"], dc["port"]};
        for (const auto& pem : j["rsa_public_keys"]) config.rsa_keys_pem.push_back(pem);
    }
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(argv[1]))
        if (e.path().extension() == ".session") files.push_back(e.path());

    asio::io_context io;
    std::size_t next = 0;
    auto worker = [&]() -> asio::awaitable<void> {
        while (next < files.size()) {
            const auto path = files[next++];
            std::string answer;
            try {
                auto loaded = tgs::session::open_read_only(path);
                tgs::auth::AsyncClient client(io.get_executor(), config, loaded.data);
                const auto st = co_await client.authorization_status();
                answer = tgs::auth::to_string(st.state);
                if (st.user) answer += " as " + std::to_string(st.user->id);
            } catch (const std::exception& e) {
                answer = std::string("error: ") + e.what();
            }
            std::cout << path.string() << ": " << answer << '\n';
        }
    };
    for (int i = 0; i < 64; ++i) asio::co_spawn(io, worker(), asio::detached);
    io.run();
}
