#include "tgs/mtproto/gzip_packed.hpp"

#include <zlib.h>

#include "tgs/error.hpp"
#include "tgs/mtproto/service.hpp"
#include "tgs/tl/reader.hpp"
#include "tgs/tl/writer.hpp"

namespace tgs::mtproto {

bool is_gzip_packed(ByteView body) {
    return body.size() >= 4 && constructor_of(body) == ids::kGzipPacked;
}

Bytes gzip_unpack(ByteView body, std::size_t max_size) {
    tl::Reader r(body);
    if (r.read_uint32() != ids::kGzipPacked) throw Error("MSG_GZIP_INVALID", "not gzip_packed");
    const Bytes packed = r.read_bytes();

    z_stream zs{};
    if (inflateInit2(&zs, 15 + 32) != Z_OK) {  // +32: accept gzip or zlib headers
        throw Error("MSG_GZIP_INVALID", "inflateInit failed");
    }
    zs.next_in = const_cast<Bytef*>(packed.data());
    zs.avail_in = static_cast<uInt>(packed.size());
    Bytes out;
    std::uint8_t chunk[16384];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        zs.next_out = chunk;
        zs.avail_out = sizeof chunk;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&zs);
            throw Error("MSG_GZIP_INVALID", "corrupt gzip data");
        }
        const std::size_t produced = sizeof chunk - zs.avail_out;
        if (out.size() + produced > max_size) {
            inflateEnd(&zs);
            throw Error("MSG_GZIP_TOO_LARGE", "inflated gzip_packed exceeds the size cap");
        }
        out.insert(out.end(), chunk, chunk + produced);
        if (rc == Z_OK && produced == 0 && zs.avail_in == 0) {
            inflateEnd(&zs);
            throw Error("MSG_GZIP_INVALID", "truncated gzip data");
        }
    }
    inflateEnd(&zs);
    return out;
}

Bytes gzip_pack(ByteView object) {
    z_stream zs{};
    if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw Error("MSG_GZIP_INVALID", "deflateInit failed");
    }
    Bytes packed(deflateBound(&zs, static_cast<uLong>(object.size())) + 32);
    zs.next_in = const_cast<Bytef*>(object.data());
    zs.avail_in = static_cast<uInt>(object.size());
    zs.next_out = packed.data();
    zs.avail_out = static_cast<uInt>(packed.size());
    const int rc = deflate(&zs, Z_FINISH);
    packed.resize(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) throw Error("MSG_GZIP_INVALID", "deflate failed");
    tl::Writer w(packed.size() + 8);
    w.write_uint32(ids::kGzipPacked);
    w.write_bytes(packed);
    return w.take();
}

}  // namespace tgs::mtproto
