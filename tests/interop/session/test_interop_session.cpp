// Interop: our files and strings against real Telethon v1, GramJS and @mtcute/convert.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "../../session/session_test_util.hpp"
#include "tgs/session/store.hpp"
#include "tgs/session/strings.hpp"

namespace tgs::session::test {
namespace {

const std::string kPython = "/usr/bin/python3";  // Debian's, where python3-telethon lives
const std::filesystem::path kHere = TGS_INTEROP_SESSION_DIR;
const std::filesystem::path kNode = TGS_INTEROP_NODE_DIR;

std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Runs a command, returns its stdout parsed as JSON; fails the test on a non-zero exit.
nlohmann::json run_json(const std::string& cmd) {
    std::FILE* p = ::popen(cmd.c_str(), "r");
    if (p == nullptr) throw std::runtime_error("popen failed: " + cmd);
    std::string out;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    const int rc = ::pclose(p);
    if (rc != 0)
        throw std::runtime_error("command failed (" + std::to_string(rc) + "): " + cmd + "\n" +
                                 out);
    return nlohmann::json::parse(out);
}

nlohmann::json telethon(const std::string& args) {
    return run_json(kPython + " " + quote((kHere / "telethon_check.py").string()) + " " + args);
}
nlohmann::json gramjs(const std::string& s) {
    return run_json("node " + quote((kHere / "gramjs_check.js").string()) + " " + quote(s));
}
nlohmann::json mtcute(const std::string& kind, const std::string& s) {
    return run_json("node " + quote((kHere / "mtcute_check.js").string()) + " " + kind + " " +
                    quote(s) + " 2>/dev/null");
}

std::string key_hex(const SessionData& d) {
    return d.auth_key ? to_hex(d.auth_key->view()) : "";
}

void expect_same(const nlohmann::json& j, const SessionData& d) {
    EXPECT_EQ(j.at("dc").get<int>(), d.dc_id);
    EXPECT_EQ(j.at("address").get<std::string>(), d.server_address);
    EXPECT_EQ(j.at("port").get<int>(), d.port);
    EXPECT_EQ(j.at("key").get<std::string>(), key_hex(d));
}

SessionData at(std::string addr, int port = 443, int dc = 2, std::uint8_t seed = 3) {
    auto d = sample_session(seed);
    d.dc_id = dc;
    d.server_address = std::move(addr);
    d.port = port;
    return d;
}

class Interop : public TempDir {};

// Fails (not skips) when the tools are missing, so CI can't pass without them.
TEST(InteropTools, ArePresent) {
    EXPECT_EQ(std::system((kPython + " -c 'import telethon' 2>/dev/null").c_str()), 0)
        << "python3-telethon is not installed for " << kPython << " (scripts/setup-debian.sh)";
    EXPECT_TRUE(std::filesystem::exists(kNode / "node_modules/telegram/package.json"))
        << "run `npm ci` in tests/interop/node (scripts/setup-debian.sh)";
    EXPECT_TRUE(std::filesystem::exists(kNode / "node_modules/@mtcute/convert/package.json"))
        << "run `npm ci` in tests/interop/node";
    EXPECT_EQ(telethon("read-string ''").at("telethon").get<std::string>(), "1.25.1");
}

TEST_F(Interop, TelethonReadsOurFiles) {
    for (const auto& d : {at("149.154.167.51"), at("2001:67c:4e8:f002::a", 443, 4, 9),
                          at("127.0.0.1", 40443, 1, 5)}) {
        const auto p = path("ours" + std::to_string(d.dc_id) + ".session");
        save(p, d, Format::Telethon);
        expect_same(telethon("read-file " + quote(p.string())), d);
    }
}

TEST_F(Interop, OurTelethonSchemaMatchesTelethonsByteForByte) {
    const auto theirs = path("theirs.session");
    const auto ours = path("ours.session");
    telethon("write-file " + quote(theirs.string()) + " 2 149.154.167.51 443 " +
             to_hex(key_bytes(1)));
    save(ours, at("149.154.167.51"), Format::Telethon);
    EXPECT_EQ(telethon("schema " + quote(ours.string())),
              telethon("schema " + quote(theirs.string())));
    EXPECT_EQ(describe(ours), describe(theirs));
}

TEST_F(Interop, WeReadTelethonsFilesAndStrings) {
    for (const auto& d :
         {at("149.154.167.51", 443, 2, 1), at("2001:b28:f23d:f001::a", 443, 1, 2)}) {
        const auto p = path("t" + std::to_string(d.dc_id) + ".session");
        telethon("write-file " + quote(p.string()) + " " + std::to_string(d.dc_id) + " " +
                 d.server_address + " " + std::to_string(d.port) + " " + key_hex(d));
        const auto loaded = open_read_only(p);
        EXPECT_EQ(loaded.format, Format::Telethon);
        EXPECT_EQ(loaded.data.dc_id, d.dc_id);
        EXPECT_EQ(loaded.data.server_address, d.server_address);
        EXPECT_EQ(loaded.data.port, d.port);
        EXPECT_EQ(loaded.data.auth_key, d.auth_key);

        const auto s = telethon("write-string " + std::to_string(d.dc_id) + " " + d.server_address +
                                " " + std::to_string(d.port) + " " + key_hex(d))
                           .at("string")
                           .get<std::string>();
        EXPECT_EQ(detect_string_format(s), Format::TelethonString);
        const auto back = decode_string(s);
        EXPECT_EQ(back.server_address, d.server_address);
        EXPECT_EQ(back.auth_key, d.auth_key);
        EXPECT_EQ(encode_string(back, Format::TelethonString), s);  // byte-identical re-encoding
    }
}

TEST_F(Interop, TelethonReadsOurStrings) {
    for (const auto& d : {at("149.154.167.51"), at("2001:67c:4e8:f002::a", 443, 4, 8)}) {
        expect_same(telethon("read-string " + quote(encode_string(d, Format::TelethonString))), d);
    }
}

TEST_F(Interop, GramjsLoadsOurGramjsAndTelethonStrings) {
    for (const auto& d : {at("149.154.167.91", 443, 4), at("127.0.0.1", 8443, 2),
                          at("vesta.web.telegram.org", 443, 4)}) {
        const auto s = encode_string(d, Format::GramjsString);
        const auto j = gramjs(s);
        expect_same(j, d);
        EXPECT_EQ(j.at("resaved").get<std::string>(), s);  // GramJS writes exactly what we wrote
    }
    for (const auto& d : {at("149.154.167.51"), at("2001:67c:4e8:f002::a", 443, 4, 8)}) {
        const auto j = gramjs(encode_string(d, Format::TelethonString));
        expect_same(j, d);
        // GramJS re-saves a Telethon string in its own layout; we read that back identically.
        const auto resaved = j.at("resaved").get<std::string>();
        EXPECT_EQ(detect_string_format(resaved), Format::GramjsString);
        const auto back = decode_string(resaved);
        EXPECT_EQ(back.server_address, d.server_address);
        EXPECT_EQ(back.auth_key, d.auth_key);
    }
}

TEST_F(Interop, MtcuteDecodesOurStrings) {
    for (const auto& d : {at("149.154.167.51"), at("2001:67c:4e8:f002::a", 443, 4, 8)}) {
        const auto j = mtcute("telethon", encode_string(d, Format::TelethonString));
        expect_same(j, d);
        EXPECT_EQ(j.at("ipv6").get<bool>(), d.server_address.find(':') != std::string::npos);
    }
    {
        const auto d = at("149.154.167.91", 443, 4);
        expect_same(mtcute("gramjs", encode_string(d, Format::GramjsString)), d);
    }
    auto d = at("149.154.167.51", 443, 2, 6);
    d.api_id = 123456;
    const auto j = mtcute("pyrogram", encode_string(d, Format::PyrogramString));
    EXPECT_EQ(j.at("dc").get<int>(), 2);
    EXPECT_EQ(j.at("api_id").get<int>(), 123456);
    EXPECT_EQ(j.at("test").get<bool>(), false);
    EXPECT_EQ(j.at("user_id").get<std::int64_t>(), d.user->id);
    EXPECT_EQ(j.at("bot").get<bool>(), true);
    EXPECT_EQ(j.at("key").get<std::string>(), key_hex(d));
}

}  // namespace
}  // namespace tgs::session::test
