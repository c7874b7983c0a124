// Helpers of the interop suites: scratch folders and running a client's command line. The clients
// log in to a test DC served in-process (in_process_dc.hpp); only the load test starts the
// tgsession-testdc binary (testdc_process.hpp), whose memory it measures.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "testdc_process.hpp"

namespace tgs::interop {

using tgs::test::testdc_binary;
using tgs::test::TestDcProcess;

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

/// Folders fixed at configure time by CMake.
std::filesystem::path interop_script_dir();
std::filesystem::path node_dir();

/// Runs a command line (sh -c), returns its exit code; stdout/stderr go to `output_file`.
int run_command(const std::string& command, const std::filesystem::path& output_file);
std::string read_file(const std::filesystem::path& path);
std::string shell_quote(const std::string& s);

}  // namespace tgs::interop
