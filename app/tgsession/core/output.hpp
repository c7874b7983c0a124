// Where output goes: with --json, one JSON object per result on stdout and all human text on
// stderr; without it, results as text on stdout and notes on stderr. -q hides notes.
#pragma once

#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "terminal.hpp"

namespace tgsession {

class Output {
  public:
    Output(bool json, bool quiet, Style style, std::ostream& out = std::cout,
           std::ostream& err = std::cerr)
        : json_(json), quiet_(quiet), style_(style), out_(out), err_(err) {}

    bool json() const { return json_; }
    bool quiet() const { return quiet_; }
    const Style& style() const { return style_; }

    /// A machine result: printed only in --json mode (one line).
    void result(const nlohmann::json& j) {
        if (json_) out_ << j.dump() << '\n' << std::flush;
    }
    /// The human form of a result: stdout normally, stderr under --json.
    /// One write per line: std::cerr is unbuffered, so `<< line << '\n'` would be two.
    void text(const std::string& line) {
        std::string whole;
        whole.reserve(line.size() + 1);
        whole.append(line).push_back('\n');
        (json_ ? err_ : out_) << whole << std::flush;
    }
    /// Progress and hints; hidden by -q.
    void note(const std::string& line) {
        if (!quiet_) err_ << line << '\n' << std::flush;
    }
    void error(const std::string& line) {
        err_ << style_.red("error: ") << line << '\n' << std::flush;
    }

  private:
    bool json_;
    bool quiet_;
    Style style_;
    std::ostream& out_;
    std::ostream& err_;
};

}  // namespace tgsession
