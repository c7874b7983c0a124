// An already-serialized TL object (`Object`, `!X` fields): the exact boxed bytes, id included.
#pragma once

#include "tgs/bytes.hpp"

namespace tgs::tl {

struct RawObject {
    Bytes data;

    static RawObject copy_of(ByteView v) { return RawObject{Bytes(v.begin(), v.end())}; }
    bool operator==(const RawObject&) const = default;
};

}  // namespace tgs::tl
