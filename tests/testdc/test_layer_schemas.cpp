// Each client layer's own generated schema (tgs/tl/l144.hpp for Telethon 1.25, l198.hpp for
// GramJS, api.hpp for us) decodes what the test DC answers in that layer, to the last byte, and
// the requests those clients send (built with the same schemas) are understood.
#include <gtest/gtest.h>

#include "rpc_test_util.hpp"
#include "tgs/crypto/srp.hpp"
#include "tgs/tl/api.hpp"
#include "tgs/tl/l144.hpp"
#include "tgs/tl/l198.hpp"

namespace {

using namespace tgs::testdc;
using namespace tgs::testdc::test;
namespace api = tgs::tl::api;
namespace l144 = tgs::tl::l144;
namespace l198 = tgs::tl::l198;

constexpr const char* kAccounts = R"({
 "users": [{"phone": "15550001111", "first_name": "Ann", "last_name": "Lee", "username": "ann",
            "dc": 1, "code": "24680", "password": "hunter2", "hint": "pet"},
           {"phone": "15550002222", "first_name": "Bob", "dc": 1}],
 "bots":  [{"token": "1000009:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "username": "test_bot",
            "first_name": "Test Bot", "dc": 1}]})";

struct LayerSchemas : ::testing::Test {
    ClusterState state{three_dcs()};
    RpcHandler handler{Accounts::from_json(kAccounts, 3), state, counter_random()};

    /// Reads a whole answer as T of namespace NS; fails the test on leftover bytes.
    template <class T, class ReadFn>
    T decode(const Reply& r, ReadFn read) {
        EXPECT_FALSE(r.error) << r.error.value_or("");
        tgs::tl::Reader rd(r.body);
        T value = read(rd);
        EXPECT_TRUE(rd.at_end()) << rd.remaining() << " bytes left";
        return value;
    }
};

/// invokeWithLayer(layer, initConnection(query)) built with schema NS's own types.
template <class InvokeWithLayer, class InitConnection, class Serialize>
tgs::Bytes wrapped(std::int32_t layer, const tgs::Bytes& query, Serialize serialize) {
    InitConnection init;
    init.api_id = 12345;
    init.device_model = "PC";
    init.system_version = "Linux 6.1";
    init.app_version = "1.0";
    init.system_lang_code = "en";
    init.lang_code = "en";
    init.query = tgs::tl::RawObject{query};
    return serialize(InvokeWithLayer{layer, tgs::tl::RawObject{serialize(init)}});
}

TEST_F(LayerSchemas, Telethon144RequestsAndAnswers) {
    auto c = make_client(handler, state, 1, 1);
    auto ser = [](const auto& x) { return l144::serialize(x); };
    // Telethon's sendCode carries layer 144's codeSettings#8a6469c2.
    l144::auth_sendCode send{"+15550002222", 12345, "0123456789abcdef0123456789abcdef",
                             l144::codeSettings{}};
    auto sent_reply = c.call(
        wrapped<l144::invokeWithLayer, l144::initConnection>(144, l144::serialize(send), ser));
    const auto sent = decode<l144::auth_SentCode>(
        sent_reply, [](auto& r) { return l144::read<l144::auth_SentCode>(r); });
    const auto hash = std::get<l144::auth_sentCode>(sent).phone_code_hash;
    // Layer 144's signIn#bcd51581 (no flags).
    auto auth_reply = c.call(l144::serialize(l144::auth_signIn{"15550002222", hash, "11111"}));
    const auto auth = decode<l144::auth_Authorization>(
        auth_reply, [](auto& r) { return l144::read<l144::auth_Authorization>(r); });
    const auto& user = std::get<l144::user>(std::get<l144::auth_authorization>(auth).user);
    EXPECT_TRUE(user.self);
    EXPECT_EQ(user.first_name, "Bob");
    EXPECT_EQ(user.phone, "15550002222");
    EXPECT_TRUE(user.access_hash.has_value()) << "Telethon needs access_hash on the self user";

    const auto config = decode<l144::Config>(c.call(l144::serialize(l144::help_getConfig{})),
                                             [](auto& r) { return l144::read<l144::Config>(r); });
    EXPECT_EQ(std::get<l144::config>(config).this_dc, 1);
    EXPECT_EQ(std::get<l144::config>(config).dc_options.size(), 3u);

    const auto users = decode<std::vector<l144::User>>(
        c.call(l144::serialize(l144::users_getUsers{{l144::inputUserSelf{}}})),
        [](auto& r) { return l144::read_result<l144::users_getUsers>(r); });
    ASSERT_EQ(users.size(), 1u);
    EXPECT_EQ(std::get<l144::user>(users[0]).id, user.id);

    const auto pw = decode<l144::account_Password>(
        c.call(l144::serialize(l144::account_getPassword{})),
        [](auto& r) { return l144::read<l144::account_Password>(r); });
    EXPECT_FALSE(std::get<l144::account_password>(pw).has_password);

    const auto out =
        decode<l144::auth_LoggedOut>(c.call(l144::serialize(l144::auth_logOut{})),
                                     [](auto& r) { return l144::read<l144::auth_LoggedOut>(r); });
    EXPECT_TRUE(std::holds_alternative<l144::auth_loggedOut>(out));
}

