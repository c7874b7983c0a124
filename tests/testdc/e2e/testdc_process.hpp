// Starts the real tgsession-testdc binary for a test, reads its ready line, and stops it with
// SIGTERM (checking that it exits 0) when asked or when the test ends.
#pragma once

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace tgs::testdc::test {

class TestDcProcess {
  public:
    explicit TestDcProcess(std::vector<std::string> args) {
        int fds[2];
        EXPECT_EQ(::pipe(fds), 0);
        pid_ = ::fork();
        if (pid_ == 0) {
            ::dup2(fds[1], 1);
            ::close(fds[0]);
            const auto bin = (tgs::test::binary_dir() / "app/testdc/tgsession-testdc").string();
            std::vector<char*> argv{const_cast<char*>(bin.c_str())};
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            ::execv(bin.c_str(), argv.data());
            ::_exit(127);
        }
        ::close(fds[1]);
        FILE* out = ::fdopen(fds[0], "r");
        char line[16384];
        if (std::fgets(line, sizeof line, out)) {
            ready_line_ = line;
            ready = nlohmann::json::parse(line);
        }
        std::fclose(out);
    }
    TestDcProcess(const TestDcProcess&) = delete;
    TestDcProcess& operator=(const TestDcProcess&) = delete;
    ~TestDcProcess() {
        if (pid_ > 0) {
            EXPECT_EQ(stop(), 0) << "clean stop on SIGTERM";
        }
    }

    /// SIGTERM, wait; the exit status (-1 if it did not exit normally).
    int stop() {
        if (pid_ <= 0) return -1;
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    int port(int dc) const { return ready["dcs"][dc - 1]["port"].get<int>(); }
    std::string host(int dc) const { return ready["dcs"][dc - 1]["host"].get<std::string>(); }
    std::string public_key_pem() const { return ready["rsa_public_keys"][0].get<std::string>(); }
    /// The raw ready line as printed (with its newline).
    const std::string& ready_line() const { return ready_line_; }

    nlohmann::json ready;

  private:
    pid_t pid_ = -1;
    std::string ready_line_;
};

}  // namespace tgs::testdc::test
