// Telegram Desktop tdata folders through the public API: round trips, passcodes, damaged files.
// The byte-level format is checked against an independent implementation (Python hashlib +
// AES) in tests/e2e/test_tdata.py.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "session_test_util.hpp"
#include "test_error_code.hpp"
#include "tgs/session/errors.hpp"
#include "tgs/session/tdata.hpp"

namespace tgs::session::test {
namespace {

using tdata::Account;
using tdata::Folder;

// The file name of account 0 ("data"), as published by every tdata converter.
constexpr const char* kAccount0 = "D877F783D5D3EF8C";

tdata::MtpConfig server_config() {
    tdata::MtpConfig c;
    c.dc_options = {{1, 0, "127.0.0.1", 41001, {}},
                    {2, 0, "127.0.0.1", 41002, {}},
                    {2, tdata::kFlagIpv6, "::1", 41002, {}}};
    c.rsa_keys = {{1, Bytes(256, 0xC1), Bytes{1, 0, 1}}, {2, Bytes(256, 0xC2), Bytes{1, 0, 1}}};
    c.fields = tdata::default_config(false).fields;  // what a read gives back
    return c;
}

Account sample_account(int index = 0) {
    Account a;
    a.index = index;
    a.user_id = 5'000'000'000ULL + static_cast<unsigned>(index);  // needs the 64-bit layout
    a.main_dc = 2;
    a.keys.push_back({2, AuthKeyBytes(key_bytes(static_cast<std::uint8_t>(index + 1)))});
    a.keys.push_back({4, AuthKeyBytes(key_bytes(static_cast<std::uint8_t>(index + 9)))});
    a.config = server_config();
    return a;
}

using tgs::test::error_code_of;

void flip_byte(const std::filesystem::path& p, std::size_t from_end) {
    auto s = slurp(p);
    s[s.size() - from_end] = static_cast<char>(s[s.size() - from_end] ^ 0x40);
    spit(p, s);
}

class Tdata : public TempDir {
  protected:
    std::filesystem::path folder() const { return path("tdata"); }
};

TEST_F(Tdata, RoundTripKeepsEveryField) {
    Folder f;
    f.accounts.push_back(sample_account());
    f.accounts.front().keys_to_destroy.push_back({1, AuthKeyBytes(key_bytes(42))});
    tdata::write_folder(folder(), f);
    EXPECT_TRUE(tdata::is_tdata_folder(folder()));
    EXPECT_FALSE(tdata::has_passcode(folder()));
    const auto back = tdata::read_folder(folder());
    EXPECT_EQ(back, f);
}

TEST_F(Tdata, FilesAreNamedAndProtectedAsTheAppExpects) {
    Folder f;
    f.accounts.push_back(sample_account());
    tdata::write_folder(folder(), f);
    EXPECT_EQ(listing(folder()),
              (std::set<std::string>{"key_datas", std::string(kAccount0) + "s", kAccount0}));
    EXPECT_EQ(listing(folder() / kAccount0), (std::set<std::string>{"maps", "configs"}));
    for (const auto& p : {folder() / "key_datas", folder() / (std::string(kAccount0) + "s"),
                          folder() / kAccount0 / "maps", folder() / kAccount0 / "configs"}) {
        struct stat st {};
        ASSERT_EQ(::stat(p.c_str(), &st), 0) << p;
        EXPECT_EQ(st.st_mode & 0777, 0600u) << p;
        EXPECT_EQ(slurp(p).substr(0, 4), "TDF$") << p;
    }
}

TEST_F(Tdata, SeveralAccountsAndTheActiveOne) {
    Folder f;
    f.accounts = {sample_account(0), sample_account(2)};
    f.active_index = 2;
    tdata::write_folder(folder(), f);
    const auto back = tdata::read_folder(folder());
    EXPECT_EQ(back, f);
    EXPECT_EQ(tdata::account_at(back, 2).user_id, 5'000'000'002ULL);
    EXPECT_EQ(error_code_of([&] { tdata::account_at(back, 1); }), errc::tdata_no_account);
}

TEST_F(Tdata, PasscodeProtectsTheLocalKey) {
    Folder f;
    f.accounts.push_back(sample_account());
    tdata::write_folder(folder(), f, "correct horse");
    EXPECT_TRUE(tdata::has_passcode(folder()));
    EXPECT_EQ(error_code_of([&] { tdata::read_folder(folder()); }), errc::tdata_passcode_required);
    EXPECT_EQ(error_code_of([&] { tdata::read_folder(folder(), "wrong horse"); }),
              errc::tdata_wrong_passcode);
    EXPECT_EQ(tdata::read_folder(folder(), "correct horse"), f);
}

TEST_F(Tdata, DamagedFilesAreRefusedByName) {
    Folder f;
    f.accounts.push_back(sample_account());
    tdata::write_folder(folder(), f);
    const auto account_file = folder() / (std::string(kAccount0) + "s");
    const auto good = slurp(account_file);

    flip_byte(account_file, 20);  // inside the payload
    EXPECT_EQ(error_code_of([&] { tdata::read_folder(folder()); }), errc::tdata_checksum);
    spit(account_file, good);
    flip_byte(account_file, 1);  // inside the MD5 itself
    EXPECT_EQ(error_code_of([&] { tdata::read_folder(folder()); }), errc::tdata_checksum);
    spit(account_file, "XDF$" + good.substr(4));
    EXPECT_EQ(error_code_of([&] { tdata::read_folder(folder()); }), errc::tdata_corrupt);
    spit(account_file, good.substr(0, 10));
    EXPECT_EQ(error_code_of([&] { tdata::read_folder(folder()); }), errc::tdata_corrupt);
    spit(account_file, good);
    EXPECT_EQ(tdata::read_folder(folder()), f);

    std::filesystem::remove(folder() / "key_datas");
    EXPECT_FALSE(tdata::is_tdata_folder(folder()));
    EXPECT_EQ(error_code_of([&] { tdata::read_folder(folder()); }), errc::not_found);
}

TEST_F(Tdata, LegacyCopiesAreReadNewestFirst) {
    Folder f;
    f.accounts.push_back(sample_account());
    tdata::write_folder(folder(), f);
    // Apps before 2.x wrote NAME0 / NAME1 in turn; a damaged newer copy falls back to the other.
    const auto s = folder() / (std::string(kAccount0) + "s");
    const auto good = slurp(s);
    std::filesystem::remove(s);
    spit(folder() / (std::string(kAccount0) + "0"), good);
    spit(folder() / (std::string(kAccount0) + "1"), "TDF$broken");
    std::filesystem::last_write_time(
        folder() / (std::string(kAccount0) + "0"),
        std::filesystem::file_time_type::clock::now() - std::chrono::hours(1));
    EXPECT_EQ(tdata::read_folder(folder()), f);
}

TEST_F(Tdata, SessionConversionUsesTheStoredAddresses) {
    auto d = sample_session();
    d.server_address = "127.0.0.1";
    d.port = 41002;
    d.other_dcs.push_back({4, std::nullopt, std::nullopt, AuthKeyBytes(key_bytes(77))});
    const auto a = tdata::from_session(d, 0, server_config());
    EXPECT_EQ(a.user_id, static_cast<std::uint64_t>(d.user->id));
    EXPECT_EQ(a.main_dc, 2);
    ASSERT_EQ(a.keys.size(), 2u);
    const auto back = tdata::to_session(a);
    EXPECT_EQ(back.dc_id, 2);
    EXPECT_EQ(back.server_address, "127.0.0.1");
    EXPECT_EQ(back.port, 41002);
    EXPECT_EQ(back.auth_key, d.auth_key);
    ASSERT_TRUE(back.user);
    EXPECT_EQ(back.user->id, d.user->id);
    ASSERT_EQ(back.other_dcs.size(), 1u);
    EXPECT_EQ(back.other_dcs[0].auth_key, d.other_dcs[0].auth_key);

    // Without a stored config the account is on Telegram's published address.
    auto plain = a;
    plain.config.reset();
    EXPECT_EQ(tdata::to_session(plain).server_address, "149.154.167.51");

    auto no_user = d;
    no_user.user.reset();
    EXPECT_EQ(error_code_of([&] { tdata::from_session(no_user, 0, std::nullopt); }),
              errc::tdata_no_user);
    auto no_main_key = a;
    no_main_key.keys.erase(no_main_key.keys.begin());
    EXPECT_EQ(error_code_of([&] { tdata::to_session(no_main_key); }), errc::no_auth_key);
}

TEST_F(Tdata, DefaultConfigHasTheAppsBuiltInAddresses) {
    const auto prod = tdata::default_config(false);
    EXPECT_FALSE(prod.test_environment);
    EXPECT_EQ(prod.dc_options.front().ip, "149.154.175.50");
    EXPECT_TRUE(prod.rsa_keys.empty());
    Folder f;
    f.accounts.push_back(sample_account());
    f.accounts.front().config = prod;
    tdata::write_folder(folder(), f);
    EXPECT_EQ(tdata::read_folder(folder()), f);
}

}  // namespace
}  // namespace tgs::session::test
