// Randomness is injected into every sans-IO state machine so tests can replay vectors.
#pragma once

#include <functional>

#include "tgs/bytes.hpp"

namespace tgs::crypto {

/// Fills the span with random bytes.
using RandomSource = std::function<void(MutableByteView)>;

/// libsodium's CSPRNG (randombytes_buf).
void secure_random(MutableByteView out);
RandomSource system_random();

}  // namespace tgs::crypto
