// BatchReader: the store sessions among the locations are read ahead, in index order, by one
// thread of the reader's own (one batch query after another, each on a connection per
// database, pg_batch.cpp), while the callers' threads use the sessions already read. A whole
// store is listed a page at a time (pg_list.cpp) as the read-ahead reaches it, so nothing is
// held per session beyond the window. Leases the batches took are given back by the same
// thread, on the connection that took them.
#include "tgs/session/batch_read.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "batch_mentions.hpp"
#include "internal.hpp"
#include "pg_api.hpp"
#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session {
namespace {

// Sessions per query: large enough that a round trip costs next to nothing per session, small
// enough that a batch is read in a few milliseconds.
constexpr std::size_t kBatch = 128;
// Sessions read but not yet taken, at most (plus the batch being read): each holds its key in
// locked memory (RLIMIT_MEMLOCK is 8 MiB for a normal user), and with a lease, a lock in the
// server's shared lock table.
constexpr std::size_t kWindow = 3 * kBatch;
// Leases given back are sent together: once this many wait, or the oldest has waited this
// long (a worker may be waiting for one), or the reader is done with the store. One query
// per check would cost the server a round trip per session.
constexpr std::size_t kGiveBackBatch = 32;
constexpr auto kGiveBackDelay = std::chrono::milliseconds(10);
// Locations of listed sessions kept for location() after they were read; an older one is
// looked up again (StoreListing::at).
constexpr std::size_t kNamesKept = 2 * kWindow;
constexpr std::uint32_t kNotStore = UINT32_MAX;  // a file, or a malformed store URL

}  // namespace

struct BatchReader::Impl {
    // One location as given: a file, a store session, or a whole store (every session in it,
    // listed as the read-ahead gets there). Its sessions are indices [first, first + count).
    struct Input {
        std::string location;
        std::size_t first = 0;
        std::size_t count = 1;
        std::uint32_t group = kNotStore;                // into `groups`
        std::unique_ptr<detail::StoreListing> listing;  // a whole store
        std::exception_ptr unlisted;  // a whole store that could not be listed: its one result
        bool reads_ahead() const { return group != kNotStore && count > 0; }
    };
    std::vector<Input> inputs;
    std::size_t total = 0;
    std::size_t repeats = 0;  // inputs naming a store session (or store) named before
    BatchReadOptions options;
    std::vector<detail::StoreBatchGroup> groups;

    std::mutex mutex;
    std::condition_variable wake;     // the thread: room in the window, leases to give back
    std::condition_variable arrived;  // the callers: a batch is in
    // The read-ahead's place: the next input with store sessions not yet claimed, and how far
    // into it (a whole store).
    std::size_t cursor = 0;
    std::size_t cursor_offset = 0;
    std::size_t claimed = 0;     // store sessions below this index: read or being read
    std::size_t done = 0;        // below this index: read (taken or waiting in `ready`)
    std::size_t wanted_end = 0;  // a caller waits for a listed session below this index
    std::unordered_map<std::size_t, detail::StoreBatchItem> ready;  // by index
    std::map<std::size_t, std::string> names;  // locations of listed sessions, by index
    struct Held {
        std::shared_ptr<detail::PgConn> conn;
        std::int64_t key;
    };
    std::unordered_map<std::size_t, Held> held;  // leases of taken sessions
    std::map<std::shared_ptr<detail::PgConn>, std::vector<std::int64_t>> back;  // to give back
    std::size_t back_count = 0;
    std::chrono::steady_clock::time_point back_since;
    std::map<std::string, std::shared_ptr<detail::PgConn>> conns;  // by conninfo
    bool stopping = false;
    std::thread thread;

    const Input& input_of(std::size_t i) const {
        const auto it =
            std::upper_bound(inputs.begin(), inputs.end(), i,
                             [](std::size_t v, const Input& in) { return v < in.first; });
        return *(it - 1);
    }

