#include "tgs/crypto/random.hpp"

#include <sodium.h>

#include <stdexcept>

namespace tgs::crypto {

namespace {
void ensure_sodium() {
    static const bool ok = sodium_init() >= 0;
    if (!ok) throw std::runtime_error("libsodium failed to initialise");
}
}  // namespace

void secure_random(MutableByteView out) {
    ensure_sodium();
    randombytes_buf(out.data(), out.size());
}

RandomSource system_random() {
    return [](MutableByteView out) { secure_random(out); };
}

}  // namespace tgs::crypto
