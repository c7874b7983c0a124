// The real tgsession-testdc binary as a child process: started on free ports, its ready line
// parsed, its stderr (the -v log) kept in a file so a failing test can show what the server saw.
#pragma once

#include <sys/types.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tgs::interop {

class TestDcProcess {
  public:
    /// Starts `TGS_TESTDC_BIN --port 0 --write-config <dir>/dc.json -v <extra...>` and waits for
    /// the ready line. Throws std::runtime_error when the server does not come up.
    TestDcProcess(const std::filesystem::path& dir, std::vector<std::string> extra);
    /// SIGTERM, then waits; `exit_status()` tells how it ended.
    ~TestDcProcess();
    TestDcProcess(const TestDcProcess&) = delete;
    TestDcProcess& operator=(const TestDcProcess&) = delete;

    const nlohmann::json& ready() const { return ready_; }
    const std::filesystem::path& config_path() const { return config_; }
    int port(int dc) const;
    pid_t pid() const { return pid_; }
    /// The server's stderr so far (its log).
    std::string log() const;
    /// Peak resident set size (VmHWM) in KiB, read from /proc while it runs.
    long peak_rss_kib() const;
    /// Stops the server (SIGTERM) and returns true when it exited 0.
    bool stop();

  private:
    pid_t pid_ = -1;
    std::FILE* stdout_ = nullptr;  // kept open: a closed pipe would SIGPIPE a later write
    nlohmann::json ready_;
    std::filesystem::path config_;
    std::filesystem::path log_;
};

/// A fresh folder under $TMPDIR (or /tmp), removed with everything in it on destruction.
class ScratchDir {
  public:
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

/// The test DC binary and folders, fixed at configure time by CMake.
std::filesystem::path testdc_binary();
std::filesystem::path interop_script_dir();
std::filesystem::path node_dir();

/// Runs a command line (sh -c), returns its exit code; stdout/stderr go to `output_file`.
int run_command(const std::string& command, const std::filesystem::path& output_file);
std::string read_file(const std::filesystem::path& path);
std::string shell_quote(const std::string& s);

}  // namespace tgs::interop