TEST_F(LayerSchemas, GramJs198PasswordAndBot) {
    auto c = make_client(handler, state, 2, 1);
    auto ser = [](const auto& x) { return l198::serialize(x); };
    l198::auth_sendCode send{"15550001111", 12345, "0123456789abcdef0123456789abcdef",
                             l198::codeSettings{}};
    auto sent_reply = c.call(
        wrapped<l198::invokeWithLayer, l198::initConnection>(198, l198::serialize(send), ser));
    const auto sent = decode<l198::auth_SentCode>(
        sent_reply, [](auto& r) { return l198::read<l198::auth_SentCode>(r); });
    const auto hash = std::get<l198::auth_sentCode>(sent).phone_code_hash;
    l198::auth_signIn sign{"15550001111", hash, std::string("24680"), std::nullopt};
    EXPECT_EQ(error_of(c.call(l198::serialize(sign))), "SESSION_PASSWORD_NEEDED");

    const auto pw = decode<l198::account_Password>(
        c.call(l198::serialize(l198::account_getPassword{})),
        [](auto& r) { return l198::read<l198::account_Password>(r); });
    const auto& p = std::get<l198::account_password>(pw);
    ASSERT_TRUE(p.has_password);
    EXPECT_EQ(p.hint, "pet");
    const auto& algo =
        std::get<l198::passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow>(
            p.current_algo.value());
    EXPECT_EQ(algo.g, 3);
    EXPECT_EQ(algo.p, telegram_prime());
    const auto proof = tgs::crypto::srp_compute_check("hunter2", algo.salt1, algo.salt2, algo.g,
                                                      algo.p, p.srp_B.value(), tgs::Bytes(256, 9));
    l198::auth_checkPassword check{l198::inputCheckPasswordSRP{*p.srp_id, proof.A, proof.M1}};
    const auto auth = decode<l198::auth_Authorization>(c.call(l198::serialize(check)), [](auto& r) {
        return l198::read<l198::auth_Authorization>(r);
    });
    const auto& user = std::get<l198::user>(std::get<l198::auth_authorization>(auth).user);
    EXPECT_EQ(user.last_name, "Lee");
    EXPECT_EQ(user.username, "ann");

    auto bot = make_client(handler, state, 3, 1, 198);
    l198::auth_importBotAuthorization import{0, 12345, "0123456789abcdef0123456789abcdef",
                                             "1000009:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"};
    const auto bot_auth = decode<l198::auth_Authorization>(
        bot.call(l198::serialize(import)),
        [](auto& r) { return l198::read<l198::auth_Authorization>(r); });
    const auto& bot_user = std::get<l198::user>(std::get<l198::auth_authorization>(bot_auth).user);
    EXPECT_TRUE(bot_user.bot);
    EXPECT_EQ(bot_user.id, 1000009);
    EXPECT_EQ(bot_user.bot_info_version, 1);
}

