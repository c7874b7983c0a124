#include "qr_render.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace tgsession {

std::string render_qr(const std::string& text) {
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_L, QR_MODE_8, 1), &QRcode_free);
    if (!code) throw std::runtime_error("cannot draw the QR code");
    const int size = code->width;
    constexpr int quiet = 2;
    auto dark = [&](int x, int y) {
        if (x < 0 || y < 0 || x >= size || y >= size) return false;
        return (code->data[y * size + x] & 1) != 0;
    };
    // Light modules are drawn as blocks so the code reads on dark terminals too.
    std::string out;
    for (int y = -quiet; y < size + quiet; y += 2) {
        for (int x = -quiet; x < size + quiet; ++x) {
            const bool top = !dark(x, y);
            const bool bottom = !dark(x, y + 1);
            if (top && bottom) {
                out += "\u2588";
            } else if (top) {
                out += "\u2580";
            } else if (bottom) {
                out += "\u2584";
            } else {
                out += " ";
            }
        }
        out += '\n';
    }
    return out;
}

}  // namespace tgsession
