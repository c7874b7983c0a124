// MTProto service messages (core.telegram.org/mtproto/service_messages) are the generated
// tgs::tl::mt types (lib/tl/schema/mt.tl: the one source of their constructor ids and layouts).
// Write them with tl::mt::serialize(); these two helpers read them out of a message body.
#pragma once

#include <cstdint>

#include "tgs/bytes.hpp"
#include "tgs/tl/mt.hpp"
#include "tgs/tl/reader.hpp"

namespace tgs::mtproto {

/// The constructor id at the start of a body (MSG_BAD_LENGTH if shorter than 4 bytes).
std::uint32_t constructor_of(ByteView body);

/// Reads a body as the generated type T (a constructor, or a boxed type for any of its
/// constructors): TL_UNKNOWN_CONSTRUCTOR for another id, TL_* when it does not parse. Bytes
/// after the object are ignored, as MTProto readers do.
template <class T>
T parse_body(ByteView body) {
    tl::Reader r(body);
    return tl::mt::read<T>(r);
}

}  // namespace tgs::mtproto
