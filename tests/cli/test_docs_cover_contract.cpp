// The man page and the three completion scripts mention every long option and command the
// parser knows, so adding an option without documenting it fails here.
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <sstream>

#include "cli_options.hpp"
#include "test_support.hpp"

namespace tgsession {
namespace {

std::string read(const std::filesystem::path& p) {
    std::ifstream in(p);
    EXPECT_TRUE(in.good()) << p;
    std::stringstream buf;
    buf << in.rdbuf();
    std::string s = buf.str();
    // roff writes a literal dash as "\-".
    for (auto pos = s.find("\\-"); pos != std::string::npos; pos = s.find("\\-", pos)) {
        s.erase(pos, 1);
    }
    return s;
}

std::vector<std::string> every_name(CLI::App& app) {
    std::vector<std::string> names;
    auto add_options = [&names](const CLI::App* a) {
        for (const auto* o : a->get_options()) {
            for (const auto& l : o->get_lnames()) names.push_back("--" + l);
        }
    };
    add_options(&app);
    for (const auto* sub : app.get_subcommands({})) {
        names.push_back(sub->get_name());
        add_options(sub);
    }
    return names;
}

TEST(DocsCoverContract, ManPageAndCompletions) {
    Options opts;
    CLI::App app{"tgsession"};
    build_cli(app, opts, "/nonexistent/config.toml");
    const auto root = tgs::test::data_dir().parent_path().parent_path();
    for (const char* doc : {"man/tgsession.1", "completions/tgsession.bash",
                            "completions/_tgsession", "completions/tgsession.fish"}) {
        const auto text = read(root / doc);
        for (const auto& name : every_name(app)) {
            if (name == "--help") continue;
            std::string needle = name;
            // fish spells long options as "-l name".
            if (std::string(doc).ends_with(".fish") && name.starts_with("--")) {
                needle = "-l " + name.substr(2);
            }
            EXPECT_NE(text.find(needle), std::string::npos) << doc << " lacks " << name;
        }
    }
}

}  // namespace
}  // namespace tgsession
