// BatchReader: the store sessions among the locations are read ahead, in index order, by one
// thread of the reader's own (one batch query after another, each on a connection per
// database, pg_batch.cpp), while the callers' threads use the sessions already read. Leases the
// batches took are given back by the same thread, on the connection that took them.
#include "tgs/session/batch_read.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "pg_api.hpp"

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
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

}  // namespace

struct BatchReader::Impl {
    std::vector<std::string> locations;
    BatchReadOptions options;
    // The store locations in index order, the batch group of each, and where each location
    // stands in that order (kNone: a file).
    std::vector<std::size_t> order;
    // (An index into `groups` per store location, not the group itself: a fleet has thousands
    // of locations and usually one group.)
    std::vector<detail::StoreBatchGroup> groups;
    std::vector<std::uint32_t> group;
    std::vector<std::size_t> position;

    std::mutex mutex;
    std::condition_variable wake;     // the thread: room in the window, leases to give back
    std::condition_variable arrived;  // the callers: a batch is in
    std::size_t claimed = 0;          // order[0, claimed): read or being read by the thread
    std::size_t done = 0;             // order[0, done): read (taken or waiting in `ready`)
    std::unordered_map<std::size_t, detail::StoreBatchItem> ready;  // by location index
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

    std::shared_ptr<detail::PgConn> connection(std::size_t i) {  // caller holds `mutex`
        const auto& conninfo = groups[group[position[i]]].conninfo;
        auto& c = conns[conninfo];
        if (!c) c = detail::open_batch_connection(locations[i]);
        return c;
    }

    // The thread: gives leases back (in groups), and reads the next batch while the window has
    // room for it.
    void run() {
        std::unique_lock lock(mutex);
        for (;;) {
            const bool more = claimed < order.size();
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
            if (more && ready.size() + kBatch <= kWindow) {
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

    // Location i's session was taken with a lease (caller holds `mutex`).
    void hold(std::size_t i, std::shared_ptr<detail::PgConn> conn, std::int64_t key) {
        auto& h = held[i];
        if (h.conn) give_back(h.conn, h.key);  // read again before release(): one is enough
        h = Held{std::move(conn), key};
    }

    void read_next_batch(std::unique_lock<std::mutex>& lock) {
        const std::size_t first = claimed;
        std::size_t end = first + 1;
        while (end < order.size() && end - first < kBatch && group[end] == group[first]) ++end;
        claimed = end;
        std::vector<std::string> batch;
        for (std::size_t p = first; p < end; ++p) batch.push_back(locations[order[p]]);
        std::shared_ptr<detail::PgConn> conn;
        std::vector<detail::StoreBatchItem> items;
        std::exception_ptr failed;
        try {
            conn = connection(order[first]);
            lock.unlock();
            items = detail::store_read_batch(*conn, batch, options.lease);
        } catch (...) {
            if (lock.owns_lock()) lock.unlock();
            failed = std::current_exception();
        }
        lock.lock();
        for (std::size_t p = first; p < end; ++p) {
            auto& item = ready[order[p]];
            if (failed) {
                item.error = failed;
            } else {
                item = std::move(items[p - first]);
                if (item.lease && item.error) {  // never used: give the lease back now
                    give_back(conn, *item.lease);
                    item.lease.reset();
                }
            }
        }
        done = end;
        arrived.notify_all();
    }

    // The read-ahead item for location i, when there is (or will be) one; nullopt when i must
    // be read directly (taken before, or the window is full of sessions nobody asked for yet).
    std::optional<detail::StoreBatchItem> take(std::size_t i) {
        const std::size_t p = position[i];
        std::unique_lock lock(mutex);
        for (;;) {
            if (auto it = ready.find(i); it != ready.end()) {
                auto item = std::move(it->second);
                ready.erase(it);
                if (item.lease) hold(i, conns[groups[group[p]].conninfo], *item.lease);
                if (ready.size() + kBatch == kWindow) wake.notify_one();  // room for a batch
                return item;
            }
            if (p < done || stopping) return std::nullopt;
            if (p >= claimed && ready.size() + kBatch > kWindow) return std::nullopt;
            arrived.wait(lock);
        }
    }

    // Location i read on its own, on the calling thread (the same queries, a batch of one).
    detail::StoreBatchItem read_alone(std::size_t i) {
        std::shared_ptr<detail::PgConn> conn;
        {
            const std::lock_guard lock(mutex);
            conn = connection(i);
        }
        auto item = std::move(detail::store_read_batch(*conn, {locations[i]}, options.lease)[0]);
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
    m.locations = std::move(locations);
    m.options = options;
    m.position.assign(m.locations.size(), kNone);
    std::map<std::pair<std::string, std::string>, std::uint32_t> known;  // group -> index
    for (std::size_t i = 0; i < m.locations.size(); ++i) {
        if (!detail::is_store_url(m.locations[i])) continue;
        try {
            auto g = detail::store_batch_group(m.locations[i]);
            const auto [it, added] = known.try_emplace({g.conninfo, g.prefix},
                                                       static_cast<std::uint32_t>(m.groups.size()));
            if (added) m.groups.push_back(std::move(g));
            m.group.push_back(it->second);
        } catch (const std::exception&) {
            continue;  // a malformed URL: read() reports it, on its own
        }
        m.position[i] = m.order.size();
        m.order.push_back(i);
    }
    if (!m.order.empty()) m.thread = std::thread([&m] { m.run(); });
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
    return impl_->locations.size();
}

const std::string& BatchReader::location(std::size_t i) const {
    return impl_->locations.at(i);
}

LoadedSession BatchReader::read(std::size_t i, const std::optional<SealKey>& seal_key) {
    auto& m = *impl_;
    if (m.position.at(i) == kNone) return open_read_only(m.locations[i], seal_key);
    auto item = m.take(i);
    if (!item) item = m.read_alone(i);
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
