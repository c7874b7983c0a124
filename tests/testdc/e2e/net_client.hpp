// Our own client against the real test DC: lib/net (Sender, Connection) on an io_context
// thread, requests and results as generated layer-228 types (tgs/tl/api.hpp).
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <asio/use_future.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "in_process_dc.hpp"
#include "test_error_code.hpp"
#include "testdc_process.hpp"
#include "tgs/error.hpp"
#include "tgs/net/sender.hpp"
#include "tgs/rpc_error.hpp"
#include "tgs/tl/api.hpp"

namespace tgs::testdc::net_test {

namespace api = tgs::tl::api;

/// A fresh directory under the system's temp dir, removed with its contents at scope end.
struct TempDir {
    std::filesystem::path path = make();
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }

  private:
    static std::filesystem::path make() {
        auto tmpl = (std::filesystem::temp_directory_path() / "tgs-testdc-e2e-XXXXXX").string();
        const char* dir = ::mkdtemp(tmpl.data());
        EXPECT_NE(dir, nullptr);
        return dir ? std::filesystem::path(dir) : std::filesystem::path();
    }
};
using tgs::test::TestDcProcess;

inline constexpr std::int32_t kApiId = 12345;
inline const std::string kApiHash = "0123456789abcdef0123456789abcdef";

/// Runs an io_context on its own thread; everything touching sockets runs there.
class Loop : public tgs::test::IoThread {
  public:
    void close(const std::shared_ptr<net::Sender>& sender) {
        post_wait([sender] { sender->close(); });
    }
};

/// invokeWithLayer(228, initConnection(query)) as generated types.
inline Bytes with_layer_228(ByteView query) {
    api::initConnection init;
    init.api_id = kApiId;
    init.device_model = "e2e";
    init.system_version = "Linux";
    init.app_version = "1.0";
    init.system_lang_code = "en";
    init.lang_pack = "";
    init.lang_code = "en";
    init.query = tl::RawObject::copy_of(query);
    return api::serialize(api::invokeWithLayer{228, tl::RawObject{api::serialize(init)}});
}

/// `dc`: the test DC as a process (TestDcProcess) or in-process (tgs::test::InProcessDc).
template <class Dc>
net::SenderOptions sender_options(const Dc& dc, int dc_id,
                                  const std::string& transport = "intermediate") {
    net::SenderOptions o;
    o.connection.host = dc.host(dc_id);
    o.connection.port = dc.port(dc_id);
    o.connection.transport = net::parse_transport(transport);
    o.connection.dc_id = dc_id;
    o.rsa_keys.push_back(crypto::RsaPublicKey::from_pem(dc.public_key_pem()));
    o.connection.timeout = std::chrono::milliseconds(10000);
    o.wrap_first_request = [](ByteView q) { return with_layer_228(q); };
    return o;
}

/// One typed call: serializes `request`, decodes the result as F::Result.
template <class F>
typename F::Result call(Loop& loop, const std::shared_ptr<net::Sender>& sender, const F& request) {
    const Bytes body = loop.run(sender->invoke(api::serialize(request)));
    tl::Reader r(body);
    auto result = api::read_result<F>(r);
    EXPECT_TRUE(r.at_end()) << F::TL_NAME << " result has bytes left over";
    return result;
}

/// The rpc_error message a call fails with ("" when it succeeds).
template <class F>
std::string error_of(Loop& loop, const std::shared_ptr<net::Sender>& sender, const F& request) {
    try {
        call(loop, sender, request);
        return "";
    } catch (const RpcError& e) {
        return e.server_message();
    }
}

/// The tgs::Error code `fn` throws ("" when it does not throw one).
inline std::string error_code_of(const std::function<void()>& fn) {
    return tgs::test::error_code_of(fn, "");
}

inline api::auth_sendCode send_code(const std::string& phone) {
    api::auth_sendCode q;
    q.phone_number = phone;
    q.api_id = kApiId;
    q.api_hash = kApiHash;
    q.settings = api::codeSettings{};
    return q;
}

inline api::auth_signIn sign_in(const std::string& phone, const std::string& hash,
                                const std::string& code) {
    api::auth_signIn q;
    q.phone_number = phone;
    q.phone_code_hash = hash;
    q.phone_code = code;
    return q;
}

inline api::users_getUsers get_self() {
    return api::users_getUsers{{api::inputUserSelf{}}};
}

}  // namespace tgs::testdc::net_test
