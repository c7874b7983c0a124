#include "qr_render.hpp"

#include <dlfcn.h>
#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace tgsession {

namespace {

// libqrencode is loaded on the first QR login, not linked: every other run of tgsession (a
// one-file status takes ~1.5 ms) would map it and libpthread and resolve them at start-up.
constexpr const char* kLibqrencode = "libqrencode.so.4";  // Debian's libqrencode4

struct Qrencode {
    decltype(&QRcode_encodeString) encode_string = nullptr;
    decltype(&QRcode_free) free = nullptr;
};

Qrencode load() {
    void* h = ::dlopen(kLibqrencode, RTLD_NOW | RTLD_LOCAL);
    if (h == nullptr) {
        const char* why = ::dlerror();
        throw std::runtime_error(
            std::string("drawing the QR code needs libqrencode (Debian: libqrencode4): ") +
            (why ? why : kLibqrencode));
    }
    Qrencode q;
    q.encode_string =
        reinterpret_cast<decltype(&QRcode_encodeString)>(::dlsym(h, "QRcode_encodeString"));
    q.free = reinterpret_cast<decltype(&QRcode_free)>(::dlsym(h, "QRcode_free"));
    if (q.encode_string == nullptr || q.free == nullptr)
        throw std::runtime_error(std::string(kLibqrencode) + " lacks QRcode_encodeString");
    return q;  // the handle stays open for the life of the process
}

const Qrencode& qrencode() {
    // A failed load throws out of the initialiser, so the next call tries again.
    static const Qrencode q = load();
    return q;
}

}  // namespace

std::string render_qr(const std::string& text) {
    const auto& lib = qrencode();
    std::unique_ptr<QRcode, decltype(lib.free)> code(
        lib.encode_string(text.c_str(), 0, QR_ECLEVEL_L, QR_MODE_8, 1), lib.free);
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
