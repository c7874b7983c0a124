// Which generated schema reads a request: a few login requests changed shape after layer 144
// (codeSettings, auth.signIn), so Telethon 1.25's are read with tgs/tl/l144.hpp. Answers do not
// use this: they are encoded in the exact layer the connection declared (tgs/tl/layered.hpp).
#pragma once

#include <cstdint>

namespace tgs::testdc {

enum class LayerFamily {
    L144,  // Telethon 1.25 (Debian)
    L198,  // GramJS telegram@2.26
    L228,  // tgsession itself
};

/// Maps a declared layer number onto the schema its requests are read with: <=160 → 144,
/// <=210 → 198, else 228. Layer 0 (nothing declared yet) is treated as 228.
constexpr LayerFamily layer_family(std::int32_t layer) {
    if (layer <= 0) return LayerFamily::L228;
    if (layer <= 160) return LayerFamily::L144;
    if (layer <= 210) return LayerFamily::L198;
    return LayerFamily::L228;
}

}  // namespace tgs::testdc
