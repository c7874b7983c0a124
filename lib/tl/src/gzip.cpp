#include "tgs/tl/gzip.hpp"

#include <zlib.h>

#include "tgs/error.hpp"
#include "tgs/tl/errors.hpp"

namespace tgs::tl {
namespace {

// windowBits 15 + 32: let zlib detect a gzip or zlib header; 15 + 16: write a gzip header.
constexpr int kAutoDetectWindow = 15 + 32;
constexpr int kGzipWindow = 15 + 16;

struct InflateGuard {
    z_stream* s;
    ~InflateGuard() { inflateEnd(s); }
};
struct DeflateGuard {
    z_stream* s;
    ~DeflateGuard() { deflateEnd(s); }
};

}  // namespace

Bytes gzip_unpack(ByteView packed, std::size_t max_size) {
    z_stream s{};
    if (inflateInit2(&s, kAutoDetectWindow) != Z_OK)
        throw Error(errc::gzip_invalid, "cannot initialise the inflater");
    InflateGuard guard{&s};
    s.next_in = const_cast<Bytef*>(packed.data());  // zlib's API is not const-correct
    s.avail_in = static_cast<uInt>(packed.size());

    Bytes out;
    std::uint8_t chunk[16384];
    for (;;) {
        s.next_out = chunk;
        s.avail_out = sizeof chunk;
        int rc = inflate(&s, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
            throw Error(errc::gzip_invalid, "gzip data is corrupt");
        std::size_t produced = sizeof chunk - s.avail_out;
        if (out.size() + produced > max_size)
            throw Error(errc::gzip_too_large, "gzip data unpacks beyond the size limit");
        out.insert(out.end(), chunk, chunk + produced);
        if (rc == Z_STREAM_END) return out;
        if (rc == Z_BUF_ERROR || (produced == 0 && s.avail_in == 0))
            throw Error(errc::gzip_invalid, "gzip data is truncated");
    }
}

Bytes gzip_pack(ByteView data) {
    z_stream s{};
    if (deflateInit2(&s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindow, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK)
        throw Error(errc::gzip_invalid, "cannot initialise the deflater");
    DeflateGuard guard{&s};
    Bytes out(deflateBound(&s, static_cast<uLong>(data.size())) + 32);
    s.next_in = const_cast<Bytef*>(data.data());
    s.avail_in = static_cast<uInt>(data.size());
    s.next_out = out.data();
    s.avail_out = static_cast<uInt>(out.size());
    if (deflate(&s, Z_FINISH) != Z_STREAM_END)
        throw Error(errc::gzip_invalid, "deflate did not finish");
    out.resize(s.total_out);
    return out;
}

}  // namespace tgs::tl
