// 2FA (real SRP), bots, QR login tokens, exported authorizations and session management.
#include <gtest/gtest.h>

#include "rpc_test_util.hpp"
#include "tgs/crypto/srp.hpp"

namespace {

using namespace tgs::testdc;
using namespace tgs::testdc::test;

constexpr const char* kAccounts = R"({
 "users": [{"phone": "15550001111", "first_name": "Ann", "username": "ann", "dc": 2,
            "code": "24680", "password": "hunter2", "hint": "pet's name"},
           {"phone": "15550002222", "first_name": "Bob", "dc": 1}],
 "bots":  [{"token": "1000009:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "username": "test_bot",
            "first_name": "Test Bot", "dc": 2}]})";

struct RpcAuth : ::testing::Test {
    ClusterState state{three_dcs()};
    RpcHandler handler{Accounts::from_json(kAccounts, 3), state, counter_random()};
};

struct PasswordAnswer {
    bool has_password = false;
    tgs::Bytes salt1, salt2, p, B;
    std::int32_t g = 0;
    std::int64_t srp_id = 0;
    std::string hint;
};

PasswordAnswer parse_password(const Reply& r) {
    PasswordAnswer a;
    tgs::tl::Reader rd(r.body);
    EXPECT_EQ(rd.read_uint32(), 0x957b50fbu);
    const auto flags = rd.read_uint32();
    a.has_password = flags & 4u;
    if (a.has_password) {
        EXPECT_EQ(rd.read_uint32(), 0x3a912d4au);
        a.salt1 = rd.read_bytes();
        a.salt2 = rd.read_bytes();
        a.g = rd.read_int32();
        a.p = rd.read_bytes();
        a.B = rd.read_bytes();
        a.srp_id = rd.read_int64();
        if (flags & 8u) a.hint = rd.read_string();
    }
    return a;
}

tgs::Bytes check_password(const PasswordAnswer& a, const std::string& password) {
    const auto proof = tgs::crypto::srp_compute_check(password, a.salt1, a.salt2, a.g, a.p, a.B,
                                                      tgs::Bytes(256, 0x5a));
    tgs::tl::Writer w;
    w.write_uint32(0xd18b4d16);
    w.write_uint32(0xd27ff082);
    w.write_int64(a.srp_id);
    w.write_bytes(proof.A);
    w.write_bytes(proof.M1);
    return w.take();
}

TEST_F(RpcAuth, TwoFactorLoginWithRealSrp) {
    auto c = make_client(handler, state, 1, 2);
    auto r = login(c, "+15550001111", "24680");
    EXPECT_EQ(error_of(r), "SESSION_PASSWORD_NEEDED");
    EXPECT_EQ(r.error_code, 401);
    EXPECT_EQ(error_of(c.call(get_users_self())), "AUTH_KEY_UNREGISTERED");

    auto first = parse_password(c.call(plain(0x548a30f5)));
    ASSERT_TRUE(first.has_password);
    EXPECT_EQ(first.g, 3);
    EXPECT_EQ(first.p, telegram_prime());
    EXPECT_EQ(first.B.size(), 256u);
    EXPECT_EQ(first.hint, "pet's name");
    // Each call gives a fresh srp_id and B; the old srp_id is stale.
    auto second = parse_password(c.call(plain(0x548a30f5)));
    EXPECT_NE(second.srp_id, first.srp_id);
    EXPECT_NE(second.B, first.B);
    EXPECT_EQ(second.salt1, first.salt1);
    EXPECT_EQ(error_of(c.call(check_password(first, "hunter2"))), "SRP_ID_INVALID");

    EXPECT_EQ(error_of(c.call(check_password(second, "hunter3"))), "PASSWORD_HASH_INVALID");
    auto third = parse_password(c.call(plain(0x548a30f5)));
    auto ok = c.call(check_password(third, "hunter2"));
    ASSERT_FALSE(ok.error) << error_of(ok);
    EXPECT_EQ(ctor(ok), 0x2ea2c0d4u);
    EXPECT_FALSE(c.call(get_users_self()).error);

    tgs::tl::Writer empty;
    empty.write_uint32(0xd18b4d16);
    empty.write_uint32(0x9880f658);
    EXPECT_EQ(error_of(c.call(empty.take())), "PASSWORD_HASH_INVALID");
}

TEST_F(RpcAuth, AccountWithoutPasswordHasNone) {
    auto c = make_client(handler, state, 1, 1);
    ASSERT_FALSE(login(c, "15550002222", "11111").error);
    auto a = parse_password(c.call(plain(0x548a30f5)));
    EXPECT_FALSE(a.has_password);
}

TEST_F(RpcAuth, Layer144PasswordConstructor) {
    auto c = make_client(handler, state, 1, 2, 144);
    login(c, "15550001111", "24680");
    EXPECT_EQ(ctor(c.call(plain(0x548a30f5))), 0x185b184fu);
}

