// auth.bindTempAuthKey as Telegram Desktop sends it (tdesktop v4.6.5 DcKeyBinder): the binding
// message, built here from the method's documentation, binds a temporary key so that calls on
// it act as the permanent key's user; every field that does not match is refused with
// ENCRYPTED_MESSAGE_INVALID, the error the app reads as "permanent key destroyed".
#include <gtest/gtest.h>

#include "bind_message.hpp"
#include "rpc_test_util.hpp"

namespace {

using namespace tgs::testdc;
using namespace tgs::testdc::test;
using tgs::Bytes;
using tgs::ByteView;

constexpr const char* kAccounts = R"({"users": [{"phone": "15550002222", "first_name": "Bob",
                                                "dc": 1, "code": "13579"}]})";
constexpr std::uint64_t kPermId = 1001;
constexpr std::uint64_t kTempId = 2002;
constexpr std::int64_t kNow = 1'700'000'000;

struct Binding : BindFields {
    Binding() {
        perm_id = kPermId;
        perm_key = Bytes(256, 7);  // what make_client stores
        temp_id = kTempId;
        session_id = 0x5e55;
        msg_id = 0x6000'0000'0000'0004;
        nonce = 0x0123'4567'89ab'cdef;
        expires_at = kNow + 86400;
    }
};

struct BindTempAuthKey : ::testing::Test {
    ClusterState state{three_dcs()};
    RpcHandler handler{Accounts::from_json(kAccounts, 3), state, counter_random()};

    void SetUp() override {
        auto perm = make_client(handler, state, kPermId, 1);
        ASSERT_FALSE(login(perm, "15550002222", "13579").error);
        state.add_auth_key(kTempId, Bytes(256, 9), 1, kNow).expires_at = kNow + 86400;
    }

    Reply call_on(std::uint64_t key, const Bytes& req, const Binding& b) {
        CallContext ctx;
        ctx.dc_id = 1;
        ctx.auth_key_id = key;
        ctx.msg_id = b.msg_id;
        ctx.session_id = b.session_id;
        ctx.client_ip = "127.0.0.1";
        ctx.now = kNow;
        return handler.handle(ctx, req);
    }
    Reply bind(const Binding& sent, const Binding& inner, bool corrupt_key = false) {
        return call_on(kTempId, bind_request(sent, binding_message(inner, corrupt_key)), sent);
    }
};

TEST_F(BindTempAuthKey, BoundTemporaryKeyActsAsTheAccount) {
    const Binding b;
    EXPECT_EQ(error_of(call_on(kTempId, get_users_self(), b)), "AUTH_KEY_UNREGISTERED");
    const auto r = bind(b, b);
    ASSERT_FALSE(r.error) << error_of(r);
    EXPECT_EQ(ctor(r), 0x997275b5u);  // boolTrue
    const auto self = call_on(kTempId, get_users_self(), b);
    EXPECT_FALSE(self.error) << error_of(self);
    // Binding again to the same permanent key (a reconnect) is fine.
    EXPECT_FALSE(bind(b, b).error);
}

TEST_F(BindTempAuthKey, EveryMismatchIsRefused) {
    const Binding good;
    auto expect_invalid = [&](const Binding& inner, bool corrupt_key = false) {
        EXPECT_EQ(error_of(bind(good, inner, corrupt_key)), "ENCRYPTED_MESSAGE_INVALID");
    };
    Binding b = good;
    b.msg_id += 4;  // not the request's own msg_id
    expect_invalid(b);
    b = good;
    b.session_id += 1;
    expect_invalid(b);
    b = good;
    b.nonce += 1;
    expect_invalid(b);
    b = good;
    b.temp_id += 1;
    expect_invalid(b);
    b = good;
    b.expires_at += 1;
    expect_invalid(b);
    b = good;
    b.perm_key[0] ^= 1;  // encrypted with another key
    expect_invalid(b);
    expect_invalid(good, true);  // msg_key does not match
    // Nothing was bound by any of them.
    EXPECT_EQ(error_of(call_on(kTempId, get_users_self(), good)), "AUTH_KEY_UNREGISTERED");

    Binding unknown = good;
    unknown.perm_id = 999;
    EXPECT_EQ(error_of(call_on(kTempId, bind_request(unknown, binding_message(unknown)), good)),
              "ENCRYPTED_MESSAGE_INVALID");
    // A permanent key cannot be bound.
    EXPECT_EQ(error_of(call_on(kPermId, bind_request(good, binding_message(good)), good)),
              "TEMP_AUTH_KEY_EMPTY");
}

// Telegram Desktop binds with its own clock's expiry + 30 s (kBindKeyAdditionalExpiresTimeout),
// not the handshake's: accepted, and the key still expires when its handshake said.
TEST_F(BindTempAuthKey, ExpiresAtNeedNotBeTheHandshakes) {
    Binding b;
    b.expires_at = kNow + 86400 + 30;
    const auto r = bind(b, b);
    ASSERT_FALSE(r.error) << error_of(r);
    EXPECT_EQ(state.find_auth_key(kTempId)->expires_at, kNow + 86400);
    EXPECT_FALSE(call_on(kTempId, get_users_self(), b).error);
}

// A binding whose expires_at has already come is refused with EXPIRES_AT_INVALID (Telegram's
// error list for the method), not ENCRYPTED_MESSAGE_INVALID, and binds nothing.
TEST_F(BindTempAuthKey, ABindingThatHasAlreadyExpiredIsRefused) {
    Binding b;
    b.expires_at = kNow;
    EXPECT_EQ(error_of(bind(b, b)), "EXPIRES_AT_INVALID");
    b.expires_at = kNow - 3600;
    EXPECT_EQ(error_of(bind(b, b)), "EXPIRES_AT_INVALID");
    EXPECT_EQ(state.find_auth_key(kTempId)->bound_to, 0u);
    EXPECT_EQ(error_of(call_on(kTempId, get_users_self(), b)), "AUTH_KEY_UNREGISTERED");
}

}  // namespace
