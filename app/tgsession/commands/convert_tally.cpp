#include "convert_tally.hpp"

#include <chrono>

#include "exit_codes.hpp"
#include "json_fields.hpp"
#include "printable.hpp"
#include "redaction.hpp"

namespace tgsession {
namespace {

// Not a fact about the member: every later one would fail the same way (after a connect
// timeout each, for a store out of reach).
bool stops_the_run(int exit_code) {
    return exit_code == kExitUnavailable || exit_code == kExitResource ||
           exit_code == kExitInternal;
}

}  // namespace

bool ConvertTally::refused(const std::string& source, const std::string& destination,
                           const std::exception& e) {
    auto f = classify(e);
    if (stops_the_run(f.exit_code)) {
        stopped_by_ = f.code;
        return false;
    }
    // Messages quote file contents and server text: redacted, no control characters.
    f.message = printable(Redactor::global().apply(f.message));
    auto j = failure_json("convert", "", f, std::chrono::system_clock::now());
    j["source"] = source;
    if (!destination.empty()) j["destination"] = destination;  // none for a name no file takes
    out_.result(j);
    out_.error(printable(source) + " not converted: " + f.message);
    ++refused_;
    ++reasons_[f.code];
    if (exit_code_ == 0) exit_code_ = f.exit_code;  // the first in listing order
    return true;
}

int ConvertTally::finish() {
    std::string line = "convert: " + std::to_string(converted_) + " converted, " +
                       std::to_string(refused_) + " refused";
    std::string why;
    for (const auto& [code, n] : reasons_) {
        why += (why.empty() ? " (" : ", ") + std::to_string(n) + " " + code;
    }
    if (!why.empty()) line += why + ")";
    if (!stopped_by_.empty()) line += "; stopped at " + stopped_by_ + ", the rest not tried";
    out_.note(line);
    return exit_code_;
}

}  // namespace tgsession