TEST_F(LayerSchemas, Layer228AnswersDecodeWithApi) {
    auto c = make_client(handler, state, 4, 1, 228);
    const auto nearest =
        decode<api::NearestDc>(c.call(api::serialize(api::help_getNearestDc{})),
                               [](auto& r) { return api::read<api::NearestDc>(r); });
    EXPECT_EQ(std::get<api::nearestDc>(nearest).this_dc, 1);
    const auto token =
        decode<api::auth_LoginToken>(c.call(api::serialize(api::auth_exportLoginToken{
                                         12345, "0123456789abcdef0123456789abcdef", {}})),
                                     [](auto& r) { return api::read<api::auth_LoginToken>(r); });
    EXPECT_EQ(std::get<api::auth_loginToken>(token).token.size(), 32u);
    const auto cancelled =
        decode<bool>(c.call(api::serialize(api::auth_cancelCode{"15550002222", "nope"})),
                     [](auto& r) { return api::read_result<api::auth_cancelCode>(r); });
    EXPECT_FALSE(cancelled);
    // A wrapper this schema only knows since invokeWithoutUpdates/invokeAfterMsg were added.
    const auto wrapped_nearest = decode<api::NearestDc>(
        c.call(api::serialize(api::invokeAfterMsg{
            1, tgs::tl::RawObject{api::serialize(api::invokeWithoutUpdates{
                   tgs::tl::RawObject{api::serialize(api::help_getNearestDc{})}})}})),
        [](auto& r) { return api::read<api::NearestDc>(r); });
    EXPECT_EQ(std::get<api::nearestDc>(wrapped_nearest).nearest_dc, 1);
}

}  // namespace

namespace {

/// initConnection whose params are `depth` nested single-element jsonArrays, built with the
/// generated ids (writing a deep Box tree would itself recurse).
tgs::Bytes nested_json_init(std::size_t depth) {
    tgs::tl::Writer w;
    w.write_uint32(api::initConnection::ID);
    w.write_uint32(1u << 1);  // flags: params
    w.write_int32(12345);
    for (const char* s : {"PC", "Linux", "1.0", "en", "", "en"}) w.write_string(s);
    for (std::size_t i = 0; i < depth; ++i) {
        w.write_uint32(api::jsonArray::ID);
        w.write_vector_header(1);
    }
    w.write_uint32(api::jsonNull::ID);
    w.write_raw(api::serialize(api::help_getNearestDc{}));
    return w.take();
}

TEST_F(LayerSchemas, DeepNestingIsRefusedWithoutACrash) {
    auto c = make_client(handler, state, 5, 1, 228);
    // Ordinary nesting decodes.
    auto r = c.call(nested_json_init(20));
    EXPECT_FALSE(r.error) << r.error.value_or("");
    tgs::tl::Reader rd(r.body);
    EXPECT_EQ(std::get<api::nearestDc>(api::read<api::NearestDc>(rd)).this_dc, 1);
    // Hostile nesting under the size cap: the reader's nesting bound (TL_TOO_DEEP) refuses it
    // as an invalid request; the server keeps running.
    const std::size_t deep = (kMaxRequestBytes - 200) / 12;
    const auto hostile = nested_json_init(deep);
    ASSERT_LE(hostile.size(), kMaxRequestBytes);
    auto refused_deep = c.call(hostile);
    EXPECT_EQ(error_of(refused_deep), "INPUT_REQUEST_INVALID");
    // Beyond the size cap, refused before decoding.
    const auto too_big = nested_json_init(kMaxRequestBytes / 12 + 1);
    auto refused = c.call(too_big);
    EXPECT_EQ(error_of(refused), "INPUT_REQUEST_TOO_LONG");
    EXPECT_EQ(refused.error_code, 400);
}

}  // namespace
