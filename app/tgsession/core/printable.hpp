// Strings that came from a server or a file (names, device models, 2FA hints, error messages)
// are shown to a terminal only through printable(): an escape sequence hidden in a first name
// could otherwise retitle the window, move the cursor over earlier lines or fake a prompt.
#pragma once

#include <string>
#include <string_view>

namespace tgsession {

/// `s` with every control character (C0, DEL, C1 — also as UTF-8 U+0080..U+009F) and every byte
/// that is not part of valid UTF-8 shown as "\xNN" (the code point's hex for C1); a backslash
/// stays as is. Valid printable UTF-8 passes unchanged. JSON output does not need this.
std::string printable(std::string_view s);

}  // namespace tgsession
