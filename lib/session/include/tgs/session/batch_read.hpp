// Reading many sessions for a fleet check (`status` of a whole store or folder). Sessions in a
// PostgreSQL store are read ahead in batches, a few hundred rows per query, on a connection and
// a thread of their own, so a read() is a hand-over instead of a round trip under the shared
// connection's lock; files are read by read() itself (open_read_only: one open, one read).
// A store URL without session= stands for every session in it (by name), listed a page at a
// time as the read-ahead reaches it. Memory stays bounded whatever the number of sessions: at
// most a window of sessions (their keys in locked memory) is held ahead of the readers.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tgs/session/sealed.hpp"
#include "tgs/session/store.hpp"

namespace tgs::session {

struct BatchReadOptions {
    /// Hold each store session's lease from its read until release(): a caller that will use
    /// the auth key (an online check) is then its one user, as docs/postgres-store.md asks.
    /// Taken with a try, never waiting: a session another process holds reads as
    /// SESSION_LOCKED naming the holder. Files are never locked by readers (as
    /// open_read_only).
    bool lease = false;
};

class BatchReader {
  public:
    /// Counts the sessions of every whole store among `locations` (one query each, in one
    /// snapshot that its listing keeps). A whole store that cannot be listed (out of reach, or
    /// no tables: SESSION_NOT_FOUND) counts as one session whose read() throws why.
    explicit BatchReader(std::vector<std::string> locations, BatchReadOptions options = {});
    BatchReader(const BatchReader&) = delete;
    BatchReader& operator=(const BatchReader&) = delete;
    /// Stops reading ahead and closes its connections (the server ends any lease still held).
    ~BatchReader();

    /// Sessions in all: a whole store counts as its number of sessions. A store session is
    /// counted once, where it was first named: alone, or in a whole store (the store compared
    /// as its server resolves it, and the name; not the URL's text). Files are the caller's to
    /// give once (read()'s `identity` tells two names of one file).
    std::size_t size() const;
    /// Inputs that named a store session or whole store named before (not counted in size()).
    std::size_t repeats() const;
    /// Where session `i` is (in a whole store: the URL with session=NAME). Never throws for
    /// i < size(): a listed name out of reach is told by its place in the listing.
    std::string location(std::size_t i) const;

    /// Session `i`, as open_read_only would return it (and throwing what it would throw, plus
    /// SESSION_LOCKED with a lease). Safe to call from many threads; best called in about
    /// index order (the read-ahead goes that way). Reading `i` again reads it afresh.
    /// `identity`: set for a file as open_read_only sets it (left alone for a store session).
    LoadedSession read(std::size_t i, const std::optional<SealKey>& seal_key = std::nullopt,
                       FileIdentity* identity = nullptr);
    /// Done with session `i`: its lease, if read() took one, is given back. Any `i`, any
    /// number of times.
    void release(std::size_t i);

    struct Impl;

  private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace tgs::session
