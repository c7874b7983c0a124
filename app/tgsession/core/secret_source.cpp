#include "secret_source.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "errors.hpp"
#include "exit_codes.hpp"
#include "redaction.hpp"
#include "terminal.hpp"
#include "tgs/crypto/secure.hpp"
#include "tgs/error.hpp"

namespace tgsession {

void wipe(std::string& s) noexcept {
    // The whole buffer: a secret that was longer before a pop_back/assign left bytes past size().
    tgs::crypto::secure_zero(
        tgs::MutableByteView(reinterpret_cast<std::uint8_t*>(s.data()), s.capacity()));
    s.clear();
}

Secret::~Secret() {
    wipe(value);
}

std::string to_string(SecretOrigin o) {
    switch (o) {
        case SecretOrigin::Flag:
            return "flag";
        case SecretOrigin::File:
            return "file";
        case SecretOrigin::StdinFile:
            return "stdin";
        case SecretOrigin::Env:
            return "env";
        case SecretOrigin::Prompt:
            return "prompt";
        case SecretOrigin::StdinFallback:
            return "stdin";
    }
    return "unknown";
}

std::string strip_line_end(std::string s) {
    if (!s.empty() && s.back() == '\n') s.pop_back();
    if (!s.empty() && s.back() == '\r') s.pop_back();
    return s;
}

SecretEnvironment system_secret_environment(bool interactive) {
    SecretEnvironment env;
    env.getenv = [](const std::string& name) -> std::optional<std::string> {
        const char* v = std::getenv(name.c_str());
        if (v == nullptr || *v == '\0') return std::nullopt;
        return std::string(v);
    };
    env.read_file = [](const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        // The message names the file, never its content.
        if (!in) throw tgs::Error(errc::secret_file_unreadable, "cannot read secret file " + path);
        std::string line;
        std::getline(in, line);
        return line;
    };
    env.read_stdin = [] {
        std::string line;
        std::getline(std::cin, line);
        return line;
    };
    env.interactive = interactive;
    env.prompt = [](const std::string& text, bool echo) {
        return echo ? prompt_line(text) : prompt_hidden(text);
    };
    return env;
}

namespace {

Secret finish(std::string value, SecretOrigin origin) {
    value = strip_line_end(std::move(value));
    Redactor::global().add(value);
    return Secret(std::move(value), origin);
}

std::string missing_message(const SecretSpec& spec) {
    std::string how;
    auto add = [&how](const std::string& s) {
        if (s.empty()) return;
        if (!how.empty()) how += ", ";
        how += s;
    };
    add(spec.value_flag);
    add(spec.file_flag);
    if (!spec.env_var.empty()) add("$" + spec.env_var);
    return "missing " + spec.what + ": not a terminal, so give " + how;
}

}  // namespace

Secret resolve_secret(const SecretSpec& spec, const SecretEnvironment& env) {
    if (spec.value && !spec.value->empty()) return finish(*spec.value, SecretOrigin::Flag);
    if (spec.file) {
        if (*spec.file == "-") return finish(env.read_stdin(), SecretOrigin::StdinFile);
        return finish(env.read_file(*spec.file), SecretOrigin::File);
    }
    if (!spec.env_var.empty() && env.getenv) {
        if (auto v = env.getenv(spec.env_var)) return finish(*v, SecretOrigin::Env);
    }
    if (env.interactive && env.prompt) {
        auto typed = env.prompt(spec.prompt, spec.echo);
        if (!typed) throw UsageError("no " + spec.what + " entered (end of input)");
        return finish(*typed, SecretOrigin::Prompt);
    }
    if (spec.stdin_fallback) return finish(env.read_stdin(), SecretOrigin::StdinFallback);
    throw UsageError(missing_message(spec),
                     spec.missing_code.empty() ? std::string(errc::usage) : spec.missing_code);
}

}  // namespace tgsession