TEST_F(RpcAuth, BotLogin) {
    auto c1 = make_client(handler, state, 1, 1);
    const std::string token = "1000009:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    EXPECT_EQ(error_of(c1.call(import_bot("1000009:wrong"))), "ACCESS_TOKEN_INVALID");
    auto mig = c1.call(import_bot(token));
    EXPECT_EQ(error_of(mig), "USER_MIGRATE_2");
    EXPECT_EQ(mig.error_code, 303);
    auto c2 = make_client(handler, state, 2, 2);
    auto ok = c2.call(import_bot(token));
    ASSERT_FALSE(ok.error) << error_of(ok);
    tgs::tl::Reader rd(ok.body);
    rd.read_uint32();
    rd.read_uint32();
    rd.read_uint32();
    const auto flags = rd.read_uint32();
    EXPECT_TRUE(flags & (1u << 14));  // bot
    rd.read_uint32();
    EXPECT_EQ(rd.read_int64(), 1000009);
}

tgs::Bytes export_login_token() {
    tgs::tl::Writer w;
    w.write_uint32(0xb7e085fe);
    w.write_int32(12345);
    w.write_string("0123456789abcdef0123456789abcdef");
    w.write_vector_header(0);
    return w.take();
}

tgs::Bytes token_call(std::uint32_t id, const tgs::Bytes& token) {
    tgs::tl::Writer w;
    w.write_uint32(id);
    w.write_bytes(token);
    return w.take();
}

tgs::Bytes token_of(const Reply& r) {
    tgs::tl::Reader rd(r.body);
    rd.read_uint32();
    rd.read_int32();  // expires or dc_id
    return rd.read_bytes();
}

TEST_F(RpcAuth, QrLoginOnTheSameDc) {
    auto phone = make_client(handler, state, 1, 1);  // Bob, logged in on DC 1
    ASSERT_FALSE(login(phone, "15550002222", "11111").error);
    auto desktop = make_client(handler, state, 2, 1);
    auto exported = desktop.call(export_login_token());
    ASSERT_EQ(ctor(exported), 0x629f1980u);
    const auto token = token_of(exported);
    EXPECT_EQ(error_of(desktop.call(token_call(0xe894ad4d, token))), "AUTH_KEY_UNREGISTERED");
    EXPECT_EQ(error_of(phone.call(token_call(0xe894ad4d, tgs::Bytes(32, 0)))),
              "AUTH_TOKEN_INVALID");

    auto accepted = phone.call(token_call(0xe894ad4d, token));
    ASSERT_FALSE(accepted.error) << error_of(accepted);
    EXPECT_EQ(ctor(accepted), 0xad01d61du);
    ASSERT_EQ(accepted.pushes.size(), 1u);
    EXPECT_EQ(accepted.pushes[0].auth_key_id, 2u);
    tgs::tl::Reader prd(accepted.pushes[0].body);
    EXPECT_EQ(prd.read_uint32(), 0x78d4dec1u);
    EXPECT_EQ(prd.read_uint32(), 0x564fe691u);
    EXPECT_EQ(error_of(phone.call(token_call(0xe894ad4d, token))), "AUTH_TOKEN_ALREADY_ACCEPTED");

    auto success = desktop.call(export_login_token());
    ASSERT_FALSE(success.error) << error_of(success);
    EXPECT_EQ(ctor(success), 0x390d5c5eu);
    EXPECT_FALSE(desktop.call(get_users_self()).error);
}

TEST_F(RpcAuth, QrLoginMigratesAndAsksForThePassword) {
    auto phone = make_client(handler, state, 1, 2);  // Ann (2FA), home DC 2
    login(phone, "15550001111", "24680");
    ASSERT_FALSE(
        phone.call(check_password(parse_password(phone.call(plain(0x548a30f5))), "hunter2")).error);
    auto desktop = make_client(handler, state, 2, 1);
    const auto token = token_of(desktop.call(export_login_token()));
    ASSERT_FALSE(phone.call(token_call(0xe894ad4d, token)).error);
    auto mig = desktop.call(export_login_token());
    ASSERT_EQ(ctor(mig), 0x068e9916u);
    tgs::tl::Reader rd(mig.body);
    rd.read_uint32();
    EXPECT_EQ(rd.read_int32(), 2);
    auto on_dc2 = make_client(handler, state, 3, 2);
    auto imported = on_dc2.call(token_call(0x95ac5ce4, token));
    EXPECT_EQ(error_of(imported), "SESSION_PASSWORD_NEEDED");
    auto ok =
        on_dc2.call(check_password(parse_password(on_dc2.call(plain(0x548a30f5))), "hunter2"));
    ASSERT_FALSE(ok.error) << error_of(ok);
    EXPECT_EQ(error_of(on_dc2.call(token_call(0x95ac5ce4, token))), "AUTH_TOKEN_ALREADY_ACCEPTED");
}

