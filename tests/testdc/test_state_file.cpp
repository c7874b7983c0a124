// The --state file at fleet size: 10,000 keys with bindings and authorization records written
// and read back field for field, client text that needs escaping or is not UTF-8, mode 0600;
// temporary keys with their expiry and binding, and files written before those were kept.
// (How long a write takes is printed by bench/fleet_status.py, never asserted here.)
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

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
    EXPECT_EQ(back.drop_expired_keys(2'000'000'000), 0u);  // the pass run before every save
    const auto t3 = std::chrono::steady_clock::now();
    // Figures for the reader, not limits.
    std::printf("10,000 keys: %.1f MB written in %.1f ms, read in %.1f ms, expiry pass %.3f ms\n",
                static_cast<double>(st.st_size) / 1e6,
                std::chrono::duration<double, std::milli>(t1 - t0).count(),
                std::chrono::duration<double, std::milli>(t2 - t1).count(),
                std::chrono::duration<double, std::milli>(t3 - t2).count());
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

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Before, a temporary key was written like a permanent one: after a restart it never expired and
// its binding was lost.
TEST(StateFile, TemporaryKeysKeepTheirExpiryAndBinding) {
    const auto path = temp_state("testdc_state_temp_");
    const std::uint64_t perm = 0xfedcba9876543210ull;  // above 2^63: kept as a string
    ClusterState state(three_dcs());
    state.add_auth_key(perm, tgs::Bytes(256, 1), 1, 1'700'000'000);
    auto& temp = state.add_auth_key(77, tgs::Bytes(256, 2), 1, 1'700'000'000);
    temp.expires_at = 1'700'086'400;
    temp.bound_to = perm;
    state.save(path);
    ClusterState back(three_dcs());
    back.load(path);
    const auto* got = back.find_auth_key(77);
    ASSERT_NE(got, nullptr);
    EXPECT_EQ(got->expires_at, 1'700'086'400);
    EXPECT_EQ(got->bound_to, perm);
    ASSERT_NE(back.find_auth_key(perm), nullptr);
    EXPECT_EQ(back.find_auth_key(perm)->expires_at, 0);
    EXPECT_EQ(back.find_auth_key(perm)->bound_to, 0u);
    // A permanent key's line has neither field.
    const auto text = read_text(path);
    const auto line = text.substr(text.find("\"id\":\"" + std::to_string(perm) + "\""));
    EXPECT_EQ(line.substr(0, line.find('\n')).find("expires_at"), std::string::npos);
    std::filesystem::remove(path);
}

// A file as the test DC wrote it before temporary keys were saved still loads, as permanent keys.
TEST(StateFile, AFileWrittenBeforeTemporaryKeysWereSavedStillLoads) {
    const auto path = temp_state("testdc_state_old_");
    const std::string key(512, 'a');
    {
        std::ofstream out(path);
        out << R"({"version":1,"auth_keys":[{"id":"18364758544493064720","key":")" << key
            << R"(","dc":2,"created":1700000000,"layer":198,"authorization":{"hash":5,)"
            << R"("device_model":"PC 64bit","platform":"","system_version":"Linux","api_id":)"
            << R"(12345,"app_name":"","app_version":"1.0","date_created":1700000000,)"
            << R"("date_active":1700000100,"ip":"127.0.0.1"},"user":{"id":7100000001,)"
            << R"("bot":false,"phone":"9996621234","first_name":"A","last_name":"B",)"
            << R"("username":"","access_hash":-3,"dc":2}},)"
            << "\n"
            << R"({"id":"5","key":")" << key << R"(","dc":1,"created":1700000000,"layer":0,)"
            << R"("authorization":{"hash":0,"device_model":"","platform":"","system_version":)"
            << R"("","api_id":0,"app_name":"","app_version":"","date_created":1700000000,)"
            << R"("date_active":1700000000,"ip":""}}]})"
            << "\n";
    }
    ClusterState back(three_dcs());
    back.load(path);
    ASSERT_EQ(back.auth_keys().size(), 2u);
    const auto* a = back.find_auth_key(18364758544493064720ull);
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->layer, 198);
    ASSERT_TRUE(a->user.has_value());
    EXPECT_EQ(a->user->phone, "9996621234");
    EXPECT_EQ(a->expires_at, 0);
    EXPECT_EQ(a->bound_to, 0u);
    EXPECT_EQ(back.drop_expired_keys(2'000'000'000), 0u) << "permanent keys never expire";
    std::filesystem::remove(path);
}

// Expired temporary keys leave the state (bound or not, with their binding); a temporary key
// not yet expired and the permanent keys stay, and the file written next holds only those.
TEST(StateFile, ExpiredTemporaryKeysAreDroppedAndNotWritten) {
    const auto path = temp_state("testdc_state_expired_");
    constexpr std::int64_t kNow = 1'700'000'000;
    ClusterState state(three_dcs());
    state.add_auth_key(1, tgs::Bytes(256, 1), 1, kNow);                    // permanent
    state.add_auth_key(2, tgs::Bytes(256, 2), 1, kNow).expires_at = kNow;  // expires now
    auto& bound = state.add_auth_key(3, tgs::Bytes(256, 3), 1, kNow);
    bound.expires_at = kNow - 60;
    bound.bound_to = 1;
    state.add_auth_key(4, tgs::Bytes(256, 4), 1, kNow).expires_at = kNow + 1;
    state.save(path);
    EXPECT_NE(read_text(path).find("\"id\":\"3\""), std::string::npos);

    EXPECT_EQ(state.drop_expired_keys(kNow), 2u);
    EXPECT_EQ(state.find_auth_key(2), nullptr);
    EXPECT_EQ(state.find_auth_key(3), nullptr);
    ASSERT_NE(state.find_auth_key(1), nullptr);
    ASSERT_NE(state.find_auth_key(4), nullptr);
    state.save(path);
    const auto text = read_text(path);
    EXPECT_EQ(text.find("\"id\":\"2\""), std::string::npos);
    EXPECT_EQ(text.find("\"id\":\"3\""), std::string::npos);
    EXPECT_EQ(text.find("bound_to"), std::string::npos);
    ClusterState back(three_dcs());
    back.load(path);
    EXPECT_EQ(back.auth_keys().size(), 2u);
    EXPECT_EQ(back.find_auth_key(4)->expires_at, kNow + 1);
    std::filesystem::remove(path);
}

}  // namespace