    std::shared_ptr<detail::PgConn> connection(const Input& in) {  // caller holds `mutex`
        auto& c = conns[groups[in.group].conninfo];
        if (!c) c = detail::open_batch_connection(in.location);
        return c;
    }

    // Past inputs without store sessions to read ahead; sets `claimed` to where it stops.
    void advance_cursor() {
        while (cursor < inputs.size() && !inputs[cursor].reads_ahead()) ++cursor;
        claimed = cursor < inputs.size() ? inputs[cursor].first + cursor_offset : total;
    }

    // The thread: gives leases back (in groups), and reads the next batch while the window has
    // room for it or a caller waits for a session past it.
    void run() {
        std::unique_lock lock(mutex);
        for (;;) {
            const bool more = cursor < inputs.size();
            const auto now = std::chrono::steady_clock::now();
            if (back_count > 0 &&
                (back_count >= kGiveBackBatch || stopping || now - back_since >= kGiveBackDelay)) {
                auto giving = std::move(back);
                back.clear();
                back_count = 0;
                lock.unlock();
                for (const auto& [conn, keys] : giving) detail::store_release_leases(*conn, keys);
                lock.lock();
                continue;
            }
            if (stopping) return;
            if (more && (ready.size() + kBatch <= kWindow || wanted_end > claimed)) {
                read_next_batch(lock);
                continue;
            }
            if (back_count > 0) {
                wake.wait_until(lock, back_since + kGiveBackDelay);
            } else {
                wake.wait(lock);
            }
        }
    }

    // A lease to give back (caller holds `mutex`).
    void give_back(const std::shared_ptr<detail::PgConn>& conn, std::int64_t key) {
        if (back_count++ == 0) back_since = std::chrono::steady_clock::now();
        back[conn].push_back(key);
        if (back_count == 1 || back_count == kGiveBackBatch) wake.notify_one();
    }

    // Session i was taken with a lease (caller holds `mutex`).
    void hold(std::size_t i, std::shared_ptr<detail::PgConn> conn, std::int64_t key) {
        auto& h = held[i];
        if (h.conn) give_back(h.conn, h.key);  // read again before release(): one is enough
        h = Held{std::move(conn), key};
    }

    // Claims the next batch (caller holds `mutex`): a page of a whole store, or the store
    // sessions named one by one that come next (files between them skipped), of one group.
    // Returns their indices; `batch` gets the locations known already.
    std::vector<std::size_t> claim_batch(std::vector<std::string>& batch) {
        std::vector<std::size_t> indices;
        const Input& first = inputs[cursor];
        if (first.listing) {
            const std::size_t n = std::min(kBatch, first.count - cursor_offset);
            for (std::size_t k = 0; k < n; ++k) indices.push_back(first.first + cursor_offset + k);
            cursor_offset += n;
            if (cursor_offset == first.count) {
                ++cursor;
                cursor_offset = 0;
            }
        } else {
            for (; cursor < inputs.size() && indices.size() < kBatch; ++cursor) {
                const Input& in = inputs[cursor];
                if (!in.reads_ahead()) continue;
                if (in.listing || in.group != first.group) break;
                indices.push_back(in.first);
                batch.push_back(in.location);
            }
        }
        advance_cursor();
        return indices;
    }

    void read_next_batch(std::unique_lock<std::mutex>& lock) {
        const Input& in = inputs[cursor];
        std::vector<std::string> batch;
        const std::vector<std::size_t> indices = claim_batch(batch);
        const std::size_t end = claimed;
        std::shared_ptr<detail::PgConn> conn;
        std::vector<detail::StoreBatchItem> items;
        std::exception_ptr failed;
        try {
            conn = connection(in);
            lock.unlock();
            if (in.listing) batch = in.listing->next_page(indices.size());
            items = detail::store_read_batch(*conn, batch, options.lease);
        } catch (...) {
            if (lock.owns_lock()) lock.unlock();
            failed = std::current_exception();
        }
        lock.lock();
        for (std::size_t k = 0; k < indices.size(); ++k) {
            if (in.listing && k < batch.size()) names[indices[k]] = std::move(batch[k]);
            auto& item = ready[indices[k]];
            if (failed) {
                item.error = failed;
            } else if (k >= items.size()) {  // a snapshot lists what it counted: not expected
                item.error = std::make_exception_ptr(
                    Error(errc::not_found, in.location + ": fewer sessions listed than counted"));
            } else {
                item = std::move(items[k]);
                if (item.lease && item.error) {  // never used: give the lease back now
                    give_back(conn, *item.lease);
                    item.lease.reset();
                }
            }
        }
        done = end;
        forget_old_names();
        arrived.notify_all();
    }

