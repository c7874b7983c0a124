// SQLite's file format (https://www.sqlite.org/fileformat2.html), the read side of table
// B-trees only: the header, table leaf (0x0D) and interior (0x05) pages, overflow chains and
// records. Every offset is checked against the page it is in; a failed check returns nullopt.
#include "sqlite_image.hpp"

#include <algorithm>
#include <cstring>

namespace tgs::session::detail {
namespace {

std::uint32_t be16(const std::uint8_t* p) {
    return static_cast<std::uint32_t>(p[0] << 8 | p[1]);
}
std::uint32_t be32(const std::uint8_t* p) {
    return static_cast<std::uint32_t>(p[0]) << 24 | static_cast<std::uint32_t>(p[1]) << 16 |
           static_cast<std::uint32_t>(p[2]) << 8 | p[3];
}

// SQLite's varint: 1-9 bytes, big-endian 7-bit groups; the ninth byte gives all 8 bits.
bool varint(ByteView b, std::size_t& pos, std::uint64_t& out) {
    out = 0;
    for (int i = 0; i < 9; ++i) {
        if (pos >= b.size()) return false;
        const std::uint8_t c = b[pos++];
        if (i == 8) {
            out = out << 8 | c;
            return true;
        }
        out = out << 7 | (c & 0x7f);
        if ((c & 0x80) == 0) return true;
    }
    return true;
}

// A record (header of serial types, then the values) into `row`; false if malformed.
bool decode_record(std::string_view rec, SqlRow& row) {
    const ByteView b(reinterpret_cast<const std::uint8_t*>(rec.data()), rec.size());
    std::size_t pos = 0;
    std::uint64_t header_size = 0;
    if (!varint(b, pos, header_size) || header_size < pos || header_size > b.size()) return false;
    std::size_t body = header_size;
    while (pos < header_size) {
        std::uint64_t t = 0;
        if (!varint(b, pos, t) || pos > header_size) return false;
        SqlValue v;
        std::size_t len = 0;
        if (t == 0) {
            v.type = SqlValue::Type::Null;
        } else if (t <= 6 || t == 8 || t == 9) {
            static constexpr std::size_t kIntLen[] = {0, 1, 2, 3, 4, 6, 8};
            v.type = SqlValue::Type::Integer;
            if (t >= 8) {
                v.i = static_cast<std::int64_t>(t - 8);
            } else {
                len = kIntLen[t];
                if (body + len > b.size()) return false;
                std::uint64_t u = b[body] & 0x80 ? ~std::uint64_t{0} : 0;  // sign-extended
                for (std::size_t k = 0; k < len; ++k) u = u << 8 | b[body + k];
                v.i = static_cast<std::int64_t>(u);
            }
        } else if (t == 7) {
            len = 8;
            if (body + len > b.size()) return false;
            std::uint64_t u = 0;
            for (std::size_t k = 0; k < len; ++k) u = u << 8 | b[body + k];
            v.type = SqlValue::Type::Real;
            std::memcpy(&v.r, &u, sizeof v.r);
        } else if (t >= 12) {
            v.type = t % 2 == 0 ? SqlValue::Type::Blob : SqlValue::Type::Text;
            if ((t - 12) / 2 > b.size()) return false;
            len = static_cast<std::size_t>((t - 12) / 2);
            if (body + len > b.size()) return false;
            v.bytes = rec.substr(body, len);
        } else {
            return false;  // 10 and 11 are reserved
        }
        body += len;
        row.values.push_back(v);
    }
    // SQLite's OP_Column calls a record whose values do not end exactly at the payload's end
    // corrupt.
    return body == b.size();
}

}  // namespace

const SqlValue& SqlRow::at(std::size_t i) const {
    static const SqlValue null;
    return i < values.size() ? values[i] : null;
}

std::optional<SqliteImage> SqliteImage::open(ByteView file) {
    static constexpr char kMagic[] = "SQLite format 3";  // with its NUL: 16 bytes
    if (file.size() < 512 || std::memcmp(file.data(), kMagic, sizeof kMagic) != 0) {
        return std::nullopt;
    }
    const std::uint8_t* h = file.data();
    std::uint32_t page_size = be16(h + 16);
    if (page_size == 1) page_size = 65536;
    if (page_size < 512 || (page_size & (page_size - 1)) != 0) return std::nullopt;
    // 1/1: rollback journal. WAL (2) may keep committed pages in the -wal file.
    if (h[18] != 1 || h[19] != 1) return std::nullopt;
    if (h[21] != 64 || h[22] != 32 || h[23] != 32) return std::nullopt;
    if (be32(h + 56) != 1) return std::nullopt;                     // UTF-8 only
    if (be32(h + 44) < 1 || be32(h + 44) > 4) return std::nullopt;  // schema format
    SqliteImage img(file);
    img.page_size_ = page_size;
    img.usable_ = page_size - h[20];
    if (img.usable_ < 480) return std::nullopt;
    // The header's page count counts only if written by a version that maintains it.
    const std::uint32_t in_header = be32(h + 28);
    const bool valid = in_header != 0 && be32(h + 24) == be32(h + 92);
    const std::uint64_t pages = valid ? in_header : file.size() / page_size;
    if (pages == 0 || pages * page_size > file.size()) return std::nullopt;
    img.pages_ = static_cast<std::uint32_t>(pages);
    return img;
}

ByteView SqliteImage::page(std::uint32_t n) const {
    if (n == 0 || n > pages_) return {};
    return file_.subspan(static_cast<std::size_t>(n - 1) * page_size_, usable_);
}

std::optional<std::string_view> SqliteImage::payload(ByteView pg, std::size_t offset,
                                                     std::uint64_t size) const {
    const std::uint64_t u = usable_;
    const std::uint64_t max_local = u - 35;
    std::uint64_t local = size;
    if (size > max_local) {
        const std::uint64_t min_local = (u - 12) * 32 / 255 - 23;
        const std::uint64_t k = min_local + (size - min_local) % (u - 4);
        local = k <= max_local ? k : min_local;
    }
    if (offset + local > pg.size()) return std::nullopt;
    const char* base = reinterpret_cast<const char*>(pg.data());
    if (local == size) return std::string_view(base + offset, local);
    if (offset + local + 4 > pg.size()) return std::nullopt;
    auto spill = std::make_unique<std::string>(base + offset, local);
    std::uint32_t next = be32(pg.data() + offset + local);
    for (std::uint32_t hops = 0; spill->size() < size; ++hops) {
        const ByteView ov = page(next);
        if (ov.empty() || hops >= pages_) return std::nullopt;
        const std::size_t take =
            static_cast<std::size_t>(std::min<std::uint64_t>(u - 4, size - spill->size()));
        spill->append(reinterpret_cast<const char*>(ov.data()) + 4, take);
        next = be32(ov.data());
    }
    spilled_.push_back(std::move(spill));
    return std::string_view(*spilled_.back());
}

bool SqliteImage::leaf_cell(ByteView pg, std::size_t offset, std::vector<SqlRow>& out) const {
    std::uint64_t size = 0;
    std::uint64_t rowid = 0;
    if (!varint(pg, offset, size) || !varint(pg, offset, rowid)) return false;
    if (size > file_.size()) return false;  // cannot be: the whole database is smaller
    const auto rec = payload(pg, offset, size);
    if (!rec) return false;
    SqlRow row;
    row.rowid = static_cast<std::int64_t>(rowid);
    if (!decode_record(*rec, row)) return false;
    out.push_back(std::move(row));
    return true;
}

bool SqliteImage::scan(std::uint32_t n, int depth, std::vector<SqlRow>& out,
                       std::uint32_t& visited) const {
    const ByteView pg = page(n);
    // Deeper than any real tree, or more pages than the file has: a loop.
    if (pg.empty() || depth > 20 || ++visited > pages_) return false;
    const std::size_t hdr = n == 1 ? 100 : 0;
    if (hdr + 8 > pg.size()) return false;
    const std::uint8_t type = pg[hdr];
    if (type != 0x0d && type != 0x05) return false;
    const std::size_t hdr_len = type == 0x0d ? 8 : 12;
    const std::uint32_t cells = be16(pg.data() + hdr + 3);
    const std::size_t pointers = hdr + hdr_len;
    if (pointers + 2 * static_cast<std::size_t>(cells) > pg.size()) return false;
    for (std::uint32_t i = 0; i < cells; ++i) {
        const std::size_t at = be16(pg.data() + pointers + 2 * i);
        if (at < pointers + 2 * cells || at >= pg.size()) return false;
        if (type == 0x0d) {
            if (!leaf_cell(pg, at, out)) return false;
        } else {
            if (at + 4 > pg.size() || !scan(be32(pg.data() + at), depth + 1, out, visited))
                return false;
        }
    }
    return type == 0x0d || scan(be32(pg.data() + hdr + 8), depth + 1, out, visited);
}

std::optional<std::vector<SqlRow>> SqliteImage::rows(std::uint32_t root_page) const {
    std::vector<SqlRow> out;
    std::uint32_t visited = 0;
    if (!scan(root_page, 0, out, visited)) return std::nullopt;
    return out;
}

std::optional<std::vector<SqlSchemaEntry>> SqliteImage::schema() const {
    const auto master = rows(1);
    if (!master) return std::nullopt;
    std::vector<SqlSchemaEntry> out;
    for (const auto& r : *master) {
        // type, name, tbl_name, rootpage, sql
        const auto& type = r.at(0);
        const auto& name = r.at(1);
        const auto& table = r.at(2);
        const auto& root = r.at(3);
        const auto& sql = r.at(4);
        if (type.type != SqlValue::Type::Text || name.type != SqlValue::Type::Text ||
            table.type != SqlValue::Type::Text) {
            return std::nullopt;
        }
        SqlSchemaEntry e{
            std::string(type.bytes), std::string(name.bytes), std::string(table.bytes), 0, {}};
        if (sql.type == SqlValue::Type::Text) e.sql = std::string(sql.bytes);
        // SQLite refuses the whole file when it loads a schema whose root page is past the
        // end, or an automatic index (no SQL) whose root page is below 2 ("invalid rootpage");
        // a file it refuses must not read as a session here.
        if (root.type != SqlValue::Type::Integer || root.i < 0 || root.i > pages_ ||
            (e.sql.empty() && root.i < 2)) {
            return std::nullopt;
        }
        e.root_page = static_cast<std::uint32_t>(root.i);
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace tgs::session::detail
