// Generated api structs: flags/flags2, optional fields, shared flag bits, vectors, Box<> recursion,
// function results, and how malformed input is refused.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "test_error_code.hpp"
#include "tgs/error.hpp"
#include "tgs/tl/api.hpp"
#include "tgs/tl/mt.hpp"

namespace {

namespace api = tgs::tl::api;
using tgs::Bytes;
using tgs::tl::Reader;

template <class T>
T round_trip(const T& v) {
    Bytes wire = api::serialize(v);
    Reader r(wire);
    T back = api::read<T>(r);
    EXPECT_TRUE(r.at_end());
    EXPECT_EQ(api::serialize(back), wire);
    return back;
}

using tgs::test::error_code_of;

api::user sample_user() {
    api::user u;
    u.self = true;
    u.premium = true;
    u.bot_can_edit = true;  // a flags2 bit
    u.id = 777000;
    u.access_hash = -5;
    u.first_name = "Ada";
    u.phone = "15550001111";
    u.status = api::userStatusOffline{1700000000};
    u.photo = api::userProfilePhotoEmpty{};
    u.emoji_status = api::emojiStatusEmpty{};
    u.usernames = std::vector<api::Username>{api::username{true, true, "ada"}};
    u.color = api::peerColor{5, std::nullopt};
    u.restricted = true;  // shares bit 18 with restriction_reason
    u.restriction_reason = std::vector<api::RestrictionReason>{};
    return u;
}

TEST(GeneratedApi, UserWithFlagsAndFlags2RoundTrips) {
    api::user u = sample_user();
    auto back = round_trip(api::User{u});
    EXPECT_EQ(std::get<api::user>(back), u);

    // flags: self(10) premium(28) access_hash(0) first_name(1) phone(4) photo(5) status(6)
    // restriction_reason(18) emoji_status(30); flags2: usernames(0) bot_can_edit(1) color(8).
    Bytes wire = api::serialize(u);
    Reader r(wire);
    EXPECT_EQ(r.read_uint32(), api::user::ID);
    EXPECT_EQ(r.read_uint32(),
              (1u << 10) | (1u << 28) | 1u | 2u | 16u | 32u | 64u | (1u << 18) | (1u << 30));
    EXPECT_EQ(r.read_uint32(), 1u | 2u | (1u << 8));
}

TEST(GeneratedApi, AbsentOptionalsStayAbsent) {
    api::user u;
    u.id = 1;
    auto back = std::get<api::user>(round_trip(api::User{u}));
    EXPECT_FALSE(back.first_name.has_value());
    EXPECT_FALSE(back.self);
    EXPECT_FALSE(back.usernames.has_value());
    EXPECT_EQ(api::serialize(u).size(), 4u + 4 + 4 + 8);  // id, flags, flags2, id
}

TEST(GeneratedApi, SharedFlagBitsAreReadBackTogether) {
    api::account_password p;
    p.has_password = true;
    p.current_algo = api::passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow{
        Bytes{1, 2}, Bytes{3}, 3, Bytes(256, 0xab)};
    p.srp_B = Bytes(256, 7);
    p.srp_id = 42;
    p.new_algo = api::passwordKdfAlgoUnknown{};
    p.new_secure_algo = api::securePasswordKdfAlgoSHA512{Bytes{9}};
    p.secure_random = Bytes(32, 1);
    auto back = std::get<api::account_password>(round_trip(api::account_Password{p}));
    EXPECT_EQ(back, p);
    EXPECT_EQ(back.srp_id, 42);
}

TEST(GeneratedApi, NestedSumTypesRoundTrip) {
    api::auth_sentCode sc;
    sc.type = api::auth_sentCodeTypeApp{5};
    sc.phone_code_hash = "abcdef";
    sc.next_type = api::auth_codeTypeSms{};
    sc.timeout = 60;
    EXPECT_EQ(std::get<api::auth_sentCode>(round_trip(api::auth_SentCode{sc})), sc);

    api::auth_authorization a;
    a.user = sample_user();
    a.future_auth_token = Bytes{1, 2, 3};
    api::auth_SentCode success = api::auth_sentCodeSuccess{a};
    EXPECT_EQ(round_trip(success), success);
}

TEST(GeneratedApi, ConfigWithDcOptionsRoundTrips) {
    api::config c;
    c.date = 1;
    c.expires = 2;
    c.test_mode = true;
    c.this_dc = 2;
    c.dc_options.push_back(
        api::dcOption{true, false, false, false, true, false, 2, "::1", 443, Bytes{0xee, 1}});
    c.dc_options.push_back(api::dcOption{});
    c.me_url_prefix = "https://t.me/";
    c.reactions_default = api::reactionEmoji{"\xf0\x9f\x91\x8d"};
    EXPECT_EQ(std::get<api::config>(round_trip(api::Config{c})), c);
}

TEST(GeneratedApi, RecursiveJsonThroughBox) {
    api::jsonObject obj;
    obj.value.push_back(api::JSONObjectValue{api::jsonObjectValue{"tz", api::jsonString{"UTC"}}});
    api::jsonArray arr;
    arr.value.push_back(api::JSONValue{api::jsonNumber{1.5}});
    arr.value.push_back(api::JSONValue{api::jsonArray{}});
    obj.value.push_back(api::JSONObjectValue{api::jsonObjectValue{"list", arr}});
    api::JSONValue v = obj;
    auto back = round_trip(v);
    EXPECT_EQ(back, v);
    api::JSONValue copy = back;  // Box copies deeply
    std::get<api::jsonObject>(copy).value.clear();
    EXPECT_NE(copy, back);
}

TEST(GeneratedApi, FunctionResults) {
    std::vector<api::User> users{api::userEmpty{5}, api::User{sample_user()}};
    tgs::tl::Writer w;
    api::write_result<api::users_getUsers>(w, users);
    Reader r(w.data());
    EXPECT_EQ(api::read_result<api::users_getUsers>(r), users);

    tgs::tl::Writer wb;
    api::write_result<api::auth_cancelCode>(wb, true);
    Reader rb(wb.data());
    EXPECT_TRUE(api::read_result<api::auth_cancelCode>(rb));

    static_assert(std::is_same_v<api::invokeWithLayer::Result, tgs::tl::RawObject>);
    static_assert(std::is_same_v<api::auth_signIn::Result, api::auth_Authorization>);
}

TEST(GeneratedApi, TruncatedInputIsRefused) {
    Bytes wire = api::serialize(api::User{sample_user()});
    for (std::size_t n = 0; n < wire.size(); ++n) {
        Bytes cut(wire.begin(), wire.begin() + static_cast<long>(n));
        auto code = error_code_of([&] {
            Reader r(cut);
            api::read<api::User>(r);
        });
        // A cut just after a vector count can also surface as an impossible count.
        EXPECT_TRUE(code == "TL_TRUNCATED" || code == "TL_BAD_VECTOR") << n << ": " << code;
    }
    // Cut inside the 8-byte id: plainly truncated.
    Bytes cut(wire.begin(), wire.begin() + 14);
    EXPECT_EQ(error_code_of([&] {
                  Reader r(cut);
                  api::read<api::User>(r);
              }),
              "TL_TRUNCATED");
}

TEST(GeneratedApi, UnknownConstructorIsRefusedWithItsId) {
    Bytes wire{0xef, 0xbe, 0xad, 0xde, 0, 0, 0, 0};
    try {
        Reader r(wire);
        api::read<api::User>(r);
        FAIL();
    } catch (const tgs::Error& e) {
        EXPECT_EQ(e.code(), "TL_UNKNOWN_CONSTRUCTOR");
        EXPECT_NE(std::string(e.what()).find("0xdeadbeef"), std::string::npos);
    }
    // A known id of the wrong constructor where a specific one is expected.
    Bytes empty = api::serialize(api::userEmpty{1});
    EXPECT_EQ(error_code_of([&] {
                  Reader r(empty);
                  api::read<api::user>(r);
              }),
              "TL_UNKNOWN_CONSTRUCTOR");
}

TEST(GeneratedApi, OversizedVectorCountIsRefused) {
    tgs::tl::Writer w;
    w.write_uint32(tgs::tl::mt::msgs_ack::ID);
    w.write_vector_header(0x7fffffff);
    w.write_int64(1);
    Reader r(w.data());
    EXPECT_EQ(error_code_of([&] { tgs::tl::mt::read<tgs::tl::mt::msgs_ack>(r); }), "TL_BAD_VECTOR");

    // Two elements claimed, one present.
    tgs::tl::Writer w2;
    w2.write_uint32(api::users_getUsers::ID);
    w2.write_vector_header(2);
    w2.write_uint32(api::inputUserSelf::ID);
    Reader r2(w2.data());
    EXPECT_EQ(error_code_of([&] { api::read<api::users_getUsers>(r2); }), "TL_BAD_VECTOR");
}

TEST(GeneratedApi, ConstructorNames) {
    EXPECT_STREQ(api::constructor_name(0xc4f9186b), "help.getConfig");
    EXPECT_STREQ(api::constructor_name(api::auth_sentCode::ID), "auth.sentCode");
    EXPECT_EQ(api::constructor_name(0x12345678), nullptr);
}

}  // namespace

namespace {

TEST(GeneratedApi, FlagBitSharedByTrueAndValueFieldsIsOneBit) {
    // user.restricted (flags.18?true) and user.restriction_reason (flags.18?Vector) share a bit:
    // giving the vector alone still sets the bit, so `restricted` reads back true.
    api::user u;
    u.restriction_reason = std::vector<api::RestrictionReason>{};
    Bytes wire = api::serialize(u);
    Reader r(wire);
    auto back = api::read<api::user>(r);
    EXPECT_TRUE(back.restricted);
    EXPECT_TRUE(back.restriction_reason.has_value());
}

}  // namespace
