// The handshake's TL objects come from the generated MTProto schema (tgs/tl/mt.hpp); `hs`
// names them inside the handshake sources, plus two helpers for TL byte-string fields.
#pragma once

#include "tgs/bytes.hpp"
#include "tgs/tl/mt.hpp"

namespace tgs::mtproto {
namespace hs = tgs::tl::mt;
}  // namespace tgs::mtproto

namespace tgs::mtproto::blob {

inline ByteView view(const Bytes& b) {
    return b;
}
inline Bytes make(ByteView b) {
    return Bytes(b.begin(), b.end());
}

}  // namespace tgs::mtproto::blob
