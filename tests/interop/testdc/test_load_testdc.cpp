// Load (label `load`): 200 clients do full logins (new auth key, sendCode, signIn) against one
// tgsession-testdc process at the same time, all on one io_context in this process. Every login
// must succeed, and the server's peak RSS (VmHWM) must stay under a generous bound.
#include <gtest/gtest.h>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/redirect_error.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <variant>

#include "interop_support.hpp"
#include "tgs/crypto/rsa.hpp"
#include "tgs/net/sender.hpp"
#include "tgs/rpc_error.hpp"
#include "tgs/tl/api.hpp"

namespace tgs::interop {
namespace {

namespace api = tl::api;

constexpr int kClients = 200;
constexpr long kMaxServerRssKib = 512 * 1024;

Bytes with_layer(ByteView query) {
    api::initConnection init;
    init.api_id = 12345;
    init.device_model = "load test";
    init.system_version = "Linux";
    init.app_version = "1.0";
    init.system_lang_code = "en";
    init.lang_pack = "";
    init.lang_code = "en";
    init.query = tl::RawObject::copy_of(query);
    api::invokeWithLayer outer;
    outer.layer = 228;
    outer.query = tl::RawObject{api::serialize(init)};
    return api::serialize(outer);
}

template <class F>
asio::awaitable<typename F::Result> call(net::Sender& sender, const F& request) {
    Bytes answer = co_await sender.invoke(api::serialize(request));
    tl::Reader reader(answer);
    co_return api::read_result<F>(reader);
}

// Shared by all clients on the one io_context thread.
struct Tally {
    int logged_in = 0;
    int finished = 0;  // logged in or failed: the barrier opens when all have
    int verified = 0;  // users.getUsers answered on the still-open connection afterwards
    std::map<std::string, int> failures;  // error text → count
    std::unique_ptr<asio::steady_timer> barrier;
    void arrive() {
        if (++finished == kClients) barrier->cancel();
    }
};

// One full login of `phone` on DC 1 (convention: code 11111). The connection stays open until
// every client has logged in (so the server holds all 200 at once), then proves it still works.
asio::awaitable<void> login(net::SenderOptions options, std::string phone, Tally& tally) {
    const std::int64_t expected = std::stoll(phone);
    std::shared_ptr<net::Sender> sender;
    try {
        sender = co_await net::Sender::connect(std::move(options));
        api::auth_sendCode send;
        send.phone_number = phone;
        send.api_id = 12345;
        send.api_hash = "0123456789abcdef0123456789abcdef";
        send.settings = api::codeSettings{};
        const auto sent = co_await call(*sender, send);

        api::auth_signIn sign_in;
        sign_in.phone_number = phone;
        sign_in.phone_code_hash = std::get<api::auth_sentCode>(sent).phone_code_hash;
        sign_in.phone_code = "11111";
        const auto auth = co_await call(*sender, sign_in);
        const auto& user = std::get<api::user>(std::get<api::auth_authorization>(auth).user);
        if (user.id != expected) throw std::runtime_error("signIn returned another user");
        ++tally.logged_in;
    } catch (const std::exception& e) {
        ++tally.failures[e.what()];
        sender.reset();
    }
    tally.arrive();
    if (tally.finished < kClients) {
        std::error_code ec;
        co_await tally.barrier->async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    if (!sender) co_return;
    try {
        api::users_getUsers me;
        me.id.push_back(api::inputUserSelf{});
        const auto users = co_await call(*sender, me);
        if (users.size() == 1 && std::get<api::user>(users.front()).id == expected) {
            ++tally.verified;
        }
    } catch (const std::exception& e) {
        ++tally.failures[std::string("after the barrier: ") + e.what()];
    }
    sender->close();
}

TEST(LoadTestDc, TwoHundredConcurrentLogins) {
    ScratchDir tmp;
    TestDcProcess server(TestDcProcess::in_dir_args(tmp.path(), {"--dcs", "1"}),
                         tmp.path() / "testdc.log");
    std::vector<crypto::RsaPublicKey> keys{crypto::RsaPublicKey::from_pem(
        server.ready().at("rsa_public_keys").at(0).get<std::string>())};

    asio::io_context io(1);
    Tally tally;
    tally.barrier = std::make_unique<asio::steady_timer>(io, asio::steady_timer::time_point::max());
    const auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < kClients; ++i) {
        char phone[16];
        std::snprintf(phone, sizeof phone, "99966%05d", 10000 + i);  // 9996610000 + i: DC 1
        net::SenderOptions o;
        o.connection.host = "127.0.0.1";
        o.connection.port = server.port(1);
        o.connection.transport = net::parse_transport(i % 2 ? "intermediate" : "obfuscated");
        o.connection.dc_id = 1;
        o.rsa_keys = keys;
        o.connection.timeout = std::chrono::seconds(60);
        o.wrap_first_request = with_layer;
        asio::co_spawn(io, login(std::move(o), phone, tally), asio::detached);
    }
    io.run();
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
    const long rss = server.peak_rss_kib();

    std::string why;
    for (const auto& [what, n] : tally.failures) why += std::to_string(n) + "x " + what + "\n";
    EXPECT_EQ(tally.logged_in, kClients)
        << why << "server log tail:\n"
        << server.log().substr(server.log().size() > 4000 ? server.log().size() - 4000 : 0);
    EXPECT_EQ(tally.verified, kClients) << "every connection still served after all logged in";
    EXPECT_GT(rss, 0) << "VmHWM not readable";
    EXPECT_LT(rss, kMaxServerRssKib) << "server peak RSS " << rss << " KiB";
    EXPECT_EQ(server.stop(), 0) << "clean stop after the load";
    RecordProperty("logins", tally.logged_in);
    RecordProperty("seconds", std::to_string(seconds.count()));
    RecordProperty("server_peak_rss_kib", std::to_string(rss));
    std::printf("%d logins in %.1f s, server peak RSS %ld KiB\n", tally.logged_in, seconds.count(),
                rss);
}

}  // namespace
}  // namespace tgs::interop
