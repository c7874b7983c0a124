// The unencrypted envelope around handshake messages, msg ids for it, and the transport
// error a server sends when a handshake step fails.
#include <cmath>

#include "tgs/error.hpp"
#include "tgs/mtproto/errors.hpp"
#include "tgs/mtproto/handshake.hpp"
#include "tgs/tl/reader.hpp"
#include "tgs/tl/writer.hpp"

namespace tgs::mtproto {

Bytes wrap_unencrypted(ByteView body, std::int64_t msg_id) {
    tl::Writer w(20 + body.size());
    w.write_int64(0);
    w.write_int64(msg_id);
    w.write_int32(static_cast<std::int32_t>(body.size()));
    w.write_raw(body);
    return w.take();
}

UnencryptedMessage unwrap_unencrypted(ByteView message) {
    if (message.size() < 20) {
        throw Error(errc::handshake_bad_envelope, "unencrypted message shorter than its header");
    }
    tl::Reader r(message);
    if (r.read_int64() != 0) {
        throw Error(errc::handshake_bad_envelope, "auth_key_id of an unencrypted message is not 0");
    }
    UnencryptedMessage out;
    out.msg_id = r.read_int64();
    const auto length = r.read_uint32();
    if (length != r.remaining()) {
        throw Error(errc::handshake_bad_envelope, "message_data_length differs from the payload");
    }
    out.body = r.read_rest();
    return out;
}

std::int64_t unencrypted_msg_id(double unix_time, bool from_server) {
    const double scaled = std::ldexp(unix_time, 32);
    auto id = static_cast<std::int64_t>(scaled);
    id &= ~std::int64_t{3};
    return from_server ? id | 1 : id;
}

std::int32_t handshake_transport_error(std::string_view error_code) {
    return error_code == errc::handshake_dc_mismatch ? -444 : -404;
}

}  // namespace tgs::mtproto
