// --state FILE: auth keys and their logins survive a restart; the file is private (0600).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "rpc_test_util.hpp"

namespace {

using namespace tgs::testdc;
using namespace tgs::testdc::test;

TEST(StatePersistence, KeysAndLoginsSurviveARestart) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("testdc_state_" + std::to_string(::getpid()) + ".json");
    std::filesystem::remove(path);
    tgs::Bytes key(256);
    for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(i);
    const std::uint64_t key_id = 0xfedcba9876543210ull;  // above 2^63: must not lose bits
    {
        ClusterState state(three_dcs());
        RpcHandler handler(Accounts::convention(3), state, counter_random());
        state.add_auth_key(key_id, key, 2, 1'700'000'000);
        Client c{handler, key_id, 2};
        ASSERT_FALSE(c.call(with_layer(144, plain(0xc4f9186b))).error);
        ASSERT_FALSE(login(c, "9996621234", "22222").error);
        EXPECT_TRUE(handler.take_dirty());
        EXPECT_FALSE(handler.take_dirty());
        state.save(path);
    }
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);

    ClusterState restored(three_dcs());
    restored.load(path);
    auto* rec = restored.find_auth_key(key_id);
    ASSERT_NE(rec, nullptr);
    EXPECT_EQ(rec->key, key);
    EXPECT_EQ(rec->dc, 2);
    EXPECT_EQ(rec->layer, 144);
    EXPECT_EQ(rec->authorization.device_model, "PC 64bit");
    RpcHandler handler(Accounts::convention(3), restored, counter_random());
    Client c{handler, key_id, 2};
    auto me = c.call(get_users_self());
    ASSERT_FALSE(me.error) << error_of(me);
    tgs::tl::Reader rd(me.body);
    rd.read_uint32();
    rd.read_int32();
    EXPECT_EQ(rd.read_uint32(), 0x3ff6ecb0u);  // still answered in layer 144
    std::filesystem::remove(path);
}

TEST(StatePersistence, MissingFileIsAFreshStartAndGarbageIsAnError) {
    ClusterState state(three_dcs());
    state.load("/nonexistent/testdc_state.json");
    EXPECT_TRUE(state.auth_keys().empty());
    const auto path = std::filesystem::temp_directory_path() /
                      ("testdc_bad_" + std::to_string(::getpid()) + ".json");
    { std::ofstream(path) << "{not json"; }
    try {
        state.load(path);
        FAIL() << "expected STATE_INVALID";
    } catch (const tgs::Error& e) {
        EXPECT_EQ(e.code(), "STATE_INVALID");
    }
    std::filesystem::remove(path);
}

}  // namespace
