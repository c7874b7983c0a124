// Every error code lib/auth throws has an exit rule (not the "internal" 70), lib/auth names its
// codes only through tgs/auth/errors.hpp (so the list below cannot fall behind), and the login
// branches' failures tell a wrapper what to do next.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "errors.hpp"
#include "exit_codes.hpp"
#include "json_fields.hpp"
#include "tgs/auth/errors.hpp"
#include "tgs/crypto/errors.hpp"
#include "tgs/errors.hpp"
#include "tgs/mtproto/errors.hpp"
#include "tgs/net/errors.hpp"
#include "tgs/resource_error.hpp"
#include "tgs/session/errors.hpp"
#include "tgs/tl/errors.hpp"
#include "tgs/transport/errors.hpp"

namespace tgsession {
namespace {

std::filesystem::path lib_sources(const char* layer) {
    return std::filesystem::path(TGS_TEST_DATA_DIR).parent_path().parent_path() / "lib" / layer /
           "src";
}

std::filesystem::path auth_sources() {
    return lib_sources("auth");
}

TEST(ErrorVocabulary, EveryAuthCodeHasAnExitRule) {
    for (auto code : tgs::auth::errc::kAll) {
        EXPECT_NE(exit_code_for(std::string(code)), kExitInternal) << code;
    }
}

TEST(ErrorVocabulary, EverySessionCodeHasAnExitRule) {
    for (auto code : tgs::session::errc::kAll) {
        EXPECT_NE(exit_code_for(std::string(code)), kExitInternal) << code;
    }
    // The exit codes lib/session used to decide itself (session::exit_code_for, removed: the
    // CLI's table is their one source), each still what the library's tests expected.
    const std::pair<const char*, int> kept[] = {{"SESSION_NOT_FOUND", 66},
                                                {"SESSION_UNREADABLE", 66},
                                                {"SESSION_BUSY", 75},
                                                {"SESSION_CORRUPT", 65},
                                                {"SESSION_FOREIGN", 65},
                                                {"SESSION_STRING_INVALID", 65},
                                                {"SESSION_UNSUPPORTED_VERSION", 65},
                                                {"SESSION_LOCKED", 73},
                                                {"SESSION_WRITE_FAILED", 73},
                                                {"SESSION_STORE_URL_INVALID", 64},
                                                {"SESSION_STORE_UNAVAILABLE", 69},
                                                {"SESSION_STORE_AUTH_FAILED", 77},
                                                {"SESSION_STORE_SCHEMA_MISMATCH", 65},
                                                {"RESOURCE_DESCRIPTORS", 71}};
    for (const auto& [code, exit] : kept) EXPECT_EQ(exit_code_for(code), exit) << code;
}

TEST(ErrorVocabulary, SessionSourcesNameTheirCodesOnlyInErrorsHpp) {
    const std::regex literal(R"("SESSION_[A-Z_]+")");
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(lib_sources("session"))) {
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        ++files;
        EXPECT_FALSE(std::regex_search(text.str(), literal))
            << entry.path() << " spells a SESSION_ code instead of using tgs/session/errors.hpp";
    }
    EXPECT_GT(files, 5U);
}

TEST(ErrorVocabulary, EveryMtprotoCodeHasAnExitRule) {
    for (auto code : tgs::mtproto::errc::kAll) {
        EXPECT_EQ(exit_code_for(std::string(code)), kExitUnavailable) << code;
    }
}

TEST(ErrorVocabulary, EveryTlCodeHasAnExitRule) {
    for (auto code : tgs::tl::errc::kAll) {
        EXPECT_EQ(exit_code_for(std::string(code)), kExitUnavailable) << code;
    }
}

TEST(ErrorVocabulary, EveryCryptoCodeHasAnExitRule) {
    for (auto code : tgs::crypto::errc::kAll) {
        const std::string c(code);
        EXPECT_TRUE(has_exit_rule(c)) << code;
        // Bad values from the peer are the server's fault; the rest are bugs on our side.
        const bool from_peer = c.starts_with("DH_") || c.starts_with("RSA_") ||
                               c.starts_with("PQ_") || c.starts_with("SRP_");
        EXPECT_EQ(exit_code_for(c), from_peer ? kExitUnavailable : kExitInternal) << code;
    }
}

TEST(ErrorVocabulary, EveryTransportCodeHasAnExitRule) {
    for (auto code : tgs::transport::errc::kAll) {
        EXPECT_TRUE(has_exit_rule(std::string(code))) << code;
    }
    for (auto code : tgs::transport::errc::kAll) {
        const std::string c(code);
        if (c.starts_with("TRANSPORT_")) {
            EXPECT_EQ(exit_code_for(c), kExitUnavailable) << code;
        }
    }
    EXPECT_EQ(exit_code_for(tgs::transport::errc::proxy_bad_url), kExitUsage);
    EXPECT_EQ(exit_code_for(tgs::transport::errc::proxy_auth_refused), kExitRejected);
    EXPECT_EQ(exit_code_for(tgs::transport::errc::proxy_protocol), kExitUnavailable);
}

TEST(ErrorVocabulary, EveryNetCodeHasAnExitRule) {
    for (auto code : tgs::net::errc::kAll) {
        const std::string c(code);
        EXPECT_TRUE(has_exit_rule(c)) << code;
        EXPECT_EQ(exit_code_for(c),
                  c == tgs::net::errc::proxy_auth_refused ? kExitRejected : kExitUnavailable)
            << code;
    }
}

TEST(ErrorVocabulary, EveryCliCodeHasAnExitRule) {
    for (auto code : errc::kAll) {
        const std::string c(code);
        EXPECT_TRUE(has_exit_rule(c)) << code;
        // Only the code for "an exception nobody named" means a bug.
        if (c == errc::internal) {
            EXPECT_EQ(exit_code_for(c), kExitInternal);
        } else {
            EXPECT_NE(exit_code_for(c), kExitInternal) << code;
        }
    }
    for (auto code : errc::kRpc) {
        EXPECT_TRUE(has_exit_rule(std::string(code))) << code;
        EXPECT_NE(exit_code_for(std::string(code), 400), kExitInternal) << code;
        EXPECT_TRUE(code.starts_with("RPC_")) << code;
    }
}

TEST(ErrorVocabulary, EveryCommonCodeHasAnExitRule) {
    for (auto code : tgs::common::errc::kAll) {
        EXPECT_EQ(exit_code_for(std::string(code)), kExitBadInput) << code;
    }
    for (auto code : tgs::resource::kAll) {
        EXPECT_EQ(exit_code_for(std::string(code)), kExitResource) << code;
    }
}

TEST(ErrorVocabulary, NoCodeIsNamedTwice) {
    std::set<std::string_view> seen;
    auto add = [&](const auto& all) {
        for (auto code : all) EXPECT_TRUE(seen.insert(code).second) << code << " named twice";
    };
    add(tgs::common::errc::kAll);
    add(tgs::resource::kAll);
    add(tgs::crypto::errc::kAll);
    add(tgs::tl::errc::kAll);
    add(tgs::transport::errc::kAll);
    add(tgs::mtproto::errc::kAll);
    add(tgs::net::errc::kAll);
    add(tgs::session::errc::kAll);
    add(tgs::auth::errc::kAll);
    add(errc::kAll);
    add(errc::kRpc);
}

// A layer's sources name its codes only through its errors.hpp, so kAll cannot fall behind.
void expect_no_spelled_codes(const char* layer, const char* pattern) {
    const std::regex literal(pattern);
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(lib_sources(layer))) {
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        ++files;
        EXPECT_FALSE(std::regex_search(text.str(), literal))
            << entry.path() << " spells a code instead of using lib/" << layer
            << "'s errors header";
    }
    EXPECT_GT(files, 4U);
}

