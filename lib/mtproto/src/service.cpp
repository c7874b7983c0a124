#include "tgs/mtproto/service.hpp"

#include "tgs/error.hpp"
#include "tgs/mtproto/errors.hpp"

namespace tgs::mtproto {

std::uint32_t constructor_of(ByteView body) {
    if (body.size() < 4)
        throw Error(errc::msg_bad_length, "message body shorter than a constructor");
    return tl::Reader(body).read_uint32();
}

}  // namespace tgs::mtproto
