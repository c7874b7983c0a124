#include "tgs/testdc/cluster_state.hpp"

namespace tgs::testdc {

AuthKeyRecord& ClusterState::add_auth_key(std::uint64_t id, Bytes key, int dc, std::int64_t now) {
    AuthKeyRecord rec;
    rec.id = id;
    rec.key = std::move(key);
    rec.dc = dc;
    rec.created = now;
    rec.authorization.date_created = now;
    rec.authorization.date_active = now;
    auto [it, inserted] = keys_.insert_or_assign(id, std::move(rec));
    (void)inserted;
    return it->second;
}

AuthKeyRecord* ClusterState::find_auth_key(std::uint64_t id) {
    auto it = keys_.find(id);
    return it == keys_.end() ? nullptr : &it->second;
}

std::size_t ClusterState::drop_expired_keys(std::int64_t now) {
    return std::erase_if(keys_, [now](const auto& entry) {
        return entry.second.expires_at != 0 && now >= entry.second.expires_at;
    });
}

std::vector<std::uint64_t> ClusterState::unbind_user(std::int64_t user_id,
                                                     std::optional<std::uint64_t> keep) {
    std::vector<std::uint64_t> dropped;
    for (auto& [id, rec] : keys_) {
        if (keep && id == *keep) continue;
        if (rec.user && rec.user->id == user_id) {
            rec.user.reset();
            dropped.push_back(id);
        }
    }
    return dropped;
}

}  // namespace tgs::testdc
