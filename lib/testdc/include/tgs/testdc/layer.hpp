// The API layers the test DC answers in. Constructors of User, auth.Authorization, Config,
// account.Password (and some request ids) differ between them, so every answer is encoded
// for the layer the connection declared in invokeWithLayer.
#pragma once

#include <cstdint>

namespace tgs::testdc {

enum class LayerFamily {
    L144,  // Telethon 1.25 (Debian)
    L198,  // GramJS telegram@2.26
    L228,  // tgsession itself
};

/// Maps a declared layer number onto the nearest family we encode: <=160 → 144,
/// <=210 → 198, else 228. Layer 0 (nothing declared yet) is treated as 228.
constexpr LayerFamily layer_family(std::int32_t layer) {
    if (layer <= 0) return LayerFamily::L228;
    if (layer <= 160) return LayerFamily::L144;
    if (layer <= 210) return LayerFamily::L198;
    return LayerFamily::L228;
}

}  // namespace tgs::testdc
