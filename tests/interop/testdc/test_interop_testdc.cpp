// Interop: real Telethon 1.25.1 (Debian, /usr/bin/python3), GramJS (npm telegram 2.26.22) and
// mtcute (npm @mtcute/node 0.30.3) log in to the test DC (lib/testdc's Cluster served from this
// process on 127.0.0.1; the clients are child processes) over every transport they offer: phone
// login, saved-key reuse, logOut (the key is refused afterwards), PHONE_MIGRATE, 2FA (wrong
// password refused, right one accepted) and bot login; logged in, each keeps its update loop
// running for a few seconds without a failed request. The client scripts only report what they
// saw (result.json); the assertions are here. Missing tools fail the tests, never skip them.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>

#include "in_process_dc.hpp"
#include "interop_support.hpp"

namespace tgs::interop {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kPython = "/usr/bin/python3";  // Debian's, where python3-telethon lives

// The accounts the server is given (--accounts). No "code": the default (DC digit five times,
// the test-DC convention) is what the clients type.
const json kAccounts = json::parse(R"({
  "users": [
    {"id": 7000001, "phone": "9996610001", "first_name": "Alice", "username": "alice", "dc": 1},
    {"id": 7000002, "phone": "9996620002", "first_name": "Bob", "dc": 2},
    {"id": 7000003, "phone": "9996610003", "first_name": "Carol", "dc": 1,
     "password": "correct horse battery", "hint": "a horse"},
    {"id": 7000004, "phone": "9996610004", "first_name": "Dora", "dc": 1, "signed_up": false}
  ],
  "bots": [{"token": "7000009:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "username": "interop_bot",
            "first_name": "Interop Bot", "dc": 1}]
})");

// What the client scripts are told to do, with the convention codes.
const json kScenarios = json::parse(R"({
  "phone": {"phone": "9996610001", "code": "11111"},
  "migrate": {"phone": "9996620002", "code": "22222"},
  "two_factor": {"phone": "9996610003", "code": "11111", "password": "correct horse battery"},
  "bot": {"token": "7000009:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"}
})");

struct ClientRun {
    json result;
    std::string output;  // the script's stdout/stderr
    std::string server_log;
    int exit_code = 0;
};

std::string describe(const ClientRun& run) {
    auto tail = [](const std::string& s) {
        return s.size() > 6000 ? "..." + s.substr(s.size() - 6000) : s;
    };
    return "client output:\n" + tail(run.output) + "\nserver log:\n" + tail(run.server_log) +
           "\nresult: " + run.result.dump(1);
}

// Starts a test DC (accounts file or convention mode), runs one client script against it.
ClientRun run_client(const std::string& client, const std::string& transport, const json& scenarios,
                     bool with_accounts) {
    ScratchDir tmp;
    const fs::path dir = tmp.path();
    // Debug level: every request's method name is logged, so the tests can see what the update
    // loops asked for and that nothing was refused.
    auto log = std::make_shared<std::string>();
    auto log_mutex = std::make_shared<std::mutex>();
    testdc::ServeOptions options;
    options.dc_count = 2;
    options.log.level = testdc::LogLevel::Debug;
    options.log.sink = [log, log_mutex](testdc::LogLevel, const std::string& line) {
        std::lock_guard lock(*log_mutex);
        *log += line + "\n";
    };
    std::optional<testdc::Accounts> accounts;
    if (with_accounts) accounts = testdc::Accounts::from_json(kAccounts.dump(), options.dc_count);
    std::ofstream(dir / "scenarios.json") << scenarios.dump();
    tgs::test::IoThread loop;
    tgs::test::InProcessDc server(loop, std::move(options), std::move(accounts));
    std::ofstream(dir / "dc.json") << server.cluster().config_json();

    std::string command;
    const auto script = interop_script_dir();
    if (client == "telethon") {
        command = kPython + " " + shell_quote((script / "telethon_login.py").string());
    } else if (client == "mtcute") {
        command = "node " + shell_quote((script / "mtcute_login.mjs").string()) + " " +
                  shell_quote(node_dir().string());
    } else {
        command = "node " + shell_quote((script / "gramjs_login.js").string()) + " " +
                  shell_quote(node_dir().string());
    }
    command += " " + shell_quote((dir / "dc.json").string()) + " " + transport + " " +
               shell_quote(dir.string()) + " " + shell_quote((dir / "scenarios.json").string());
    ClientRun run;
    run.exit_code = run_command(command, dir / "client.out");
    run.output = read_file(dir / "client.out");
    const auto result = read_file(dir / "result.json");
    if (!result.empty()) run.result = json::parse(result);
    server.stop();
    loop.stop();
    run.server_log = *log;
    return run;
}