    // Keeps `names` bounded: the oldest sessions already taken are looked up again if asked.
    void forget_old_names() {  // caller holds `mutex`
        while (names.size() > kNamesKept) {
            const auto it = names.begin();
            if (it->first >= done || ready.count(it->first)) break;
            names.erase(it);
        }
    }

    // A caller waits for session i of a listing (caller holds `mutex`): the thread reads its
    // page even past the window.
    void want(std::size_t i) {
        if (i + 1 > wanted_end) {
            wanted_end = i + 1;
            wake.notify_one();
        }
    }

    // The location of a listed session: from its page (waiting for the read-ahead to list it),
    // or looked up alone once its page has gone by.
    std::string listed_location(std::size_t i, const Input& in) {
        {
            std::unique_lock lock(mutex);
            for (;;) {
                if (const auto it = names.find(i); it != names.end()) return it->second;
                if (i < done || stopping) break;
                want(i);
                arrived.wait(lock);
            }
        }
        try {
            return in.listing->at(i - in.first);
        } catch (const std::exception&) {
            // The store is out of reach (read() says so): name the place in the listing.
            return in.location + " (session " + std::to_string(i - in.first + 1) + " of " +
                   std::to_string(in.count) + ")";
        }
    }

    // The read-ahead item for session i, when there is (or will be) one; nullopt when i must
    // be read directly (taken before, or a session named alone with the window full of
    // sessions nobody asked for yet).
    std::optional<detail::StoreBatchItem> take(std::size_t i, const Input& in) {
        std::unique_lock lock(mutex);
        for (;;) {
            if (auto it = ready.find(i); it != ready.end()) {
                auto item = std::move(it->second);
                ready.erase(it);
                if (item.lease) hold(i, conns[groups[in.group].conninfo], *item.lease);
                if (ready.size() + kBatch == kWindow) wake.notify_one();  // room for a batch
                return item;
            }
            if (i < done || stopping) return std::nullopt;
            if (i >= claimed && ready.size() + kBatch > kWindow) {
                if (!in.listing) return std::nullopt;
                want(i);  // a listed session comes with its page, even past the window
            }
            arrived.wait(lock);
        }
    }

    // Session i read on its own, on the calling thread (the same queries, a batch of one).
    detail::StoreBatchItem read_alone(std::size_t i, const Input& in) {
        std::shared_ptr<detail::PgConn> conn;
        {
            const std::lock_guard lock(mutex);
            conn = connection(in);
        }
        const std::string location = in.listing ? listed_location(i, in) : in.location;
        auto item = std::move(detail::store_read_batch(*conn, {location}, options.lease)[0]);
        if (item.lease) {
            const std::lock_guard lock(mutex);
            if (item.error) {
                give_back(conn, *item.lease);
            } else {
                hold(i, conn, *item.lease);
            }
        }
        return item;
    }
};

