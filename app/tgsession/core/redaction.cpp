#include "redaction.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <cstdio>
#include <regex>

#include "secret_source.hpp"

namespace tgsession {

Redactor& Redactor::global() {
    static Redactor r;
    return r;
}

void Redactor::add(const std::string& secret) {
    if (secret.empty()) return;
    std::lock_guard lock(mutex_);
    secrets_.push_back(secret);
}

void Redactor::clear() {
    std::lock_guard lock(mutex_);
    for (auto& s : secrets_) wipe(s);
    secrets_.clear();
}

Redactor::~Redactor() {
    clear();
}

namespace {
bool word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
}  // namespace

std::string Redactor::apply(std::string text) const {
    {
        std::lock_guard lock(mutex_);
        for (const auto& s : secrets_) {
            const bool alone_only = s.size() < 4;
            for (auto pos = text.find(s); pos != std::string::npos; pos = text.find(s, pos)) {
                const bool alone =
                    (pos == 0 || !word_char(text[pos - 1])) &&
                    (pos + s.size() == text.size() || !word_char(text[pos + s.size()]));
                if (alone_only && !alone) {
                    ++pos;
                    continue;
                }
                text.replace(pos, s.size(), kRedacted);
                pos += std::char_traits<char>::length(kRedacted);
            }
        }
    }
    // Bot tokens ("123456:AA...") and long hex runs (auth keys, api hashes) even if unregistered.
    static const std::regex token(R"(\b\d{3,}:[A-Za-z0-9_-]{20,})");
    static const std::regex hex(R"(\b[0-9a-fA-F]{32,}\b)");
    text = std::regex_replace(text, token, kRedacted);
    text = std::regex_replace(text, hex, kRedacted);
    return text;
}

namespace {

class RedactingStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
  protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        spdlog::memory_buf_t formatted;
        formatter_->format(msg, formatted);
        const std::string line = Redactor::global().apply(fmt::to_string(formatted));
        std::fwrite(line.data(), 1, line.size(), stderr);
    }
    void flush_() override { std::fflush(stderr); }
};

}  // namespace

std::shared_ptr<spdlog::logger> install_logger(int verbosity) {
    auto sink = std::make_shared<RedactingStderrSink>();
    sink->set_pattern("tgsession: %^%l%$: %v");
    auto logger = std::make_shared<spdlog::logger>("tgsession", sink);
    if (verbosity < 0) {
        logger->set_level(spdlog::level::err);
    } else if (verbosity == 0) {
        logger->set_level(spdlog::level::warn);
    } else if (verbosity == 1) {
        logger->set_level(spdlog::level::info);
    } else {
        logger->set_level(spdlog::level::debug);
    }
    spdlog::set_default_logger(logger);
    return logger;
}

}  // namespace tgsession
