// End to end with our own client library against the real tgsession-testdc binary, for what
// only the binary does: --key and --state files across a restart, and the save on SIGTERM.
// Everything else the server does is tested in-process (tests/testdc/test_cluster_net.cpp).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <asio/ip/tcp.hpp>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "net_client.hpp"
#include "tgs/crypto/srp.hpp"

namespace {

namespace fs = std::filesystem;
using namespace tgs;
using namespace tgs::testdc::net_test;

std::shared_ptr<net::Sender> connect(Loop& loop, net::SenderOptions o) {
    return loop.run(net::Sender::connect(std::move(o)));
}

std::string hash_of(const api::auth_SentCode& sent) {
    return std::get<api::auth_sentCode>(sent).phone_code_hash;
}

const api::user& user_of(const api::auth_Authorization& a) {
    return std::get<api::user>(std::get<api::auth_authorization>(a).user);
}

// ---------------------------------------------------------------------------------------------
// --state, restart, SIGTERM.

TEST(TestDcNet, KeyFromBeforeARestartStillWorksAndSigtermSavesState) {
    TempDir tmp;
    const auto key_file = (tmp.path / "server-key.pem").string();
    const auto state_file = tmp.path / "state.json";
    const std::vector<std::string> args{"--port", "0",      "--dcs",   "1",
                                        "--key",  key_file, "--state", state_file.string()};
    const std::string phone = "9996610001";  // convention: DC 1, code 11111
    std::optional<mtproto::AuthKey> key;
    {
        TestDcProcess dc(args);
        Loop loop;
        auto s = connect(loop, sender_options(dc, 1));
        const auto sent = call(loop, s, send_code(phone));
        const auto auth = call(loop, s, sign_in(phone, hash_of(sent), "11111"));
        EXPECT_EQ(user_of(auth).phone, phone);
        key.emplace(s->auth_key().clone());
        loop.close(s);
        loop.stop();
        // Writes are batched (at most one per 500 ms): the login's lands shortly after.
        for (int i = 0; i < 40 && !fs::exists(state_file); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        ASSERT_TRUE(fs::exists(state_file));
        // Only the save on SIGTERM can bring the file back now.
        fs::remove(state_file);
        EXPECT_EQ(dc.stop(), 0);
        ASSERT_TRUE(fs::exists(state_file)) << "SIGTERM did not save the state";
        EXPECT_EQ(fs::status(state_file).permissions() & fs::perms::all,
                  fs::perms::owner_read | fs::perms::owner_write);
    }
    {
        TestDcProcess dc(args);
        Loop loop;
        auto o = sender_options(dc, 1);
        o.auth_key.emplace(key->clone());
        auto s = connect(loop, std::move(o));
        EXPECT_FALSE(s->created_new_key());
        const auto users = call(loop, s, get_self());
        ASSERT_EQ(users.size(), 1u);
        EXPECT_EQ(std::get<api::user>(users[0]).phone, phone);
        loop.close(s);
    }
    {
        // Control: the same key means nothing to a server started without the state file.
        TestDcProcess dc({"--port", "0", "--dcs", "1", "--key", key_file});
        Loop loop;
        auto o = sender_options(dc, 1);
        o.auth_key.emplace(key->clone());
        o.connection.timeout = std::chrono::milliseconds(3000);
        auto s = connect(loop, std::move(o));
        EXPECT_EQ(error_code_of([&] { call(loop, s, get_self()); }), "NET_TRANSPORT_ERROR");
        loop.close(s);
    }
}

}  // namespace
