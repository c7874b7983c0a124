// Draws a QR code for the terminal with Unicode half blocks (two modules per character row).
#pragma once

#include <string>

namespace tgsession {

/// Multi-line text, dark modules drawn as the terminal's foreground, with a 2-module quiet zone.
/// Throws std::runtime_error if libqrencode cannot encode `text`.
std::string render_qr(const std::string& text);

}  // namespace tgsession
