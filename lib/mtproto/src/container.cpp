#include "tgs/mtproto/container.hpp"

#include "tgs/error.hpp"
#include "tgs/mtproto/errors.hpp"
#include "tgs/mtproto/service.hpp"
#include "tgs/tl/reader.hpp"
#include "tgs/tl/writer.hpp"

namespace tgs::mtproto {

namespace mt = tl::mt;

namespace {
constexpr std::size_t kInnerHeader = 8 + 4 + 4;
}

bool is_container(ByteView body) {
    return body.size() >= 4 && constructor_of(body) == mt::msg_container::ID;
}

Bytes pack_container(std::span<const InnerMessage> messages) {
    if (messages.size() > kMaxContainerMessages) {
        throw Error(errc::msg_container_too_large, "a container holds at most 1024 messages");
    }
    std::size_t total = 8;
    for (const auto& m : messages) total += kInnerHeader + m.body.size();
    tl::Writer w(total);
    w.write_uint32(mt::msg_container::ID);
    w.write_int32(static_cast<std::int32_t>(messages.size()));
    for (const auto& m : messages) {
        if (is_container(m.body)) throw Error(errc::msg_container_nested, "containers cannot nest");
        w.write_int64(m.msg_id);
        w.write_int32(m.seq_no);
        w.write_uint32(static_cast<std::uint32_t>(m.body.size()));
        w.write_raw(m.body);
    }
    return w.take();
}

std::vector<InnerMessage> unpack_container(ByteView body, std::int64_t container_msg_id) {
    tl::Reader r(body);
    if (r.read_uint32() != mt::msg_container::ID) {
        throw Error(errc::msg_container_invalid, "not a msg_container");
    }
    const std::int32_t count = r.read_int32();
    if (count < 0) throw Error(errc::msg_container_invalid, "negative message count");
    if (static_cast<std::size_t>(count) > kMaxContainerMessages) {
        throw Error(errc::msg_container_too_large, "a container holds at most 1024 messages");
    }
    if (static_cast<std::size_t>(count) > r.remaining() / kInnerHeader) {
        throw Error(errc::msg_container_invalid, "message count does not fit the container");
    }
    std::vector<InnerMessage> out;
    out.reserve(static_cast<std::size_t>(count));
    for (std::int32_t i = 0; i < count; ++i) {
        if (r.remaining() < kInnerHeader)
            throw Error(errc::msg_container_invalid, "truncated header");
        InnerMessage m;
        m.msg_id = r.read_int64();
        m.seq_no = r.read_int32();
        const std::uint32_t len = r.read_uint32();
        if (len % 4 != 0 || len < 4 || len > r.remaining()) {
            throw Error(errc::msg_container_invalid, "inner message length is invalid");
        }
        if (m.msg_id >= container_msg_id) {
            throw Error(errc::msg_container_invalid, "inner msg_id must be below the container's");
        }
        const ByteView inner = r.read_raw(len);
        if (is_container(inner)) throw Error(errc::msg_container_nested, "containers cannot nest");
        m.body.assign(inner.begin(), inner.end());
        out.push_back(std::move(m));
    }
    if (!r.at_end()) throw Error(errc::msg_container_invalid, "trailing bytes after the messages");
    return out;
}

}  // namespace tgs::mtproto