// Facts every logged-in user must show.
void expect_user(const json& facts, std::int64_t id, const std::string& phone,
                 const std::string& first_name, const std::string& what) {
    SCOPED_TRACE(what);
    ASSERT_FALSE(facts.contains("error")) << facts.dump(1);
    EXPECT_EQ(facts.value("id", std::int64_t{0}), id);
    EXPECT_EQ(facts.value("phone", json()).is_null() ? "" : facts["phone"].get<std::string>(),
              phone);
    EXPECT_EQ(facts.value("first_name", ""), first_name);
    EXPECT_TRUE(facts.value("self", false)) << "the logged-in user is flagged self";
    EXPECT_TRUE(facts.value("access_hash_set", false)) << "Telethon needs access_hash";
}

void expect_phone_reuse_logout(const json& r, std::int64_t id, const std::string& phone,
                               const std::string& first_name) {
    expect_user(r, id, phone, first_name, "phone login");
    EXPECT_EQ(r.value("dc", 0), 1);
    EXPECT_FALSE(r.value("bot", true));
    ASSERT_TRUE(r.contains("reuse") && r["reuse"].is_object()) << r.dump(1);
    EXPECT_EQ(r["reuse"].value("id", std::int64_t{0}), id) << "saved key reused: get_me";
    EXPECT_TRUE(r.value("reuse_authorized", false));
    EXPECT_TRUE(r.value("logged_out", false));
    EXPECT_EQ(r.value("after_logout", ""), "AUTH_KEY_UNREGISTERED") << "key refused after logOut";
    EXPECT_EQ(r.value("after_logout_code", 0), 401);
    EXPECT_FALSE(r.value("after_logout_authorized", true));
}

void expect_migrate(const json& r, std::int64_t id, const std::string& phone,
                    const std::string& first_name, int home_dc) {
    expect_user(r, id, phone, first_name, "PHONE_MIGRATE login");
    EXPECT_EQ(r.value("dc", 0), home_dc) << "the client followed PHONE_MIGRATE to the home DC";
    EXPECT_EQ(r.value("get_me_after", std::int64_t{0}), id);
}

// What every client's update loop must show once logged in: the server refused nothing while
// it ran (the scripts also record any request that failed on their side as "idle_failed").
void expect_quiet_update_loop(const json& facts, const std::string& what) {
    SCOPED_TRACE(what);
    ASSERT_TRUE(facts.contains("idle_failed")) << facts.dump(1);
    EXPECT_EQ(facts["idle_failed"], json::array()) << "requests failed while idle";
    EXPECT_NE(facts.value("still_connected", std::int64_t{0}), 0) << "getMe after idling";
}

void expect_no_unknown_methods(const ClientRun& run) {
    EXPECT_EQ(run.server_log.find("INPUT_METHOD_INVALID"), std::string::npos)
        << "the client called a method the test DC does not answer";
}

// A wrong token refused, the right one logged in, then idle.
void expect_bot(const json& bot) {
    SCOPED_TRACE("bot login");
    ASSERT_FALSE(bot.contains("error")) << bot.dump(1);
    EXPECT_EQ(bot.value("bad_token", ""), "ACCESS_TOKEN_INVALID");
    EXPECT_EQ(bot.value("id", std::int64_t{0}), 7000009);
    EXPECT_TRUE(bot.value("bot", false));
    EXPECT_EQ(bot.value("username", ""), "interop_bot");
    EXPECT_EQ(bot.value("get_me_after", std::int64_t{0}), 7000009);
    expect_quiet_update_loop(bot, "bot");
}

