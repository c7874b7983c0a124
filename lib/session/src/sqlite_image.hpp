// Private to lib/session: the tables of a small SQLite database file read from its bytes in
// memory, for the fleet path of `status` (issue 8). Opening a file with SQLite parses every
// CREATE statement of its schema and prepares each query: ~130 µs per Telethon file, which caps
// a fleet check far below 20,000 files/s. A session file is a few pages, so reading its table
// B-trees directly from the one read the probe already made costs a few µs.
//
// This reader only ever says "here are the rows" or "not for me" (nullopt): anything it does not
// fully understand (WAL mode, another text encoding, index-only tables, a page out of range, a
// malformed record, a loop) is left to SQLite, which then reports the file's real state. It
// never decides that a file is damaged.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tgs/bytes.hpp"
#include "tgs/session/session_data.hpp"

namespace tgs::session::detail {

/// One column value as stored (SQLite's storage classes).
struct SqlValue {
    enum class Type { Null, Integer, Real, Text, Blob } type = Type::Null;
    std::int64_t i = 0;
    double r = 0;
    std::string_view bytes;  // text or blob, pointing into the image
};

/// One table row: its rowid and the record's values (a record may hold fewer values than the
/// table has columns; the missing ones are NULL).
struct SqlRow {
    std::int64_t rowid = 0;
    std::vector<SqlValue> values;
    const SqlValue& at(std::size_t i) const;
};

/// A schema entry of sqlite_master.
struct SqlSchemaEntry {
    std::string type;  // table, index, view, trigger
    std::string name;
    std::string table;  // tbl_name: the table itself, or the table an index belongs to
    std::uint32_t root_page = 0;
    std::string sql;  // empty for automatic indexes
};

class SqliteImage {
  public:
    /// nullopt unless `file` is a whole rollback-journal SQLite database in UTF-8 this reader
    /// understands (the header checks only; pages are checked as they are read).
    static std::optional<SqliteImage> open(ByteView file);

    /// sqlite_master's rows, nullopt if its pages cannot be read.
    std::optional<std::vector<SqlSchemaEntry>> schema() const;
    /// Every row of the table B-tree rooted at `root_page`, in rowid order (as a full scan
    /// returns them). nullopt if any page or record is not understood.
    std::optional<std::vector<SqlRow>> rows(std::uint32_t root_page) const;

  private:
    explicit SqliteImage(ByteView file) : file_(file) {}
    bool scan(std::uint32_t page, int depth, std::vector<SqlRow>& out,
              std::uint32_t& visited) const;
    bool leaf_cell(ByteView page, std::size_t offset, std::vector<SqlRow>& out) const;
    std::optional<std::string_view> payload(ByteView page, std::size_t offset,
                                            std::uint64_t size) const;
    ByteView page(std::uint32_t n) const;

    ByteView file_;
    std::uint32_t page_size_ = 0;
    std::uint32_t usable_ = 0;
    std::uint32_t pages_ = 0;
    // Payloads that spilled to overflow pages, reassembled; rows point into them.
    mutable std::vector<std::unique_ptr<std::string>> spilled_;
};

/// Telethon v1 (schema 7) rows from a file image whose schema is exactly the one Telethon (and
/// tgsession) creates; nullopt for anything else, which then goes through SQLite.
std::optional<SessionData> read_telethon_v1_image(ByteView file);

}  // namespace tgs::session::detail
