#include "testdc_process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "test_support.hpp"

namespace tgs::test {

std::filesystem::path testdc_binary() {
    return binary_dir() / "app/testdc/tgsession-testdc";
}

std::vector<std::string> TestDcProcess::in_dir_args(const std::filesystem::path& dir,
                                                    std::vector<std::string> extra) {
    std::vector<std::string> args{"--port", "0", "--write-config", (dir / "dc.json").string(),
                                  "-v"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

TestDcProcess::TestDcProcess(std::vector<std::string> args, std::filesystem::path log_file)
    : log_(std::move(log_file)) {
    args.insert(args.begin(), testdc_binary().string());
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    int log_fd = -1;
    if (!log_.empty()) {
        log_fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (log_fd < 0) throw std::runtime_error("cannot create " + log_.string());
    }
    pid_ = ::fork();
    if (pid_ == 0) {
        ::dup2(fds[1], 1);
        if (log_fd >= 0) ::dup2(log_fd, 2);
        ::close(fds[0]);
        ::close(fds[1]);
        if (log_fd >= 0) ::close(log_fd);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(fds[1]);
    if (log_fd >= 0) ::close(log_fd);
    if (pid_ < 0) throw std::runtime_error("fork failed");
    stdout_ = ::fdopen(fds[0], "r");
    char line[16384];
    if (stdout_ == nullptr || std::fgets(line, sizeof line, stdout_) == nullptr) {
        stop();
        throw std::runtime_error("tgsession-testdc printed no ready line; log:\n" + log());
    }
    ready_line_ = line;
    ready_ = nlohmann::json::parse(ready_line_);
    if (ready_.value("event", "") != "ready") {
        stop();
        throw std::runtime_error("unexpected first line: " + ready_line_);
    }
}

TestDcProcess::~TestDcProcess() {
    if (pid_ > 0) {
        EXPECT_EQ(stop(), 0) << "tgsession-testdc must stop cleanly on SIGTERM";
    }
}

int TestDcProcess::stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    if (stdout_ != nullptr) std::fclose(stdout_);
    stdout_ = nullptr;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

const nlohmann::json& TestDcProcess::dc(int id) const {
    for (const auto& d : ready_.at("dcs")) {
        if (d.at("id").get<int>() == id) return d;
    }
    throw std::runtime_error("no DC " + std::to_string(id));
}

int TestDcProcess::port(int id) const {
    return dc(id).at("port").get<int>();
}

std::string TestDcProcess::host(int id) const {
    return dc(id).at("host").get<std::string>();
}

std::string TestDcProcess::public_key_pem() const {
    return ready_.at("rsa_public_keys").at(0).get<std::string>();
}

std::string TestDcProcess::log() const {
    if (log_.empty()) return "";
    std::ifstream in(log_, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

long TestDcProcess::peak_rss_kib() const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
    std::string key;
    while (in >> key) {
        if (key == "VmHWM:") {
            long kib = 0;
            in >> kib;
            return kib;
        }
        std::string rest;
        std::getline(in, rest);
    }
    return -1;
}

}  // namespace tgs::test
