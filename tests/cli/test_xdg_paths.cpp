// XDG paths without HOME, and the ownership/permission checks on tgsession's directories.
#include <gtest/gtest.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "tgs/error.hpp"
#include "xdg_paths.hpp"

namespace tgsession {
namespace {

/// Sets or unsets an environment variable for one test, restoring it afterwards.
class EnvVar {
  public:
    EnvVar(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value) {
            ::setenv(name, value, 1);
        } else {
            ::unsetenv(name);
        }
    }
    ~EnvVar() {
        if (old_) {
            ::setenv(name_, old_->c_str(), 1);
        } else {
            ::unsetenv(name_);
        }
    }
    EnvVar(const EnvVar&) = delete;
    EnvVar& operator=(const EnvVar&) = delete;

  private:
    const char* name_;
    std::optional<std::string> old_;
};

std::string passwd_home() {
    const struct passwd* pw = ::getpwuid(::getuid());
    return pw && pw->pw_dir ? pw->pw_dir : "";
}

std::string error_code_of(void (*f)(const std::filesystem::path&), const std::filesystem::path& p) {
    try {
        f(p);
    } catch (const tgs::Error& e) {
        return std::string(e.code());
    }
    return "";
}

TEST(XdgPaths, WithoutHomeThePasswdHomeIsUsedNeverTmp) {
    EnvVar home("HOME", nullptr);
    EnvVar config("XDG_CONFIG_HOME", nullptr);
    EnvVar state("XDG_STATE_HOME", nullptr);
    const auto pw = passwd_home();
    ASSERT_FALSE(pw.empty()) << "this test needs a passwd entry with a home directory";
    EXPECT_EQ(xdg_config_home(), std::filesystem::path(pw) / ".config");
    EXPECT_EQ(xdg_state_home(), std::filesystem::path(pw) / ".local/state");
    EXPECT_NE(xdg_config_home().string().rfind("/tmp", 0), 0u);
}

TEST(XdgPaths, RelativeHomeIsIgnored) {
    EnvVar home("HOME", "relative/dir");
    EnvVar config("XDG_CONFIG_HOME", nullptr);
    EXPECT_EQ(xdg_config_home(), std::filesystem::path(passwd_home()) / ".config");
}

class PrivateDirs : public ::testing::Test {
  protected:
    void SetUp() override {
        char tmpl[] = "/tmp/tgs-xdg-XXXXXX";
        ASSERT_NE(::mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::filesystem::path dir_;
};

TEST_F(PrivateDirs, GroupOrWorldWritableIsRefused) {
    const auto d = dir_ / "state";
    std::filesystem::create_directory(d);
    ::chmod(d.c_str(), 0777);
    EXPECT_EQ(error_code_of(&require_private, d), "PATH_UNSAFE");
    ::chmod(d.c_str(), 0775);
    EXPECT_EQ(error_code_of(&require_private, d), "PATH_UNSAFE");
    ::chmod(d.c_str(), 0755);
    EXPECT_EQ(error_code_of(&require_private, d), "");
    EXPECT_EQ(error_code_of(&require_private, dir_ / "missing"), "");
}

TEST_F(PrivateDirs, OwnedByAnotherUserIsRefused) {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root to give a directory away";
    const auto d = dir_ / "theirs";
    std::filesystem::create_directory(d);
    ASSERT_EQ(::chown(d.c_str(), 65534, 65534), 0);
    EXPECT_EQ(error_code_of(&require_private, d), "PATH_UNSAFE");
}

TEST_F(PrivateDirs, CreatedLevelsAre0700UnderAnyUmask) {
    const mode_t old = ::umask(0);
    const auto d = dir_ / "state" / "tgsession" / "pending";
    ensure_private_dir(dir_ / "state", d, "X_WRITE");
    ::umask(old);
    for (auto p : {dir_ / "state", dir_ / "state" / "tgsession", d}) {
        struct stat st {};
        ASSERT_EQ(::stat(p.c_str(), &st), 0);
        EXPECT_EQ(st.st_mode & 0777, 0700u) << p;
    }
    ::chmod((dir_ / "state" / "tgsession").c_str(), 0777);
    EXPECT_THROW(ensure_private_dir(dir_ / "state", d, "X_WRITE"), tgs::Error);
}

}  // namespace
}  // namespace tgsession
