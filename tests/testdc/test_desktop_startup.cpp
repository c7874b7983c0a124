// What Telegram Desktop 4.6.5 calls at start (layer 152), answered as Telegram answers an
// account with no chats: the answer constructors by id, the pinned dialogs carrying the update
// state, help.getCdnConfig listing the server's own RSA key for every DC, and the dialog calls
// refused before login.
#include <gtest/gtest.h>

#include "rpc_test_util.hpp"

namespace {

using namespace tgs::testdc;
using namespace tgs::testdc::test;

constexpr const char* kAccounts = R"({"users": [{"phone": "15550002222", "first_name": "Bob",
                                                "dc": 1, "code": "13579"}]})";
constexpr const char* kPem =
    "-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEA\n-----END RSA PUBLIC KEY-----\n";

ClusterOptions with_key() {
    auto o = three_dcs();
    o.rsa_public_key_pem = kPem;
    return o;
}

tgs::Bytes with_long(std::uint32_t id, std::int64_t v) {
    tgs::tl::Writer w;
    w.write_uint32(id);
    w.write_int64(v);
    return w.take();
}

struct DesktopStartup : ::testing::Test {
    ClusterState state{with_key()};
    RpcHandler handler{Accounts::from_json(kAccounts, 3), state, counter_random()};
    Client client = make_client(handler, state, 77, 1, 152);

    void SetUp() override { ASSERT_FALSE(login(client, "15550002222", "13579").error); }
};

TEST_F(DesktopStartup, EmptyAccountAnswers) {
    const struct {
        tgs::Bytes request;
        std::uint32_t answer;
    } cases[] = {
        {with_long(0xb8a0a1a8, 0), 0xe86602c3u},  // getAllStickers → allStickersNotModified
        {with_long(0x5cf09635, 0), 0xe8025ca2u},  // getSavedGifs → savedGifsNotModified
        {with_long(0x64780b14, 0), 0xc6dc0c66u},  // getFeaturedStickers → ...NotModified
        {plain(0x8b9b4dae), 0x57e28221u},         // account.getContentSettings
        {plain(0xf19ed96d), 0x1cb5c415u},         // getDialogFilters (152): an empty vector
        {plain(0xefd48c89), 0x2ad93719u},         // getDialogFilters (newer): dialogFilters
        {plain(0x2ca51fd1), 0xe3309f7fu},         // help.getTermsOfServiceUpdate → empty
        {plain(0xc0977421), 0x98f6ac75u},         // help.getPromoData → promoDataEmpty
    };
    for (const auto& c : cases) {
        const auto r = client.call(c.request);
        ASSERT_FALSE(r.error) << error_of(r);
        EXPECT_EQ(ctor(r), c.answer);
    }
}

TEST_F(DesktopStartup, PinnedDialogsCarryTheUpdateState) {
    tgs::tl::Writer w;
    w.write_uint32(0xd6b94df2);
    w.write_int32(0);  // folder_id
    const auto r = client.call(w.take());
    ASSERT_FALSE(r.error) << error_of(r);
    tgs::tl::Reader rd(r.body);
    EXPECT_EQ(rd.read_uint32(), 0x3371c354u);
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(rd.read_uint32(), 0x1cb5c415u);
        EXPECT_EQ(rd.read_int32(), 0);
    }
    EXPECT_EQ(rd.read_uint32(), 0xa56c2a3eu);  // updates.state
    rd.read_raw(5 * 4);
    EXPECT_TRUE(rd.at_end());
}

TEST_F(DesktopStartup, CdnConfigListsTheServersOwnKeyForEveryDc) {
    const auto r = client.call(plain(0x52029342));
    ASSERT_FALSE(r.error) << error_of(r);
    tgs::tl::Reader rd(r.body);
    EXPECT_EQ(rd.read_uint32(), 0x5725e40au);
    EXPECT_EQ(rd.read_uint32(), 0x1cb5c415u);
    ASSERT_EQ(rd.read_int32(), 3);
    for (int dc = 1; dc <= 3; ++dc) {
        EXPECT_EQ(rd.read_uint32(), 0xc982eabau);
        EXPECT_EQ(rd.read_int32(), dc);
        EXPECT_EQ(rd.read_string(), kPem);
    }
    EXPECT_TRUE(rd.at_end());
}

TEST_F(DesktopStartup, DialogsNeedALogin) {
    auto stranger = make_client(handler, state, 78, 1, 152);
    EXPECT_EQ(error_of(stranger.call(plain(0xf19ed96d))), "AUTH_KEY_UNREGISTERED");
    EXPECT_EQ(error_of(stranger.call(with_long(0xb8a0a1a8, 0))), "AUTH_KEY_UNREGISTERED");
}

}  // namespace
