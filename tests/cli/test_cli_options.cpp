// The docs/architecture.md §3 contract: every command and option name exists and parses into the
// right field.
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>

#include "cli_options.hpp"

namespace tgsession {
namespace {

struct Parsed {
    Options opts;
    CLI::App app{"tgsession"};
    Parsed() { build_cli(app, opts, "/nonexistent/tgsession-test-config.toml"); }
    void parse(std::vector<std::string> args) {
        std::reverse(args.begin(), args.end());  // CLI11 takes them reversed
        app.parse(args);
    }
};

TEST(CliOptions, EveryCommandExists) {
    Parsed p;
    for (const char* name :
         {"login", "bot-login", "status", "revoke", "convert", "export", "import"}) {
        EXPECT_NO_THROW(p.app.get_subcommand(name)) << name;
    }
}

TEST(CliOptions, GlobalOptionNamesExist) {
    Parsed p;
    for (const char* name :
         {"--api-id", "--api-hash", "--api-hash-file", "--dc", "--rsa-key", "--server-config",
          "--test", "--proxy", "--ipv6", "--timeout", "--json", "-v", "-q", "--color", "--wait",
          "--transport", "--config"}) {
        EXPECT_NO_THROW(p.app.get_option(name)) << name;
    }
}

TEST(CliOptions, LoginOptionNamesExist) {
    Parsed p;
    auto* login = p.app.get_subcommand("login");
    for (const char* name : {"--phone", "--code", "--code-file", "--password-file", "--qr",
                             "--send-code", "--force", "--format"}) {
        EXPECT_NO_THROW(login->get_option(name)) << name;
    }
    EXPECT_NO_THROW(p.app.get_subcommand("bot-login")->get_option("--token-file"));
    EXPECT_NO_THROW(p.app.get_subcommand("status")->get_option("--offline"));
    auto* revoke = p.app.get_subcommand("revoke");
    for (const char* name : {"--list", "--others", "--hash", "--delete"}) {
        EXPECT_NO_THROW(revoke->get_option(name)) << name;
    }
    EXPECT_NO_THROW(p.app.get_subcommand("convert")->get_option("--to"));
    EXPECT_NO_THROW(p.app.get_subcommand("export")->get_option("--to"));
}

TEST(CliOptions, LoginParsesIntoFields) {
    Parsed p;
    p.parse({"--api-id", "12345", "--dc", "2=127.0.0.1:4431", "--dc", "3=127.0.0.1:4432", "--json",
             "-vv", "login", "acct", "--phone", "+9996621234", "--code", "22222", "--force",
             "--format", "telethon2", "--timeout", "3"});
    EXPECT_EQ(p.opts.command, Command::Login);
    EXPECT_EQ(p.opts.global.api_id, 12345);
    EXPECT_EQ(p.opts.global.dcs.size(), 2U);
    EXPECT_TRUE(p.opts.global.json);
    EXPECT_EQ(p.opts.global.verbose, 2);
    EXPECT_DOUBLE_EQ(p.opts.global.timeout, 3.0);  // globals may follow the command
    EXPECT_EQ(p.opts.login.session, "acct");
    EXPECT_EQ(p.opts.login.phone, "+9996621234");
    EXPECT_EQ(p.opts.login.code, "22222");
    EXPECT_TRUE(p.opts.login.force);
    EXPECT_EQ(p.opts.login.format, "telethon2");
}

TEST(CliOptions, CodeAndCodeFileExcludeEachOther) {
    Parsed p;
    EXPECT_THROW(p.parse({"login", "s", "--code", "1", "--code-file", "f"}), CLI::ParseError);
}

TEST(CliOptions, RevokeModesExcludeEachOther) {
    Parsed p;
    EXPECT_THROW(p.parse({"revoke", "s", "--list", "--others"}), CLI::ParseError);
    Parsed q;
    q.parse({"revoke", "s", "--hash", "-1234567890123"});
    EXPECT_EQ(q.opts.command, Command::Revoke);
    EXPECT_EQ(q.opts.revoke.hash, -1234567890123LL);
}

TEST(CliOptions, StatusTakesManySessions) {
    Parsed p;
    p.parse({"status", "a", "b.session", "c", "--offline"});
    EXPECT_EQ(p.opts.command, Command::Status);
    EXPECT_EQ(p.opts.status.sessions, (std::vector<std::string>{"a", "b.session", "c"}));
    EXPECT_TRUE(p.opts.status.offline);
}

TEST(CliOptions, ExportRequiresAKnownStringFormat) {
    Parsed p;
    EXPECT_THROW(p.parse({"export", "s", "--to", "telethon"}), CLI::ParseError);
    Parsed q;
    q.parse({"export", "s", "--to", "gramjs-string"});
    EXPECT_EQ(q.opts.export_.to, "gramjs-string");
}

TEST(CliOptions, ConvertAndImport) {
    Parsed p;
    p.parse({"convert", "in.session", "out.session", "--to", "pyrogram"});
    EXPECT_EQ(p.opts.command, Command::Convert);
    EXPECT_EQ(p.opts.convert.to, "pyrogram");
    Parsed q;
    q.parse({"import", "1AAAA", "dst"});
    EXPECT_EQ(q.opts.command, Command::Import);
    EXPECT_EQ(q.opts.import_.source, "1AAAA");
}

TEST(CliOptions, BadColorIsAUsageError) {
    Parsed p;
    EXPECT_THROW(p.parse({"--color", "sometimes", "status", "s"}), CLI::ParseError);
}

TEST(CliOptions, CommandIsRequired) {
    Parsed p;
    EXPECT_THROW(p.parse({"--json"}), CLI::ParseError);
}

TEST(CliOptions, EnvironmentFallbacks) {
    ::setenv("TG_API_ID", "777", 1);
    ::setenv("TGSESSION_PHONE", "9996621234", 1);
    Parsed p;
    p.parse({"login", "s"});
    ::unsetenv("TG_API_ID");
    ::unsetenv("TGSESSION_PHONE");
    EXPECT_EQ(p.opts.global.api_id, 777);
    EXPECT_EQ(p.opts.login.phone, "9996621234");
}

TEST(CliOptions, ConfigFileSuppliesGlobals) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("tgs-cli-cfg-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto file = dir / "config.toml";
    {
        std::ofstream out(file);
        out << "api-id = 4242\ntransport = \"abridged\"\n";
    }
    Options opts;
    CLI::App app{"tgsession"};
    build_cli(app, opts, file.string());
    std::vector<std::string> args{"s", "status"};
    app.parse(args);
    std::filesystem::remove_all(dir);
    EXPECT_EQ(opts.global.api_id, 4242);
    EXPECT_EQ(opts.global.transport, "abridged");
}

}  // namespace
}  // namespace tgsession
