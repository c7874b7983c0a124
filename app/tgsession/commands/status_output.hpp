// Prints `status` results as they finish (or in input order with --keep-order), keeps the
// tally for the summary on stderr and the exit code, and draws a progress line on a terminal.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "output.hpp"
#include "status_check.hpp"

namespace tgsession {

struct StatusPrinterOptions {
    std::size_t total = 0;
    bool keep_order = false;
    bool progress = false;  // a terminal stderr, not --json, not -q
    bool summary = false;   // more than one file, not -q (finish() also wants 2+ not repeats)
};

class StatusPrinter {
  public:
    StatusPrinter(Output& out, StatusPrinterOptions options);
    void add(std::size_t index, StatusResult result);
    /// Prints the summary; returns the exit code: 71 if any check ran out of resources, else
    /// 69 if a server was unreachable, else the code of the first file (in input order) that
    /// failed otherwise, else 1 if any session is not authorized, else 0.
    int finish();
    /// Results that were repeats (StatusResult::repeat): neither printed nor counted.
    std::size_t repeats() const { return repeats_; }

  private:
    void tally(std::size_t index, const StatusResult& result);
    void print(const StatusResult& r);
    void draw_progress(bool force);
    void clear_progress();
    std::string summary_line() const;

    Output& out_;
    StatusPrinterOptions options_;
    std::size_t next_to_print_ = 0;
    std::map<std::size_t, StatusResult> waiting_;  // --keep-order: finished ahead of their turn
    std::size_t done_ = 0;     // results in, repeats too (the progress line counts them)
    std::size_t repeats_ = 0;  // of which repeats
    bool progress_shown_ = false;
    std::chrono::steady_clock::time_point last_draw_{};
    // Tally
    std::map<std::string, std::size_t> by_state_;
    std::map<std::string, std::size_t> not_authorized_reasons_;
    std::map<std::string, std::size_t> error_reasons_;
    bool resource_ = false;
    bool unreachable_ = false;
    bool not_authorized_ = false;
    int file_error_ = 0;
    std::size_t file_error_index_ = static_cast<std::size_t>(-1);
};

/// The human line of one result ("a.session: authorized, telethon, DC 2, user 42 @ann, ...").
std::string status_human_line(const Style& st, const StatusReport& r);

}  // namespace tgsession