BatchReader::BatchReader(std::vector<std::string> locations, BatchReadOptions options)
    : impl_(std::make_unique<Impl>()) {
    auto& m = *impl_;
    m.options = options;
    m.inputs.resize(locations.size());
    std::vector<detail::StoreMention> mentions(locations.size());
    std::map<std::pair<std::string, std::string>, std::uint32_t> known;  // group -> index
    for (std::size_t i = 0; i < locations.size(); ++i) {
        auto& in = m.inputs[i];
        in.location = std::move(locations[i]);
        if (!detail::is_store_url(in.location)) continue;
        try {
            auto g = detail::store_batch_group(in.location);
            auto& mention = mentions[i];
            mention.whole = detail::is_store_collection(in.location);
            if (!mention.whole) mention.name = detail::store_session_name(in.location);
            const auto [it, added] = known.try_emplace({g.conninfo, g.prefix},
                                                       static_cast<std::uint32_t>(m.groups.size()));
            if (added) m.groups.push_back(std::move(g));
            in.group = mention.group = it->second;
        } catch (const std::exception&) {
            // A malformed URL: read() reports it, on its own.
        }
    }
    // Mentions compare stores, not connection strings: two spellings of one store are one.
    const auto same_store = detail::same_store_groups(m.groups);
    for (auto& mention : mentions) {
        if (mention.group != detail::StoreMention::kNone) mention.group = same_store[mention.group];
    }
    auto plan = detail::plan_mentions(mentions);
    for (std::size_t i = 0; i < m.inputs.size(); ++i) {
        auto& in = m.inputs[i];
        in.first = m.total;
        if (plan.repeat[i]) {  // read where it was named first
            in.count = 0;
            in.group = kNotStore;
            ++m.repeats;
            continue;
        }
        if (mentions[i].whole && in.group != kNotStore) {
            try {
                in.listing = std::make_unique<detail::StoreListing>(in.location, plan.skip[i]);
                in.count = in.listing->size();
                if (const auto a = plan.after.find(i); a != plan.after.end()) {
                    std::vector<std::string> names;
                    for (const auto j : a->second) names.push_back(mentions[j].name);
                    const auto held = in.listing->present(names);
                    for (const auto j : a->second) {
                        plan.repeat[j] =
                            std::find(held.begin(), held.end(), mentions[j].name) != held.end();
                    }
                }
            } catch (...) {
                // Reported in its place, as a missing file is: the other inputs still count.
                in.listing.reset();
                in.count = 1;
                in.unlisted = std::current_exception();
                in.group = kNotStore;
            }
        }
        m.total += in.count;
    }
    m.advance_cursor();
    if (m.cursor < m.inputs.size()) m.thread = std::thread([&m] { m.run(); });
}

BatchReader::~BatchReader() {
    auto& m = *impl_;
    {
        const std::lock_guard lock(m.mutex);
        m.stopping = true;
        for (auto& [i, h] : m.held) m.give_back(h.conn, h.key);
        m.held.clear();
    }
    m.wake.notify_one();
    m.arrived.notify_all();
    if (m.thread.joinable()) m.thread.join();
    // The connections close with m (the server ends whatever they still hold).
}

std::size_t BatchReader::size() const {
    return impl_->total;
}

std::size_t BatchReader::repeats() const {
    return impl_->repeats;
}

std::string BatchReader::location(std::size_t i) const {
    auto& m = *impl_;
    if (i >= m.total) throw std::out_of_range("BatchReader::location");
    const auto& in = m.input_of(i);
    return in.listing ? m.listed_location(i, in) : in.location;
}

LoadedSession BatchReader::read(std::size_t i, const std::optional<SealKey>& seal_key,
                                FileIdentity* identity) {
    auto& m = *impl_;
    if (i >= m.total) throw std::out_of_range("BatchReader::read");
    const auto& in = m.input_of(i);
    if (in.unlisted) std::rethrow_exception(in.unlisted);
    if (in.group == kNotStore) return open_read_only(in.location, seal_key, identity);
    auto item = m.take(i, in);
    if (!item) item = m.read_alone(i, in);
    if (item->error) std::rethrow_exception(item->error);
    return std::move(*item->session);
}

void BatchReader::release(std::size_t i) {
    auto& m = *impl_;
    const std::lock_guard lock(m.mutex);
    const auto it = m.held.find(i);
    if (it == m.held.end()) return;
    m.give_back(it->second.conn, it->second.key);
    m.held.erase(it);
}

}  // namespace tgs::session
