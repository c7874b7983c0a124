#include "terminal.hpp"

#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>

namespace tgsession {

bool stdin_is_tty() {
    return ::isatty(STDIN_FILENO) == 1;
}
bool stderr_is_tty() {
    return ::isatty(STDERR_FILENO) == 1;
}

std::optional<std::string> prompt_line(const std::string& prompt) {
    std::fputs(prompt.c_str(), stderr);
    std::fflush(stderr);
    std::string line;
    if (!std::getline(std::cin, line)) return std::nullopt;
    return line;
}

namespace {

// Saved terminal state, restored by the signal handler if the user hits Ctrl-C mid-password.
struct termios g_saved;
volatile std::sig_atomic_t g_echo_off = 0;

extern "C" void restore_and_reraise(int sig) {
    if (g_echo_off != 0) ::tcsetattr(STDIN_FILENO, TCSANOW, &g_saved);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

}  // namespace

std::optional<std::string> prompt_hidden(const std::string& prompt) {
    if (!stdin_is_tty()) return prompt_line(prompt);
    std::fputs(prompt.c_str(), stderr);
    std::fflush(stderr);
    if (::tcgetattr(STDIN_FILENO, &g_saved) != 0) return prompt_line("");
    struct termios quiet = g_saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    auto old_int = std::signal(SIGINT, restore_and_reraise);
    auto old_term = std::signal(SIGTERM, restore_and_reraise);
    g_echo_off = 1;
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    std::string line;
    const bool ok = static_cast<bool>(std::getline(std::cin, line));
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_saved);
    g_echo_off = 0;
    std::signal(SIGINT, old_int);
    std::signal(SIGTERM, old_term);
    if (!ok) return std::nullopt;
    return line;
}

std::optional<ColorMode> parse_color_mode(const std::string& s) {
    if (s == "auto") return ColorMode::Auto;
    if (s == "always") return ColorMode::Always;
    if (s == "never") return ColorMode::Never;
    return std::nullopt;
}

bool use_color(ColorMode mode, bool is_tty, const char* no_color_env) {
    if (mode == ColorMode::Always) return true;
    if (mode == ColorMode::Never) return false;
    if (no_color_env != nullptr && *no_color_env != '\0') return false;
    return is_tty;
}

void Spinner::set_text(const std::string& text) {
    if (!enabled_) return;
    {
        std::lock_guard lock(mutex_);
        text_ = text;
    }
    if (!running_.exchange(true)) thread_ = std::thread([this] { run(); });
}

void Spinner::stop() {
    if (!running_.exchange(false)) return;
    if (thread_.joinable()) thread_.join();
    std::fputs("\r\x1b[2K", stderr);  // clear the spinner line
    std::fflush(stderr);
}

void Spinner::run() {
    static constexpr const char* frames[] = {"|", "/", "-", "\\"};
    for (unsigned i = 0; running_; ++i) {
        std::string text;
        {
            std::lock_guard lock(mutex_);
            text = text_;
        }
        std::fprintf(stderr, "\r\x1b[2K%s %s", frames[i % 4], text.c_str());
        std::fflush(stderr);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

}  // namespace tgsession
