#include "login_input.hpp"

#include <cctype>

namespace tgsession {
namespace {
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_space(char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}
}  // namespace

std::string trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return std::string(s);
}

std::optional<std::string> normalize_code(std::string_view typed) {
    std::string out;
    for (char c : typed) {
        if (is_digit(c)) {
            out.push_back(c);
        } else if (c != '-' && !is_space(c)) {
            return std::nullopt;
        }
    }
    if (out.empty()) return std::nullopt;
    return out;
}

std::optional<std::string> normalize_phone(std::string_view typed) {
    std::string out;
    const std::string t = trim(typed);
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (is_digit(c)) {
            out.push_back(c);
        } else if (c == '+' && out.empty() && i == 0) {
            continue;
        } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
            return std::nullopt;
        }
    }
    if (out.empty()) return std::nullopt;
    return out;
}

bool looks_like_bot_token(std::string_view typed) {
    const std::string t = trim(typed);
    std::size_t i = 0;
    while (i < t.size() && is_digit(t[i])) ++i;
    return i > 0 && i < t.size() && t[i] == ':';
}

}  // namespace tgsession
