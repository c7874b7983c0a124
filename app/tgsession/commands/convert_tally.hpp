// `convert` of a folder or a whole store (many sessions, one destination): every member that
// can be converted is; each refused one is reported on its own (its reason on stderr, a
// failure object under --json) and the run goes on, then a summary line. A failure that is not
// the member's (the store or network out of reach, out of resources, a bug) would refuse every
// later member the same way: it stops the run instead.
#pragma once

#include <cstddef>
#include <exception>
#include <map>
#include <string>

#include "output.hpp"

namespace tgsession {

class ConvertTally {
  public:
    explicit ConvertTally(Output& out) : out_(out) {}
    void converted() { ++converted_; }
    /// Reports the member's refusal and returns true; returns false (reporting nothing: the
    /// caller rethrows, and the error is printed once) when the failure stops the run.
    bool refused(const std::string& source, const std::string& destination,
                 const std::exception& e);
    /// Prints the summary (a note: -q hides it); returns the exit code of the first refused
    /// member in listing order, or 0.
    int finish();

  private:
    Output& out_;
    std::size_t converted_ = 0;
    std::size_t refused_ = 0;
    std::map<std::string, std::size_t> reasons_;
    int exit_code_ = 0;
    std::string stopped_by_;
};

}  // namespace tgsession
