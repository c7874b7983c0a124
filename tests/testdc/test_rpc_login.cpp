// Phone login through the RpcHandler: migration, codes, expiry, flood, layers, logout.
#include <gtest/gtest.h>

#include "rpc_test_util.hpp"

namespace {

using namespace tgs::testdc;
using namespace tgs::testdc::test;

struct RpcLogin : ::testing::Test {
    ClusterState state{three_dcs()};
    RpcHandler handler{Accounts::convention(3), state, counter_random()};
};

TEST_F(RpcLogin, UnknownAuthKeyIsInvalid) {
    Client c{handler, 999, 1};
    auto r = c.call(plain(0xc4f9186b));
    EXPECT_EQ(error_of(r), "AUTH_KEY_INVALID");
    EXPECT_EQ(r.error_code, 401);
}

TEST_F(RpcLogin, ConfigListsTheClusterInTheDeclaredLayer) {
    auto c = make_client(handler, state, 1, 2);
    auto r = c.call(with_layer(228, plain(0xc4f9186b)));
    ASSERT_FALSE(r.error) << error_of(r);
    tgs::tl::Reader rd(r.body);
    EXPECT_EQ(rd.read_uint32(), 0xcc1a241eu);
    rd.read_uint32();
    rd.read_int32();
    rd.read_int32();
    EXPECT_TRUE(rd.read_bool());    // test_mode
    EXPECT_EQ(rd.read_int32(), 2);  // this_dc
    ASSERT_EQ(rd.read_vector_header(), 3u);
    EXPECT_EQ(rd.read_uint32(), 0x18b7a10du);
    EXPECT_EQ(rd.read_uint32(), 0u);
    EXPECT_EQ(rd.read_int32(), 1);
    EXPECT_EQ(rd.read_string(), "127.0.0.1");
    EXPECT_EQ(rd.read_int32(), 40001);
    // The layer is remembered for later calls without the wrapper.
    EXPECT_EQ(handler.layer_of(1), LayerFamily::L228);
    auto c144 = make_client(handler, state, 2, 1);
    auto r144 = c144.call(with_layer(144, plain(0xc4f9186b)));
    EXPECT_EQ(ctor(r144), 0x330b4067u);
    EXPECT_EQ(ctor(c144.call(plain(0xc4f9186b))), 0x330b4067u);
    EXPECT_EQ(handler.layer_of(2), LayerFamily::L144);
}

TEST_F(RpcLogin, ConfigBodiesParseToTheEndInEveryLayer) {
    // Walk the whole 144 and 198 configs field by field: a missing int would leave bytes over.
    for (int layer : {144, 198}) {
        auto c = make_client(handler, state, 10 + layer, 1);
        auto r = c.call(with_layer(layer, plain(0xc4f9186b)));
        tgs::tl::Reader rd(r.body);
        rd.read_uint32();
        EXPECT_EQ(rd.read_uint32(), 0u);  // flags
        rd.read_int32();
        rd.read_int32();
        rd.read_bool();
        rd.read_int32();
        auto n = rd.read_vector_header();
        for (std::size_t i = 0; i < n; ++i) {
            rd.read_uint32();
            rd.read_uint32();
            rd.read_int32();
            rd.read_string();
            rd.read_int32();
        }
        rd.read_string();
        const int ints_before_me_url = layer == 144 ? 19 + 2 + 4 : 17 + 4;
        for (int i = 0; i < ints_before_me_url; ++i) rd.read_int32();
        EXPECT_EQ(rd.read_string(), "https://t.me/");
        for (int i = 0; i < 3; ++i) rd.read_int32();
        EXPECT_TRUE(rd.at_end()) << layer;
    }
}

TEST_F(RpcLogin, PhoneHomedElsewhereMigrates) {
    auto c = make_client(handler, state, 1, 1);
    auto r = c.call(send_code("+9996621234"));
    EXPECT_EQ(error_of(r), "PHONE_MIGRATE_2");
    EXPECT_EQ(r.error_code, 303);
    EXPECT_EQ(error_of(c.call(send_code("12345"))), "PHONE_NUMBER_INVALID");
    EXPECT_EQ(error_of(c.call(send_code(""))), "PHONE_NUMBER_INVALID");
}

TEST_F(RpcLogin, CodeChecksAndSuccessfulSignIn) {
    auto c = make_client(handler, state, 1, 2, 228);
    auto sent = c.call(send_code("9996621234"));
    ASSERT_FALSE(sent.error) << error_of(sent);
    {
        tgs::tl::Reader rd(sent.body);
        EXPECT_EQ(rd.read_uint32(), 0x5e002502u);
        EXPECT_EQ(rd.read_uint32(), 6u);           // next_type + timeout
        EXPECT_EQ(rd.read_uint32(), 0xc000bba2u);  // SMS: not logged in anywhere yet
        EXPECT_EQ(rd.read_int32(), 5);
    }
    const auto hash = sent_code_hash(sent);
    EXPECT_EQ(error_of(c.call(get_users_self())), "AUTH_KEY_UNREGISTERED");
    EXPECT_EQ(c.call(get_users_self()).error_code, 401);
    EXPECT_EQ(error_of(c.call(sign_in("9996621234", hash, ""))), "PHONE_CODE_EMPTY");
    EXPECT_EQ(error_of(c.call(sign_in("9996621234", "", "22222"))), "PHONE_CODE_HASH_EMPTY");
    EXPECT_EQ(error_of(c.call(sign_in("9996621234", hash, "11111"))), "PHONE_CODE_INVALID");
    EXPECT_EQ(error_of(c.call(sign_in("9996621234", "bogus", "22222"))), "PHONE_CODE_EXPIRED");
    auto ok = c.call(sign_in("+9996621234", hash, "22222"));
    ASSERT_FALSE(ok.error) << error_of(ok);
    tgs::tl::Reader rd(ok.body);
    EXPECT_EQ(rd.read_uint32(), 0x2ea2c0d4u);
    EXPECT_EQ(rd.read_uint32(), 1u << 2);    // only future_auth_token (issue 9)
    EXPECT_EQ(rd.read_bytes().size(), 32u);  // the token
    EXPECT_EQ(rd.read_uint32(), 0xb1b8cc83u);
    const auto flags = rd.read_uint32();
    EXPECT_TRUE(flags & (1u << 10));  // self
    EXPECT_TRUE(flags & 1u);          // access_hash
    rd.read_uint32();                 // flags2
    EXPECT_EQ(rd.read_int64(), 9996621234);
    EXPECT_NE(rd.read_int64(), 0);
    // The code is single-use; users.getUsers now answers.
    EXPECT_EQ(error_of(c.call(sign_in("9996621234", hash, "22222"))), "PHONE_CODE_EXPIRED");
    auto me = c.call(get_users_self());
    ASSERT_FALSE(me.error) << error_of(me);
    tgs::tl::Reader urd(me.body);
    EXPECT_EQ(urd.read_uint32(), 0x1cb5c415u);
    EXPECT_EQ(urd.read_int32(), 1);
    EXPECT_EQ(urd.read_uint32(), 0xb1b8cc83u);
    EXPECT_FALSE(c.call(plain(0xedd4882a)).error);  // updates.getState
    // A second login of the same number gets the code "in the app".
    auto c2 = make_client(handler, state, 2, 2);
    auto sent2 = c2.call(send_code("9996621234"));
    tgs::tl::Reader srd(sent2.body);
    srd.read_uint32();
    srd.read_uint32();
    EXPECT_EQ(srd.read_uint32(), 0x3dbb5986u);
}

TEST_F(RpcLogin, Layer144AnswersWithLayer144Constructors) {
    auto c = make_client(handler, state, 1, 3);
    auto sent = c.call(with_layer(144, send_code("9996631234")));
    ASSERT_FALSE(sent.error) << error_of(sent);
    auto ok = c.call(sign_in_144("9996631234", sent_code_hash(sent), "33333"));
    ASSERT_FALSE(ok.error) << error_of(ok);
    tgs::tl::Reader rd(ok.body);
    EXPECT_EQ(rd.read_uint32(), 0x33fb7bb8u);
    EXPECT_EQ(rd.read_uint32(), 0u);
    EXPECT_EQ(rd.read_uint32(), 0x3ff6ecb0u);
    rd.read_uint32();                        // flags (no flags2 in 144)
    EXPECT_EQ(rd.read_int64(), 9996631234);  // id
    EXPECT_NE(rd.read_int64(), 0);           // access_hash: Telethon 1.25 needs it
    EXPECT_EQ(rd.read_string(), "Test");
    EXPECT_EQ(rd.read_string(), "1234");
    EXPECT_EQ(rd.read_string(), "9996631234");
    EXPECT_TRUE(rd.at_end());
}

TEST_F(RpcLogin, Layer198UserCarriesFlags2) {
    auto c = make_client(handler, state, 1, 1);
    auto sent = c.call(with_layer(198, send_code("9996611234")));
    auto ok = c.call(sign_in("9996611234", sent_code_hash(sent), "11111"));
    tgs::tl::Reader rd(ok.body);
    EXPECT_EQ(rd.read_uint32(), 0x2ea2c0d4u);
    ASSERT_EQ(rd.read_uint32(), 1u << 2);  // future_auth_token, then the user
    rd.read_bytes();
    EXPECT_EQ(rd.read_uint32(), 0x4b46c37eu);
}

TEST_F(RpcLogin, CodesExpire) {
    state.add_auth_key(5, tgs::Bytes(256, 1), 2, 0);
    Client c{handler, 5, 2};
    auto sent = c.call(send_code("9996621234"));
    c.now += state.options().code_ttl_seconds;
    EXPECT_EQ(error_of(c.call(sign_in("9996621234", sent_code_hash(sent), "22222"))),
              "PHONE_CODE_EXPIRED");
}

TEST_F(RpcLogin, ResendWalksSmsThenCallThenRefuses) {
    auto c = make_client(handler, state, 1, 2);
    const auto hash = sent_code_hash(c.call(send_code("9996621234")));
    auto resend = [&] {
        tgs::tl::Writer w;
        w.write_uint32(0xcae47523);
        w.write_uint32(0);
        w.write_string("9996621234");
        w.write_string(hash);
        return c.call(w.take());
    };
    auto r1 = resend();
    EXPECT_EQ(sent_code_hash(r1), hash);
    auto r2 = resend();
    tgs::tl::Reader rd(r2.body);
    rd.read_uint32();
    EXPECT_EQ(rd.read_uint32(), 0u);
    EXPECT_EQ(rd.read_uint32(), 0x5353e5a7u);  // call
    EXPECT_EQ(error_of(resend()), "SEND_CODE_UNAVAILABLE");
    // cancelCode invalidates the hash.
    tgs::tl::Writer w;
    w.write_uint32(0x1f040578);
    w.write_string("9996621234");
    w.write_string(hash);
    EXPECT_EQ(ctor(c.call(w.take())), 0x997275b5u);
    EXPECT_EQ(error_of(c.call(sign_in("9996621234", hash, "22222"))), "PHONE_CODE_EXPIRED");
}

TEST(RpcFlood, FloodWaitAfterNSendCodes) {
    auto opts = three_dcs();
    opts.flood_after = 2;
    opts.flood_wait_seconds = 42;
    ClusterState state(opts);
    RpcHandler handler(Accounts::convention(3), state, counter_random());
    auto c = make_client(handler, state, 1, 1);
    EXPECT_FALSE(c.call(send_code("9996611111")).error);
    EXPECT_FALSE(c.call(send_code("9996611111")).error);
    auto r = c.call(send_code("+9996611111"));
    EXPECT_EQ(error_of(r), "FLOOD_WAIT_42");
    EXPECT_EQ(r.error_code, 420);
    EXPECT_FALSE(c.call(send_code("9996612222")).error);  // counted per phone
    c.now += opts.flood_window_seconds;
    EXPECT_FALSE(c.call(send_code("9996611111")).error);
}

TEST_F(RpcLogin, LogOutUnregistersTheKey) {
    auto c = make_client(handler, state, 1, 1);
    ASSERT_FALSE(login(c, "9996611234", "11111").error);
    EXPECT_EQ(ctor(c.call(plain(0x3e72ba19))), 0xc3a2835fu);
    auto r = c.call(get_users_self());
    EXPECT_EQ(error_of(r), "AUTH_KEY_UNREGISTERED");
    EXPECT_EQ(r.error_code, 401);
    EXPECT_EQ(error_of(c.call(plain(0x3e72ba19))), "AUTH_KEY_UNREGISTERED");
}

TEST_F(RpcLogin, SignUpIsRefusedAndUnknownNumbersNeedSignUpInFileMode) {
    ClusterState st(three_dcs());
    RpcHandler h(Accounts::from_json(R"({"users":[]})", 3), st, counter_random());
    auto c = make_client(h, st, 1, 1);
    auto sent = c.call(send_code("+4915550000"));
    ASSERT_FALSE(sent.error) << error_of(sent);
    auto r = c.call(sign_in("4915550000", sent_code_hash(sent), "11111"));
    ASSERT_FALSE(r.error) << error_of(r);
    EXPECT_EQ(ctor(r), 0x44747e9au);
    tgs::tl::Writer w;
    w.write_uint32(0xaac7b717);
    w.write_uint32(0);
    w.write_string("4915550000");
    w.write_string(sent_code_hash(sent));
    w.write_string("New");
    w.write_string("");
    EXPECT_EQ(error_of(c.call(w.take())), "PHONE_NUMBER_APP_SIGNUP_FORBIDDEN");
}

TEST_F(RpcLogin, PingAnswersPongOutsideRpcResult) {
    auto c = make_client(handler, state, 1, 1);
    tgs::tl::Writer w;
    w.write_uint32(0x7abe77ec);
    w.write_int64(99);
    auto r = c.call(w.take());
    EXPECT_TRUE(r.plain);
    tgs::tl::Reader rd(r.body);
    EXPECT_EQ(rd.read_uint32(), 0x347773c5u);
    EXPECT_EQ(rd.read_int64(), 0x1234);
    EXPECT_EQ(rd.read_int64(), 99);
}

TEST_F(RpcLogin, GarbageIsAnInputError) {
    auto c = make_client(handler, state, 1, 1);
    EXPECT_EQ(error_of(c.call(tgs::Bytes{1, 2})), "INPUT_REQUEST_INVALID");
    EXPECT_EQ(error_of(c.call(plain(0xdeadbeef))), "INPUT_METHOD_INVALID");
}

}  // namespace
