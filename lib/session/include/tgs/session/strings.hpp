// String sessions: Telethon, GramJS and Pyrogram layouts (docs/session-formats.md §1.2, §3.2, §4).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tgs/session/format.hpp"
#include "tgs/session/session_data.hpp"

namespace tgs::session {

/// Decodes any supported string (format auto-detected). Throws SESSION_STRING_INVALID.
SessionData decode_string(std::string_view s);
/// Decodes as the given string format. Throws SESSION_STRING_INVALID.
SessionData decode_string(std::string_view s, Format f);

/// Encodes `d` as `f` (a *_string format). Fields the format can't hold are appended to
/// `dropped` (if given). Throws SESSION_NO_AUTH_KEY when there's no key, SESSION_ADDRESS_INVALID
/// for a non-IP address (Telethon) or port > 32767 (GramJS).
std::string encode_string(const SessionData& d, Format f,
                          std::vector<std::string>* dropped = nullptr);

}  // namespace tgs::session
