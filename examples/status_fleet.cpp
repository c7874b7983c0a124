// Checking a whole folder of sessions, or a whole PostgreSQL store, from C++: every session on
// ONE io_context (one thread), at most 64 connections at a time, each session with its own
// connection and key. The core is the coroutine in the middle; the rest is reading arguments.
// BatchReader reads a store's rows a batch at a time ahead of the checks and, with `lease`,
// holds each session's lease while its key is in use (docs/postgres-store.md).
//
//   TG_API_ID=... TG_API_HASH=... tgs_example_status_fleet DIR|postgresql://… [SERVER_CONFIG.json]
//
// SERVER_CONFIG is what `tgsession-testdc --write-config` writes, to try it offline.
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tgs/auth/async_client.hpp"
#include "tgs/session/batch_read.hpp"
#include "tgs/session/location.hpp"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: " << argv[0] << " DIR|postgresql://… [SERVER_CONFIG.json]\n";
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
    // A store is given as it is (its sessions are listed a page at a time as they are read), a
    // folder as its *.session files; the same calls for either after that.
    const std::string where = argv[1];
    tgs::session::BatchReader sessions(
        tgs::session::is_store_location(where)
            ? std::vector<std::string>{where}
            : tgs::session::sessions_in(where).value_or(std::vector<std::string>{}),
        {.lease = true});

    asio::io_context io;
    std::size_t next = 0;
    auto worker = [&]() -> asio::awaitable<void> {
        while (next < sessions.size()) {
            const auto i = next++;
            std::string answer;
            try {
                auto loaded = sessions.read(i);
                tgs::auth::AsyncClient client(io.get_executor(), config, loaded.data);
                const auto st = co_await client.authorization_status();
                answer = tgs::auth::to_string(st.state);
                if (st.user) answer += " as " + std::to_string(st.user->id);
            } catch (const std::exception& e) {
                answer = std::string("error: ") + e.what();
            }
            sessions.release(i);  // done with the key: the lease goes back
            std::cout << sessions.location(i) << ": " << answer << '\n';
        }
    };
    for (int i = 0; i < 64; ++i) asio::co_spawn(io, worker(), asio::detached);
    io.run();
}