TEST(ErrorVocabulary, MtprotoAndTlSourcesNameTheirCodesOnlyInErrorsHpp) {
    expect_no_spelled_codes("mtproto", R"("(HANDSHAKE|MSG|TL|DH|PQ|RSA|SRP)_[A-Z_]+")");
    expect_no_spelled_codes("tl", R"("TL_[A-Z_]+")");
}

TEST(ErrorVocabulary, CommonSourcesNameTheirCodesOnlyInErrorsHpp) {
    expect_no_spelled_codes("common", R"("(HEX|RESOURCE)_[A-Z_]+")");
}

TEST(ErrorVocabulary, CryptoTransportAndNetSourcesNameTheirCodesOnlyInErrorsHpp) {
    expect_no_spelled_codes("crypto", R"("(AES|RSA|DH|SRP|PQ|CRYPTO|BIGINT|AUTH_KEY)_[A-Z_]+")");
    expect_no_spelled_codes("transport", R"("(TRANSPORT|PROXY)_[A-Z_]+")");
    expect_no_spelled_codes("net", R"("(NET|PROXY|TRANSPORT)_[A-Z_]+")");
}

// The CLI's sources (commands and core, headers included) spell no code either: upper-case
// strings with an underscore are codes unless they are environment variable names.
std::size_t app_files_spelling_codes(const std::filesystem::path& root) {
    const std::regex literal(
        R"_("(?!(TGSESSION|TG_API|XDG)_|NO_COLOR")[A-Z][A-Z0-9]*(_[A-Z0-9]+)+"|"INTERNAL")_");
    std::size_t files = 0, spelling = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        const auto ext = entry.path().extension();
        if (ext != ".cpp" && ext != ".hpp") continue;
        if (entry.path().filename() == "errors.hpp") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        ++files;
        std::smatch m;
        const std::string s = text.str();
        if (std::regex_search(s, m, literal)) {
            ++spelling;
            ADD_FAILURE() << entry.path() << " spells " << m.str()
                          << " instead of using app/tgsession/core/errors.hpp";
        }
    }
    EXPECT_GT(files, 40U);
    return spelling;
}