TEST_F(RpcAuth, LoginTokensExpire) {
    auto phone = make_client(handler, state, 1, 1);
    ASSERT_FALSE(login(phone, "15550002222", "11111").error);
    auto desktop = make_client(handler, state, 2, 1);
    const auto token = token_of(desktop.call(export_login_token()));
    phone.now += state.options().login_token_ttl_seconds;
    EXPECT_EQ(error_of(phone.call(token_call(0xe894ad4d, token))), "AUTH_TOKEN_EXPIRED");
}

TEST_F(RpcAuth, ExportImportAuthorization) {
    auto c1 = make_client(handler, state, 1, 1);
    ASSERT_FALSE(login(c1, "15550002222", "11111").error);
    tgs::tl::Writer w;
    w.write_uint32(0xe5bfffcd);
    w.write_int32(1);
    EXPECT_EQ(error_of(c1.call(w.take())), "DC_ID_INVALID");
    tgs::tl::Writer w3;
    w3.write_uint32(0xe5bfffcd);
    w3.write_int32(3);
    auto exp = c1.call(w3.take());
    ASSERT_EQ(ctor(exp), 0xb434e2b8u);
    tgs::tl::Reader rd(exp.body);
    rd.read_uint32();
    const auto id = rd.read_int64();
    const auto bytes = rd.read_bytes();
    auto import_on = [&](Client& c, std::int64_t uid, const tgs::Bytes& b) {
        tgs::tl::Writer iw;
        iw.write_uint32(0xa57a7dad);
        iw.write_int64(uid);
        iw.write_bytes(b);
        return c.call(iw.take());
    };
    auto wrong_dc = make_client(handler, state, 2, 2);
    EXPECT_EQ(error_of(import_on(wrong_dc, id, bytes)), "AUTH_BYTES_INVALID");
    auto c3 = make_client(handler, state, 3, 3);
    EXPECT_EQ(error_of(import_on(c3, id + 1, bytes)), "USER_ID_INVALID");
    auto ok = import_on(c3, id, bytes);
    ASSERT_FALSE(ok.error) << error_of(ok);
    EXPECT_FALSE(c3.call(get_users_self()).error);
    EXPECT_EQ(error_of(import_on(c3, id, bytes)), "AUTH_BYTES_INVALID");  // single use
}

TEST(RpcSessions, AuthorizationsListResetAndFreshness) {
    auto opts = three_dcs();
    opts.fresh_reset_seconds = 86400;
    ClusterState state(opts);
    RpcHandler handler(Accounts::from_json(kAccounts, 3), state, counter_random());
    auto a = make_client(handler, state, 1, 1);
    auto b = make_client(handler, state, 2, 1);
    auto other = make_client(handler, state, 3, 1);
    ASSERT_FALSE(a.call(with_layer(228, plain(0xc4f9186b))).error);
    ASSERT_FALSE(login(a, "15550002222", "11111").error);
    ASSERT_FALSE(login(b, "15550002222", "11111").error);

    auto list = a.call(plain(0xe320c158));
    ASSERT_FALSE(list.error) << error_of(list);
    tgs::tl::Reader rd(list.body);
    EXPECT_EQ(rd.read_uint32(), 0x4bff8ea0u);
    rd.read_int32();
    ASSERT_EQ(rd.read_vector_header(), 2u);
    EXPECT_EQ(rd.read_uint32(), 0xad01d61du);
    EXPECT_EQ(rd.read_uint32(), 1u);  // current
    rd.read_int64();
    EXPECT_EQ(rd.read_string(), "PC 64bit");
    rd.read_string();
    EXPECT_EQ(rd.read_string(), "Linux 6.1");
    EXPECT_EQ(rd.read_int32(), 12345);

    tgs::tl::Writer bad;
    bad.write_uint32(0xdf77f3bc);
    bad.write_int64(42);
    EXPECT_EQ(error_of(a.call(bad.take())), "HASH_INVALID");

    auto reset = a.call(plain(0x9fab0d1a));
    EXPECT_EQ(error_of(reset), "FRESH_RESET_AUTHORISATION_FORBIDDEN");
    EXPECT_EQ(reset.error_code, 406);
    a.now += 86400;
    EXPECT_EQ(ctor(a.call(plain(0x9fab0d1a))), 0x997275b5u);
    EXPECT_EQ(error_of(b.call(get_users_self())), "AUTH_KEY_UNREGISTERED");
    EXPECT_FALSE(a.call(get_users_self()).error);

    // resetAuthorization(hash) ends exactly that session.
    ASSERT_FALSE(login(other, "15550002222", "11111").error);
    const auto hash = state.find_auth_key(3)->authorization.hash;
    tgs::tl::Writer w;
    w.write_uint32(0xdf77f3bc);
    w.write_int64(hash);
    EXPECT_EQ(ctor(a.call(w.take())), 0x997275b5u);
    EXPECT_EQ(error_of(other.call(get_users_self())), "AUTH_KEY_UNREGISTERED");
}

}  // namespace
