// Terminal handling: TTY detection, prompts with and without echo (termios), colour choice,
// and the spinner shown while connecting.
#pragma once

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace tgsession {

bool stdin_is_tty();
bool stderr_is_tty();

/// Prompt on stderr, read one line from stdin. nullopt at end of input.
std::optional<std::string> prompt_line(const std::string& prompt);
/// Same without echo (termios ECHO off, restored on return and on SIGINT/SIGTERM).
std::optional<std::string> prompt_hidden(const std::string& prompt);

enum class ColorMode { Auto, Always, Never };
std::optional<ColorMode> parse_color_mode(const std::string& s);
/// NO_COLOR (any non-empty value) disables colour unless --color always was given.
bool use_color(ColorMode mode, bool is_tty, const char* no_color_env);

struct Style {
    bool enabled = false;
    std::string bold(const std::string& s) const { return wrap("1", s); }
    std::string green(const std::string& s) const { return wrap("32", s); }
    std::string red(const std::string& s) const { return wrap("31", s); }
    std::string yellow(const std::string& s) const { return wrap("33", s); }
    std::string dim(const std::string& s) const { return wrap("2", s); }

  private:
    std::string wrap(const char* code, const std::string& s) const {
        return enabled ? "\x1b[" + std::string(code) + "m" + s + "\x1b[0m" : s;
    }
};

/// A one-line spinner on stderr, drawn only when `enabled` (TTY, not quiet, not --json).
class Spinner {
  public:
    explicit Spinner(bool enabled) : enabled_(enabled) {}
    ~Spinner() { stop(); }
    Spinner(const Spinner&) = delete;
    Spinner& operator=(const Spinner&) = delete;

    void set_text(const std::string& text);
    void stop();

  private:
    void run();
    bool enabled_;
    std::atomic<bool> running_{false};
    std::mutex mutex_;
    std::string text_;
    std::thread thread_;
};

}  // namespace tgsession
