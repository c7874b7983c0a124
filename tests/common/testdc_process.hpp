// The real tgsession-testdc binary as a child process, for the tests where the binary itself
// is under test (its command line, ready line, signals) or where another program needs a
// server to connect to (Telethon, GramJS, the CLI). Everything else runs the test DC
// in-process (in_process_dc.hpp).
#pragma once

#include <sys/types.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tgs::test {

/// The tgsession-testdc of this build tree.
std::filesystem::path testdc_binary();

class TestDcProcess {
  public:
    /// Starts tgsession-testdc with exactly `args` and waits for its ready line. Its stderr (the
    /// log) goes to `log_file` when given. Throws std::runtime_error when it prints no ready
    /// line.
    explicit TestDcProcess(std::vector<std::string> args, std::filesystem::path log_file = {});
    /// `--port 0 --write-config <dir>/dc.json -v <extra...>`, logging to <dir>/testdc.log.
    static std::vector<std::string> in_dir_args(const std::filesystem::path& dir,
                                                std::vector<std::string> extra);
    /// Stops it (SIGTERM) if still running, expecting exit status 0.
    ~TestDcProcess();
    TestDcProcess(const TestDcProcess&) = delete;
    TestDcProcess& operator=(const TestDcProcess&) = delete;

    /// SIGTERM, then waits: the exit status, or -1 when it did not exit normally (or was
    /// already stopped).
    int stop();

    const nlohmann::json& ready() const { return ready_; }
    /// The ready line as printed (with its newline).
    const std::string& ready_line() const { return ready_line_; }
    int port(int dc) const;
    std::string host(int dc) const;
    std::string public_key_pem() const;
    pid_t pid() const { return pid_; }
    /// The server's stderr so far (when a log file was given).
    std::string log() const;
    /// Peak resident set size (VmHWM) in KiB, read from /proc while it runs.
    long peak_rss_kib() const;

  private:
    const nlohmann::json& dc(int id) const;

    pid_t pid_ = -1;
    std::FILE* stdout_ = nullptr;  // kept open: a closed pipe would SIGPIPE a later write
    nlohmann::json ready_;
    std::string ready_line_;
    std::filesystem::path log_;
};

}  // namespace tgs::test
