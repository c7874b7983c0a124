#include "tgs/tl/writer.hpp"

#include <bit>
#include <cstring>

#include "tgs/error.hpp"
#include "tgs/tl/errors.hpp"

namespace tgs::tl {

void Writer::write_uint32(std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void Writer::write_uint64(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void Writer::write_double(double v) {
    write_uint64(std::bit_cast<std::uint64_t>(v));
}

void Writer::write_bytes(ByteView v) {
    std::size_t header;
    if (v.size() < 254) {
        out_.push_back(static_cast<std::uint8_t>(v.size()));
        header = 1;
    } else if (v.size() < (1u << 24)) {
        out_.push_back(254);
        for (int i = 0; i < 3; ++i) out_.push_back(static_cast<std::uint8_t>(v.size() >> (8 * i)));
        header = 4;
    } else {
        throw Error(errc::bad_length, "byte string longer than 16 MiB cannot be serialized");
    }
    write_raw(v);
    std::size_t total = header + v.size();
    out_.insert(out_.end(), (4 - total % 4) % 4, 0);
}

void Writer::write_vector_header(std::size_t count) {
    write_uint32(kVector);
    write_uint32(static_cast<std::uint32_t>(count));
}

}  // namespace tgs::tl