TEST(ErrorVocabulary, CliSourcesNameTheirCodesOnlyInErrorsHpp) {
    const auto app = std::filesystem::path(TGS_TEST_DATA_DIR).parent_path().parent_path() / "app";
    EXPECT_EQ(app_files_spelling_codes(app / "tgsession"), 0U);
}

TEST(ErrorVocabulary, AuthSourcesThrowOnlyNamedCodes) {
    const std::regex literal(R"(Error\(\s*")");
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(auth_sources())) {
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        ++files;
        EXPECT_FALSE(std::regex_search(text.str(), literal))
            << entry.path() << " throws a code that is not in tgs/auth/errors.hpp";
    }
    EXPECT_GT(files, 5U);
}

TEST(ErrorVocabulary, LoginBranchExits) {
    EXPECT_EQ(exit_code_for("AUTH_SIGN_UP_REQUIRED"), kExitRejected);
    EXPECT_EQ(exit_code_for("AUTH_PAYMENT_REQUIRED"), kExitPaymentRequired);
    EXPECT_EQ(exit_code_for("AUTH_PASSWORD_ALGO_UNSUPPORTED"), kExitUnavailable);
    EXPECT_EQ(exit_code_for("AUTH_EMAIL_SETUP_REQUIRED"), kExitUsage);
    EXPECT_EQ(exit_code_for("RPC_EMAIL_CODE_INVALID", 400), kExitRejected);
    EXPECT_EQ(exit_code_for("RPC_CODE_INVALID", 400), kExitRejected);
    EXPECT_EQ(exit_code_for("CLI_USAGE_EMAIL"), kExitUsage);
}

TEST(ErrorVocabulary, UsageErrorsKeepTheirCode) {
    const auto f = classify(UsageError("give --email", "CLI_USAGE_EMAIL"));
    EXPECT_EQ(f.code, "CLI_USAGE_EMAIL");
    EXPECT_EQ(f.exit_code, kExitUsage);
    EXPECT_EQ(classify(UsageError("x")).code, "CLI_USAGE");
}

TEST(ErrorVocabulary, FailuresNameTheNextStep) {
    const auto at = std::chrono::system_clock::time_point{};
    auto step = [&](const char* code) {
        Failure f;
        f.code = code;
        auto j = failure_json("login", "s.session", f, at);
        return j.contains("next_step") ? j["next_step"].get<std::string>() : std::string();
    };
    EXPECT_EQ(step("AUTH_SIGN_UP_REQUIRED"), "sign_up");
    EXPECT_EQ(step("CLI_USAGE_EMAIL"), "email");
    EXPECT_EQ(step("CLI_USAGE_EMAIL_CODE"), "email_code");
    EXPECT_EQ(step("CLI_USAGE_RECOVERY_CODE"), "recovery_code");
    EXPECT_EQ(step("CLI_USAGE_PASSWORD"), "password");
    EXPECT_EQ(step("CLI_USAGE_CODE"), "code");
    EXPECT_EQ(step("CLI_USAGE_ACCEPT_TOS"), "accept_tos");
    EXPECT_EQ(step("AUTH_PAYMENT_REQUIRED"), "qr");
    EXPECT_EQ(step("RPC_PASSWORD_HASH_INVALID"), "password");
    EXPECT_EQ(step("SESSION_CORRUPT"), "");
}

}  // namespace
}  // namespace tgsession
