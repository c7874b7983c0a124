#include "testdc_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tgs::interop {

std::filesystem::path testdc_binary() {
    return TGS_TESTDC_BIN;
}
std::filesystem::path interop_script_dir() {
    return TGS_INTEROP_TESTDC_DIR;
}
std::filesystem::path node_dir() {
    return TGS_INTEROP_NODE_DIR;
}

ScratchDir::ScratchDir() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/tgs-interop-XXXXXX";
    if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
}

ScratchDir::~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

int run_command(const std::string& command, const std::filesystem::path& output_file) {
    const std::string line =
        command + " >" + shell_quote(output_file.string()) + " 2>&1 </dev/null";
    const int rc = std::system(line.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : 128 + (WIFSIGNALED(rc) ? WTERMSIG(rc) : 0);
}

TestDcProcess::TestDcProcess(const std::filesystem::path& dir, std::vector<std::string> extra)
    : config_(dir / "dc.json"), log_(dir / "testdc.log") {
    std::vector<std::string> args{testdc_binary().string(), "--port",         "0",
                                  "--write-config",         config_.string(), "-v"};
    args.insert(args.end(), extra.begin(), extra.end());
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    const int log_fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (log_fd < 0) throw std::runtime_error("cannot create " + log_.string());
    pid_ = ::fork();
    if (pid_ == 0) {
        ::dup2(fds[1], 1);
        ::dup2(log_fd, 2);
        ::close(fds[0]);
        ::close(fds[1]);
        ::close(log_fd);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(fds[1]);
    ::close(log_fd);
    if (pid_ < 0) throw std::runtime_error("fork failed");
    stdout_ = ::fdopen(fds[0], "r");
    char line[16384];
    if (stdout_ == nullptr || std::fgets(line, sizeof line, stdout_) == nullptr) {
        stop();
        throw std::runtime_error("tgsession-testdc printed no ready line; log:\n" + log());
    }
    ready_ = nlohmann::json::parse(line);
    if (ready_.value("event", "") != "ready") {
        stop();
        throw std::runtime_error(std::string("unexpected first line: ") + line);
    }
}

TestDcProcess::~TestDcProcess() {
    stop();
}

bool TestDcProcess::stop() {
    if (pid_ <= 0) return false;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    if (stdout_ != nullptr) std::fclose(stdout_);
    stdout_ = nullptr;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int TestDcProcess::port(int dc) const {
    for (const auto& d : ready_.at("dcs")) {
        if (d.at("id").get<int>() == dc) return d.at("port").get<int>();
    }
    throw std::runtime_error("no DC " + std::to_string(dc));
}

std::string TestDcProcess::log() const {
    return read_file(log_);
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

}  // namespace tgs::interop
