#include "tgs/mtproto/gzip_packed.hpp"

#include "tgs/error.hpp"
#include "tgs/mtproto/errors.hpp"
#include "tgs/mtproto/service.hpp"
#include "tgs/tl/errors.hpp"

namespace tgs::mtproto {

namespace mt = tl::mt;

bool is_gzip_packed(ByteView body) {
    return body.size() >= 4 && constructor_of(body) == mt::gzip_packed::ID;
}

Bytes unwrap_gzip_packed(ByteView body, std::size_t max_size) {
    tl::Reader r(body);
    if (r.read_uint32() != mt::gzip_packed::ID)
        throw Error(errc::msg_gzip_invalid, "not gzip_packed");
    const mt::gzip_packed packed = mt::read_bare<mt::gzip_packed>(r);
    try {
        return tl::gzip_unpack(packed.packed_data, max_size);
    } catch (const Error& e) {
        // tl names only TL_GZIP_TOO_LARGE and TL_GZIP_INVALID; callers of this layer match MSG_*.
        if (e.code() == tl::errc::gzip_too_large) {
            throw Error(errc::msg_gzip_too_large, "inflated gzip_packed exceeds the size cap");
        }
        throw Error(errc::msg_gzip_invalid, "corrupt or truncated gzip data");
    }
}

Bytes wrap_gzip_packed(ByteView object) {
    return mt::serialize(mt::gzip_packed{tl::gzip_pack(object)});
}

}  // namespace tgs::mtproto