void expect_all_scenarios(const ClientRun& run) {
    const auto& r = run.result;
    expect_phone_reuse_logout(r.value("phone", json::object()), 7000001, "9996610001", "Alice");
    expect_migrate(r.value("migrate", json::object()), 7000002, "9996620002", "Bob", 2);
    expect_quiet_update_loop(r.value("migrate", json::object()), "after PHONE_MIGRATE");

    const json tfa = r.value("two_factor", json::object());
    expect_user(tfa, 7000003, "9996610003", "Carol", "2FA login");
    EXPECT_EQ(tfa.value("needed", ""), "SESSION_PASSWORD_NEEDED");
    EXPECT_EQ(tfa.value("wrong", ""), "PASSWORD_HASH_INVALID") << "a wrong password is refused";
    EXPECT_EQ(tfa.value("hint", ""), "a horse");
    EXPECT_EQ(tfa.value("get_me_after", std::int64_t{0}), 7000003);

    expect_bot(r.value("bot", json::object()));
    expect_no_unknown_methods(run);
}

// Fails (not skips) when a client is missing, so CI cannot pass without them.
TEST(InteropTestDcTools, ArePresent) {
    EXPECT_EQ(std::system((kPython + " -c 'import telethon; assert telethon.__version__ == "
                                     "\"1.25.1\"' 2>/dev/null")
                              .c_str()),
              0)
        << "python3-telethon 1.25.1 is not installed for " << kPython
        << " (scripts/setup-debian.sh)";
    EXPECT_TRUE(fs::exists(node_dir() / "node_modules/telegram/package.json"))
        << "run `npm ci` in tests/interop/node (scripts/setup-debian.sh)";
    EXPECT_TRUE(fs::exists(node_dir() / "node_modules/mtcute-node/package.json"))
        << "run `npm ci` in tests/interop/node (scripts/setup-debian.sh)";
    EXPECT_EQ(std::system("node --version >/dev/null 2>&1"), 0) << "node is not installed";
}

class Telethon : public ::testing::TestWithParam<std::string> {};

TEST_P(Telethon, LogsInEveryWay) {
    const auto run = run_client("telethon", GetParam(), kScenarios, true);
    ASSERT_EQ(run.exit_code, 0) << describe(run);
    ASSERT_EQ(run.result.value("version", ""), "1.25.1") << describe(run);
    expect_all_scenarios(run);
    if (HasFailure()) ADD_FAILURE() << describe(run);
}

// Sign-up of the account with no account yet (signed_up: false), the login branch Telethon 1.25.1
// and GramJS 2.26.22 have (issue 9; no email codes, recovery or future tokens at their layers).
const json kSignUp = json::parse(R"({"sign_up": {"phone": "9996610004", "code": "11111",
                                      "first_name": "Dora", "last_name": "Lane"}})");

// What every client must show after the sign-up scenario; returns its facts for the rest.
json expect_signed_up(const ClientRun& run) {
    const json up = run.result.value("sign_up", json::object());
    EXPECT_FALSE(up.contains("error")) << up.dump(1);
    EXPECT_EQ(up.value("id", std::int64_t{0}), 7000004);
    EXPECT_EQ(up.value("first_name", ""), "Dora");
    EXPECT_EQ(up.value("last_name", ""), "Lane");
    EXPECT_EQ(up.value("authorized", false), true);
    return up;
}

TEST(TelethonBranches, SignsUpANumberWithNoAccount) {
    const auto run = run_client("telethon", "intermediate", kSignUp, true);
    ASSERT_EQ(run.exit_code, 0) << describe(run);
    const json up = expect_signed_up(run);
    EXPECT_EQ(up.value("sign_up_required", false), true);
    EXPECT_EQ(up.value("terms_shown", false), true);
    if (HasFailure()) ADD_FAILURE() << describe(run);
}

TEST(GramJsBranches, SignsUpANumberWithNoAccount) {
    const auto run = run_client("gramjs", "full", kSignUp, true);
    ASSERT_EQ(run.exit_code, 0) << describe(run);
    const json up = expect_signed_up(run);
    EXPECT_EQ(up.value("names_asked", false), true);
    EXPECT_EQ(up["errors"], json::array());
    if (HasFailure()) ADD_FAILURE() << describe(run);
}

