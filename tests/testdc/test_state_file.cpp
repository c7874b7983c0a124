// The --state file at fleet size: 10,000 keys with bindings and authorization records written
// and read back field for field, client text that needs escaping or is not UTF-8, mode 0600.
// (How long a write takes is printed by bench/fleet_status.py, never asserted here.)
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "rpc_test_util.hpp"

namespace {

using namespace tgs::testdc;
using namespace tgs::testdc::test;

std::filesystem::path temp_state(const char* name) {
    return std::filesystem::temp_directory_path() /
           (std::string(name) + std::to_string(::getpid()) + ".json");
}

TEST(StateFile, TenThousandKeysRoundTrip) {
    const auto path = temp_state("testdc_state10k_");
    ClusterState state(three_dcs());
    for (std::uint64_t i = 0; i < 10000; ++i) {
        tgs::Bytes key(256, static_cast<std::uint8_t>(i));
        key[0] = static_cast<std::uint8_t>(i >> 8);
        auto& rec = state.add_auth_key(0xf000000000000000ull + i * 7919, key,
                                       static_cast<int>(1 + i % 3), 1'700'000'000 + i);
        rec.layer = 133 + static_cast<int>(i % 96);
        rec.authorization.device_model = "PC 64bit";
        rec.authorization.app_version = "1." + std::to_string(i);
        if (i % 2 == 0) {
            rec.user = BoundUser{7'100'000'000 + static_cast<std::int64_t>(i),
                                 i % 10 == 0,
                                 "99966" + std::to_string(10000 + i),
                                 "First",
                                 "Last " + std::to_string(i),
                                 "user" + std::to_string(i),
                                 -static_cast<std::int64_t>(i),
                                 static_cast<int>(1 + i % 3)};
        }
    }
    const auto t0 = std::chrono::steady_clock::now();
    state.save(path);
    const auto t1 = std::chrono::steady_clock::now();
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);

    ClusterState back(three_dcs());
    back.load(path);
    const auto t2 = std::chrono::steady_clock::now();
    // A figure for the reader, not a limit.
    std::printf("10,000 keys: %.1f MB written in %.1f ms, read in %.1f ms\n",
                static_cast<double>(st.st_size) / 1e6,
                std::chrono::duration<double, std::milli>(t1 - t0).count(),
                std::chrono::duration<double, std::milli>(t2 - t1).count());
    ASSERT_EQ(back.auth_keys().size(), state.auth_keys().size());
    for (const auto& [id, rec] : state.auth_keys()) {
        const auto* got = back.find_auth_key(id);
        ASSERT_NE(got, nullptr) << id;
        EXPECT_EQ(got->key, rec.key);
        EXPECT_EQ(got->dc, rec.dc);
        EXPECT_EQ(got->created, rec.created);
        EXPECT_EQ(got->layer, rec.layer);
        EXPECT_EQ(got->authorization.app_version, rec.authorization.app_version);
        EXPECT_EQ(got->authorization.date_active, rec.authorization.date_active);
        ASSERT_EQ(got->user.has_value(), rec.user.has_value());
        if (rec.user) {
            EXPECT_EQ(got->user->id, rec.user->id);
            EXPECT_EQ(got->user->bot, rec.user->bot);
            EXPECT_EQ(got->user->phone, rec.user->phone);
            EXPECT_EQ(got->user->last_name, rec.user->last_name);
            EXPECT_EQ(got->user->username, rec.user->username);
            EXPECT_EQ(got->user->access_hash, rec.user->access_hash);
            EXPECT_EQ(got->user->dc, rec.user->dc);
        }
    }
    std::filesystem::remove(path);
}

TEST(StateFile, ClientTextIsEscapedAndBadUtf8Replaced) {
    const auto path = temp_state("testdc_state_text_");
    ClusterState state(three_dcs());
    auto& rec = state.add_auth_key(1, tgs::Bytes(256, 1), 2, 0);
    rec.authorization.device_model = "quote\" back\\slash \n tab\t \x01 Ünïcödé 🙂";
    rec.authorization.system_version = std::string("bad \xff\xfe utf8");
    state.save(path);
    ClusterState back(three_dcs());
    back.load(path);
    const auto* got = back.find_auth_key(1);
    ASSERT_NE(got, nullptr);
    EXPECT_EQ(got->authorization.device_model, rec.authorization.device_model);
    EXPECT_EQ(got->authorization.system_version, "bad \xef\xbf\xbd\xef\xbf\xbd utf8");
    std::filesystem::remove(path);
}

}  // namespace
