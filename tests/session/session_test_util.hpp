// Helpers for the session tests: a private temp dir per test, sample sessions, file snapshots.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "test_error_code.hpp"
#include "tgs/error.hpp"
#include "tgs/session/session_data.hpp"

namespace tgs::session::test {

inline Bytes key_bytes(std::uint8_t seed) {
    Bytes k(256);
    for (std::size_t i = 0; i < k.size(); ++i)
        k[i] = static_cast<std::uint8_t>(seed * 31 + i * 7 + 1);
    return k;
}

/// A logged-in user session the way the auth layer would produce it.
inline SessionData sample_session(std::uint8_t seed = 1) {
    SessionData d;
    d.dc_id = 2;
    d.server_address = "149.154.167.51";
    d.port = 443;
    d.auth_key.emplace(key_bytes(seed));
    d.user = SelfUser{777000123, 0x1122334455667788, "SomeUser", "15550001234", "Ann", "", true};
    d.state = UpdateState{120, 7, 1700000000, 33, {}};
    return d;
}

class TempDir : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string tmpl = (std::filesystem::temp_directory_path() / "tgs-session-XXXXXX").string();
        ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
        dir_ = tmpl;
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::filesystem::path path(const std::string& name) const { return dir_ / name; }
    std::filesystem::path dir_;
};

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}
inline void spit(const std::filesystem::path& p, const std::string& s) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << s;
}

/// Files in a directory (names only), to check nothing extra (journals, temps) was left behind.
inline std::set<std::string> listing(const std::filesystem::path& dir) {
    std::set<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        out.insert(e.path().filename().string());
    return out;
}

/// table -> ordered "name type notnull pk" column descriptions.
using SchemaDesc = std::map<std::string, std::vector<std::string>>;
inline SchemaDesc describe(const std::filesystem::path& p) {
    SQLite::Database db(p.string(), SQLite::OPEN_READONLY);
    SchemaDesc out;
    SQLite::Statement t(db, "select name from sqlite_master where type='table' order by name");
    while (t.executeStep()) {
        const std::string name = t.getColumn(0).getString();
        SQLite::Statement c(db, "select name, type, \"notnull\", pk from pragma_table_info(?)");
        c.bind(1, name);
        auto& cols = out[name];
        while (c.executeStep()) {
            cols.push_back(c.getColumn(0).getString() + " " + c.getColumn(1).getString() + " " +
                           c.getColumn(2).getString() + " " + c.getColumn(3).getString());
        }
    }
    return out;
}

using tgs::test::error_code_of;

}  // namespace tgs::session::test