INSTANTIATE_TEST_SUITE_P(Transports, Telethon,
                         ::testing::Values("full", "intermediate", "abridged", "obfuscated"));

class GramJs : public ::testing::TestWithParam<std::string> {};

TEST_P(GramJs, LogsInEveryWay) {
    const auto run = run_client("gramjs", GetParam(), kScenarios, true);
    ASSERT_EQ(run.exit_code, 0) << describe(run);
    ASSERT_EQ(run.result.value("version", ""), "2.26.22") << describe(run);
    expect_all_scenarios(run);
    if (HasFailure()) ADD_FAILURE() << describe(run);
}

INSTANTIATE_TEST_SUITE_P(Transports, GramJs, ::testing::Values("full", "abridged", "obfuscated"));

// mtcute (npm @mtcute/node 0.30.3, layer 227) over each transport it has.
class Mtcute : public ::testing::TestWithParam<std::string> {};

TEST_P(Mtcute, LogsInEveryWayAndIdlesWithoutFailures) {
    const auto run = run_client("mtcute", GetParam(), kScenarios, true);
    ASSERT_EQ(run.exit_code, 0) << describe(run);
    ASSERT_EQ(run.result.value("version", ""), "0.30.3") << describe(run);
    const auto& r = run.result;

    const json phone = r.value("phone", json::object());
    expect_user(phone, 7000001, "9996610001", "Alice", "phone login");
    EXPECT_EQ(phone.value("dc", 0), 1);
    EXPECT_EQ(phone["failed"], json::array());
    EXPECT_TRUE(phone.contains("logged_out"));
    expect_quiet_update_loop(phone, "phone");

    const json mig = r.value("migrate", json::object());
    expect_user(mig, 7000002, "9996620002", "Bob", "PHONE_MIGRATE login");
    EXPECT_EQ(mig.value("dc", 0), 2) << "the client followed PHONE_MIGRATE to the home DC";
    expect_quiet_update_loop(mig, "migrate");

    const json tfa = r.value("two_factor", json::object());
    expect_user(tfa, 7000003, "9996610003", "Carol", "2FA login");
    EXPECT_EQ(tfa.value("wrong", ""), "password") << "a wrong password is refused first";
    EXPECT_EQ(tfa.value("get_me_after", std::int64_t{0}), 7000003);
    expect_quiet_update_loop(tfa, "2FA");

    expect_bot(r.value("bot", json::object()));

    // Its update loop starts by asking for the state.
    EXPECT_NE(run.server_log.find("updates.getState"), std::string::npos);
    expect_no_unknown_methods(run);
    if (HasFailure()) ADD_FAILURE() << describe(run);
}

INSTANTIATE_TEST_SUITE_P(Transports, Mtcute,
                         ::testing::Values("intermediate", "padded", "obfuscated"));

// Without --accounts the public convention holds: 99966XYYYY lives on DC X, code X×5. The
// migration here goes the other way (start on DC 2, home on DC 1).
const json kConventionScenarios = json::parse(R"({
  "phone": {"phone": "9996610042", "code": "11111"},
  "migrate": {"phone": "9996610043", "code": "11111", "start_dc": 2}
})");

TEST(TelethonConvention, PhoneLoginAndMigrate) {
    const auto run = run_client("telethon", "full", kConventionScenarios, false);
    ASSERT_EQ(run.exit_code, 0) << describe(run);
    expect_phone_reuse_logout(run.result.value("phone", json::object()), 9996610042, "9996610042",
                              "Test");
    expect_migrate(run.result.value("migrate", json::object()), 9996610043, "9996610043", "Test",
                   1);
    if (HasFailure()) ADD_FAILURE() << describe(run);
}

TEST(GramJsConvention, PhoneLoginAndMigrate) {
    const auto run = run_client("gramjs", "abridged", kConventionScenarios, false);
    ASSERT_EQ(run.exit_code, 0) << describe(run);
    expect_phone_reuse_logout(run.result.value("phone", json::object()), 9996610042, "9996610042",
                              "Test");
    expect_migrate(run.result.value("migrate", json::object()), 9996610043, "9996610043", "Test",
                   1);
    if (HasFailure()) ADD_FAILURE() << describe(run);
}

}  // namespace
}  // namespace tgs::interop
