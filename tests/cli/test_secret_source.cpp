// Precedence: value flag > file flag > environment > TTY prompt > stdin (when allowed) > usage
// error naming every way to supply the secret.
#include <gtest/gtest.h>

#include <map>

#include "exit_codes.hpp"
#include "redaction.hpp"
#include "secret_source.hpp"

namespace tgsession {
namespace {

struct FakeEnv {
    std::map<std::string, std::string> vars;
    std::map<std::string, std::string> files;
    std::string stdin_text;
    bool interactive = false;
    std::optional<std::string> typed;
    int prompts = 0;
    bool last_echo = true;

    SecretEnvironment get() {
        SecretEnvironment e;
        e.getenv = [this](const std::string& n) -> std::optional<std::string> {
            auto it = vars.find(n);
            if (it == vars.end()) return std::nullopt;
            return it->second;
        };
        e.read_file = [this](const std::string& p) { return files.at(p); };
        e.read_stdin = [this] { return stdin_text; };
        e.interactive = interactive;
        e.prompt = [this](const std::string&, bool echo) {
            ++prompts;
            last_echo = echo;
            return typed;
        };
        return e;
    }
};

SecretSpec code_spec() {
    SecretSpec s;
    s.what = "login code";
    s.value_flag = "--code";
    s.file_flag = "--code-file";
    s.env_var = "TGSESSION_CODE";
    s.prompt = "Code: ";
    s.echo = true;
    return s;
}

TEST(SecretSource, FlagBeatsFileEnvAndPrompt) {
    FakeEnv env{{{"TGSESSION_CODE", "33333"}}, {{"f", "44444\n"}}, "", true, "55555"};
    auto spec = code_spec();
    spec.value = "22222";
    spec.file = "f";
    const auto s = resolve_secret(spec, env.get());
    EXPECT_EQ(s.value, "22222");
    EXPECT_EQ(s.origin, SecretOrigin::Flag);
    EXPECT_EQ(env.prompts, 0);
}

TEST(SecretSource, FileBeatsEnvAndLosesItsNewline) {
    FakeEnv env{{{"TGSESSION_CODE", "33333"}}, {{"f", "44444\r\n"}}, "", true, "55555"};
    auto spec = code_spec();
    spec.file = "f";
    const auto s = resolve_secret(spec, env.get());
    EXPECT_EQ(s.value, "44444");
    EXPECT_EQ(s.origin, SecretOrigin::File);
}

TEST(SecretSource, DashMeansStdin) {
    FakeEnv env{{}, {}, "pass word\n", false, std::nullopt};
    SecretSpec spec;
    spec.what = "2FA password";
    spec.file = "-";
    const auto s = resolve_secret(spec, env.get());
    EXPECT_EQ(s.value, "pass word");  // inner spaces are part of a password
    EXPECT_EQ(s.origin, SecretOrigin::StdinFile);
}

TEST(SecretSource, EnvBeatsPrompt) {
    FakeEnv env{{{"TGSESSION_CODE", "33333"}}, {}, "", true, "55555"};
    const auto s = resolve_secret(code_spec(), env.get());
    EXPECT_EQ(s.value, "33333");
    EXPECT_EQ(s.origin, SecretOrigin::Env);
    EXPECT_EQ(env.prompts, 0);
}

TEST(SecretSource, PromptsOnlyOnATerminalAndPassesEcho) {
    FakeEnv env{{}, {}, "", true, "55555"};
    auto spec = code_spec();
    spec.echo = false;
    const auto s = resolve_secret(spec, env.get());
    EXPECT_EQ(s.value, "55555");
    EXPECT_EQ(s.origin, SecretOrigin::Prompt);
    EXPECT_EQ(env.prompts, 1);
    EXPECT_FALSE(env.last_echo);
}

TEST(SecretSource, MissingWithoutTerminalIsUsageErrorNamingFlags) {
    FakeEnv env{{}, {}, "ignored", false, "55555"};
    try {
        resolve_secret(code_spec(), env.get());
        FAIL() << "expected UsageError";
    } catch (const UsageError& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find("--code"), std::string::npos) << msg;
        EXPECT_NE(msg.find("--code-file"), std::string::npos) << msg;
        EXPECT_NE(msg.find("$TGSESSION_CODE"), std::string::npos) << msg;
        EXPECT_EQ(classify(e).exit_code, kExitUsage);
    }
    EXPECT_EQ(env.prompts, 0);  // never a hang on a prompt without a terminal
}

TEST(SecretSource, StdinFallbackForBotTokens) {
    FakeEnv env{{}, {}, "1000009:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw\n", false, std::nullopt};
    SecretSpec spec;
    spec.what = "bot token";
    spec.file_flag = "--token-file";
    spec.env_var = "TGSESSION_BOT_TOKEN";
    spec.stdin_fallback = true;
    const auto s = resolve_secret(spec, env.get());
    EXPECT_EQ(s.value, "1000009:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
    EXPECT_EQ(s.origin, SecretOrigin::StdinFallback);
}

TEST(SecretSource, ResolvedSecretsAreRedactedFromLogs) {
    Redactor::global().clear();
    FakeEnv env{{{"TGSESSION_PASSWORD", "hunter2-secret"}}, {}, "", false, std::nullopt};
    SecretSpec spec;
    spec.what = "2FA password";
    spec.env_var = "TGSESSION_PASSWORD";
    resolve_secret(spec, env.get());
    EXPECT_EQ(Redactor::global().apply("pw=hunter2-secret!"), "pw=[redacted]!");
    Redactor::global().clear();
}

}  // namespace
}  // namespace tgsession
