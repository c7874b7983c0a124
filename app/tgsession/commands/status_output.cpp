#include "status_output.hpp"

#include <iostream>

namespace tgsession {

StatusPrinter::StatusPrinter(Output& out, StatusPrinterOptions options)
    : out_(out), options_(options) {}

void StatusPrinter::add(std::size_t index, StatusResult result) {
    ++done_;
    // A repeat still goes through the ordering below (--keep-order waits for its turn), but
    // print() leaves it out.
    if (result.repeat) {
        ++repeats_;
    } else {
        tally(index, result);
    }

    if (!options_.keep_order) {
        print(result);
    } else if (index == next_to_print_) {
        print(result);
        ++next_to_print_;
        for (auto it = waiting_.begin(); it != waiting_.end() && it->first == next_to_print_;
             it = waiting_.erase(it)) {
            print(it->second);
            ++next_to_print_;
        }
    } else {
        waiting_.emplace(index, std::move(result));
    }
    draw_progress(false);
}

void StatusPrinter::tally(std::size_t index, const StatusResult& result) {
    const auto& r = result.report;
    ++by_state_[r.state];
    if (result.resource_error()) {
        resource_ = true;
    } else if (result.exit_code == kExitUnavailable) {
        unreachable_ = true;
    } else if (result.exit_code == kExitNotAuthorized) {
        not_authorized_ = true;
    } else if (result.exit_code != kExitOk && index < file_error_index_) {
        // The first in input order, not in finishing order: the same run gives the same code.
        file_error_index_ = index;
        file_error_ = result.exit_code;
    }
    if (r.state == "not_authorized" && r.reason) ++not_authorized_reasons_[*r.reason];
    if ((r.state == "error" || r.state == "unreachable") && r.reason) ++error_reasons_[*r.reason];
}

void StatusPrinter::print(const StatusResult& r) {
    if (r.repeat) return;
    clear_progress();
    out_.result(status_json(r.report));
    out_.text(status_human_line(out_.style(), r.report));
}

void StatusPrinter::clear_progress() {
    if (!progress_shown_) return;
    std::cerr << "\r\x1b[K" << std::flush;
    progress_shown_ = false;
}

void StatusPrinter::draw_progress(bool force) {
    if (!options_.progress || options_.total < 2) return;
    const auto now = std::chrono::steady_clock::now();
    if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    std::cerr << "\r\x1b[K" << done_ << "/" << options_.total << " checked ("
              << (done_ * 100 / options_.total) << "%)" << std::flush;
    progress_shown_ = true;
}

namespace {
std::string counted(const std::map<std::string, std::size_t>& m) {
    std::string s;
    for (const auto& [name, n] : m) {
        if (!s.empty()) s += ", ";
        s += std::to_string(n) + " " + name;
    }
    return s;
}
}  // namespace

std::string StatusPrinter::summary_line() const {
    auto count = [this](const char* state) {
        auto it = by_state_.find(state);
        return it == by_state_.end() ? std::size_t{0} : it->second;
    };
    const std::size_t checked = done_ - repeats_;
    std::string s = "status: " + std::to_string(checked) + " session" + (checked == 1 ? "" : "s");
    std::vector<std::string> parts;
    if (auto n = count("authorized")) parts.push_back(std::to_string(n) + " authorized");
    if (auto n = count("has_key")) parts.push_back(std::to_string(n) + " with a key");
    if (auto n = count("has_key_no_user"))
        parts.push_back(std::to_string(n) + " with a key but no user");
    if (auto n = count("not_authorized")) {
        parts.push_back(std::to_string(n) + " not authorized (" + counted(not_authorized_reasons_) +
                        ")");
    }
    const std::size_t errors = count("error") + count("unreachable");
    if (errors) {
        parts.push_back(std::to_string(errors) + " error" + (errors == 1 ? "" : "s") + " (" +
                        counted(error_reasons_) + ")");
    }
    for (std::size_t i = 0; i < parts.size(); ++i) s += (i == 0 ? ": " : ", ") + parts[i];
    return s;
}

int StatusPrinter::finish() {
    for (auto& [index, r] : waiting_) print(r);  // only if a check never reported (a bug)
    waiting_.clear();
    clear_progress();
    if (options_.summary && done_ - repeats_ > 1) out_.note(summary_line());
    if (resource_) return kExitResource;
    if (unreachable_) return kExitUnavailable;
    if (file_error_ != 0) return file_error_;
    if (not_authorized_) return kExitNotAuthorized;
    // --offline cannot prove authorization; a key with a user is the best the file can say.
    return kExitOk;
}

std::string status_human_line(const Style& st, const StatusReport& r) {
    std::string line = r.session + ": ";
    if (r.state == "authorized") {
        line += st.green("authorized");
    } else if (r.state == "unreachable" || r.state == "error") {
        line += st.red(r.state);
    } else if (r.state == "not_authorized") {
        line += st.yellow("not authorized");
    } else {
        line += r.state == "has_key" ? "has a key (offline)" : "has a key, no user (offline)";
    }
    if (r.reason) line += " (" + *r.reason + ")";
    if (r.format) line += ", " + *r.format;
    if (r.dc_id) line += ", DC " + std::to_string(*r.dc_id);
    if (r.user_id) line += ", user " + std::to_string(*r.user_id);
    if (r.username && !r.username->empty()) line += " @" + *r.username;
    if (r.bot && *r.bot) line += " (bot)";
    if (r.auth_key_id) line += ", key id " + *r.auth_key_id;
    if (r.file_mode) line += ", mode " + *r.file_mode;
    if (r.message && r.state != "not_authorized") line += ": " + *r.message;
    return line;
}

}  // namespace tgsession
