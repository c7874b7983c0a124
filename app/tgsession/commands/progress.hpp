// Routes ClientConfig::on_progress (called on the client's thread) to whichever spinner is on
// screen right now, or only to the debug log while a prompt owns the terminal.
#pragma once

#include <spdlog/spdlog.h>

#include <atomic>
#include <functional>
#include <string>

#include "terminal.hpp"

namespace tgsession {

class ProgressRelay {
  public:
    std::function<void(const std::string&)> callback() {
        return [this](const std::string& text) {
            spdlog::info("{}", text);
            if (Spinner* s = current_.load()) s->set_text(text);
        };
    }
    /// While alive, progress lines go to `spinner`.
    class Scope {
      public:
        Scope(ProgressRelay& r, Spinner& s) : relay_(r) { relay_.current_.store(&s); }
        ~Scope() { relay_.current_.store(nullptr); }
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

      private:
        ProgressRelay& relay_;
    };

  private:
    std::atomic<Spinner*> current_{nullptr};
};

}  // namespace tgsession
