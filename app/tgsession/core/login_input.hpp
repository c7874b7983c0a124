// Normalising what people type at the login prompts.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tgsession {

/// "12 345", "12-345", " 12345\n" → "12345". nullopt if anything but digits, spaces and
/// dashes is present, or no digit at all.
std::optional<std::string> normalize_code(std::string_view typed);

/// "+1 (555) 000-1111" → "15550001111". nullopt when no digits or other characters appear.
std::optional<std::string> normalize_phone(std::string_view typed);

/// True for input that starts like a bot token: digits then ':' (`^\d+:`).
bool looks_like_bot_token(std::string_view typed);

/// Trims ASCII whitespace (and a trailing CR from files written on Windows).
std::string trim(std::string_view s);

}  // namespace tgsession
