#include "salt_cache.hpp"

#include <sys/stat.h>

#include <cerrno>

#include "errors.hpp"
#include "salt_cache_file.hpp"
#include "salt_cache_legacy.hpp"
#include "tgs/atomic_file.hpp"
#include "xdg_paths.hpp"

namespace tgsession {
namespace {

static_assert(SaltCache::kShards == 64, "shard_of() and shard_name() take 6 bits");

unsigned shard_of(std::uint64_t key_id) {
    return static_cast<unsigned>(key_id >> 58);
}

bool fresh(std::int64_t saved_at, std::int64_t now, std::int64_t max_age) {
    return saved_at <= now && now - saved_at <= max_age;
}

std::string hex_byte(unsigned v) {
    return {"0123456789abcdef"[(v >> 4) & 0xf], "0123456789abcdef"[v & 0xf]};
}

}  // namespace

SaltCache::SaltCache(std::filesystem::path state_dir)
    : state_dir_(std::move(state_dir)),
      shard_dir_(state_dir_.empty() ? std::filesystem::path() : state_dir_ / kShardDir) {}

std::string SaltCache::shard_name(const std::string& key_id_hex) {
    const auto id = salt_file::parse_key_id(key_id_hex);
    return id ? hex_byte(shard_of(*id)) : std::string();
}

std::filesystem::path SaltCache::shard_file(unsigned index) const {
    return shard_dir_ / hex_byte(index);
}

void SaltCache::read_shard(unsigned index, Shard& shard) const {
    try {
        require_private(state_dir_);  // a salt planted by another user is not worth a look
    } catch (const std::exception&) {
        return;
    }
    if (!salt_file::is_private_dir(shard_dir_)) return;
    const std::string text = salt_file::read_if_ours(shard_file(index));
    shard.entries.reserve(text.size() / 40);
    salt_file::for_each_entry(
        text, [&](std::uint64_t id, std::int64_t salt, std::int64_t saved_at, std::string_view) {
            // A salt saved by this process is newer than the file's.
            if (shard_of(id) == index) shard.entries.try_emplace(id, Entry{salt, saved_at});
        });
}

std::optional<std::int64_t> SaltCache::load(const std::string& key_id_hex, std::int64_t now,
                                            std::int64_t max_age_seconds) {
    const auto id = salt_file::parse_key_id(key_id_hex);
    if (state_dir_.empty() || !id) return std::nullopt;
    const std::lock_guard lock(mutex_);
    const unsigned index = shard_of(*id);
    Shard& shard = shards_[index];
    if (!shard.loaded) {
        shard.loaded = true;
        read_shard(index, shard);
    }
    const auto it = shard.entries.find(*id);
    if (it == shard.entries.end() || !fresh(it->second.saved_at, now, max_age_seconds)) {
        return std::nullopt;
    }
    return it->second.salt;
}

void SaltCache::save(const std::string& key_id_hex, std::int64_t salt, std::int64_t now) {
    const auto id = salt_file::parse_key_id(key_id_hex);
    if (state_dir_.empty() || !id || salt == 0) return;
    const std::lock_guard lock(mutex_);
    Shard& shard = shards_[shard_of(*id)];
    shard.entries[*id] = Entry{salt, now, true};
    shard.unsaved = true;
    unsaved_ = true;
}

void SaltCache::write_shard(unsigned index, Shard& shard, std::int64_t now) const {
    // What the file holds now, line by line as it is, less the keys saved here and the stale
    // lines; then the salts saved here.
    const auto file = shard_file(index);
    const std::string now_on_disk = salt_file::read_if_ours(file);
    std::string text;
    text.reserve(now_on_disk.size() + shard.entries.size() * 48);
    salt_file::for_each_entry(now_on_disk, [&](std::uint64_t id, std::int64_t,
                                               std::int64_t saved_at, std::string_view line) {
        if (shard_of(id) != index || !fresh(saved_at, now, kMaxAge)) return;
        const auto mine = shard.entries.find(id);
        if (mine != shard.entries.end() && mine->second.unsaved) return;
        text.append(line).push_back('\n');
    });
    for (auto& [id, e] : shard.entries) {
        if (!e.unsaved) continue;
        e.unsaved = false;
        if (fresh(e.saved_at, now, kMaxAge)) salt_file::append_line(text, id, e.salt, e.saved_at);
    }
    tgs::write_file_atomically(file, tgs::as_bytes(text), errc::salt_cache_write,
                               tgs::Durability::Cache);
}

void SaltCache::flush(std::int64_t now) {
    const std::lock_guard lock(mutex_);
    if (!unsaved_) return;
    unsaved_ = false;
    // A cache: an unsafe or unwritable state dir only costs a round trip next time.
    try {
        struct stat st {};
        const bool first_write = ::lstat(shard_dir_.c_str(), &st) != 0 && errno == ENOENT;
        ensure_private_dir(state_dir_, shard_dir_, errc::salt_cache_write);
        if (!salt_file::is_private_dir(shard_dir_)) return;  // a link there: not ours to write
        if (first_write) remove_old_salt_caches(state_dir_);
    } catch (const std::exception&) {
        return;
    }
    for (unsigned i = 0; i < kShards; ++i) {
        if (!shards_[i].unsaved) continue;
        shards_[i].unsaved = false;
        try {
            write_shard(i, shards_[i], now);
        } catch (const std::exception&) {
            // That shard's new salts are lost; the others are still worth writing.
        }
    }
}

SaltCache& default_salt_cache() {
    static SaltCache cache = [] {
        try {
            return SaltCache(xdg_state_home() / "tgsession");
        } catch (const std::exception&) {
            return SaltCache({});  // no home directory: no cache (it only saves a round trip)
        }
    }();
    return cache;
}

}  // namespace tgsession
