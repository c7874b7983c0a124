#include "tgs/testdc/cluster_state.hpp"

#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tgs/error.hpp"

namespace tgs::testdc {

using nlohmann::json;

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

namespace {

json user_to_json(const BoundUser& u) {
    return {{"id", u.id},
            {"bot", u.bot},
            {"phone", u.phone},
            {"first_name", u.first_name},
            {"last_name", u.last_name},
            {"username", u.username},
            {"access_hash", u.access_hash},
            {"dc", u.dc}};
}

BoundUser user_from_json(const json& j) {
    BoundUser u;
    u.id = j.at("id").get<std::int64_t>();
    u.bot = j.value("bot", false);
    u.phone = j.value("phone", "");
    u.first_name = j.value("first_name", "");
    u.last_name = j.value("last_name", "");
    u.username = j.value("username", "");
    u.access_hash = j.value("access_hash", std::int64_t{0});
    u.dc = j.value("dc", 1);
    return u;
}

json auth_to_json(const AuthorizationRecord& a) {
    return {{"hash", a.hash},
            {"device_model", a.device_model},
            {"platform", a.platform},
            {"system_version", a.system_version},
            {"api_id", a.api_id},
            {"app_name", a.app_name},
            {"app_version", a.app_version},
            {"date_created", a.date_created},
            {"date_active", a.date_active},
            {"ip", a.ip}};
}

AuthorizationRecord auth_from_json(const json& j) {
    AuthorizationRecord a;
    a.hash = j.value("hash", std::int64_t{0});
    a.device_model = j.value("device_model", "");
    a.platform = j.value("platform", "");
    a.system_version = j.value("system_version", "");
    a.api_id = j.value("api_id", 0);
    a.app_name = j.value("app_name", "");
    a.app_version = j.value("app_version", "");
    a.date_created = j.value("date_created", std::int64_t{0});
    a.date_active = j.value("date_active", std::int64_t{0});
    a.ip = j.value("ip", "");
    return a;
}

}  // namespace

void ClusterState::save(const std::filesystem::path& path) const {
    json keys = json::array();
    for (const auto& [id, rec] : keys_) {
        json k = {{"id", std::to_string(id)},  // u64 as a string: JSON readers lose precision
                  {"key", to_hex(rec.key)},
                  {"dc", rec.dc},
                  {"created", rec.created},
                  {"layer", rec.layer},
                  {"authorization", auth_to_json(rec.authorization)}};
        if (rec.user) k["user"] = user_to_json(*rec.user);
        keys.push_back(std::move(k));
    }
    const json doc = {{"version", 1}, {"auth_keys", keys}};
    // Write beside, chmod 0600 before any secret lands, then rename over the old file.
    const auto tmp = path.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw Error("STATE_WRITE_FAILED", "cannot write state file " + path.string());
        ::chmod(tmp.c_str(), 0600);
        out << doc.dump(1) << '\n';
        if (!out) throw Error("STATE_WRITE_FAILED", "cannot write state file " + path.string());
    }
    std::filesystem::rename(tmp, path);
}

void ClusterState::load(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return;  // first run: nothing to restore
    std::stringstream ss;
    ss << in.rdbuf();
    try {
        const json doc = json::parse(ss.str());
        for (const auto& k : doc.at("auth_keys")) {
            AuthKeyRecord rec;
            rec.id = std::stoull(k.at("id").get<std::string>());
            rec.key = from_hex(k.at("key").get<std::string>());
            rec.dc = k.value("dc", 1);
            rec.created = k.value("created", std::int64_t{0});
            rec.layer = k.value("layer", 0);
            if (k.contains("authorization")) rec.authorization = auth_from_json(k["authorization"]);
            if (k.contains("user")) rec.user = user_from_json(k["user"]);
            keys_[rec.id] = std::move(rec);
        }
    } catch (const json::exception& e) {
        throw Error("STATE_INVALID", "state file " + path.string() + ": " + e.what());
    } catch (const std::logic_error&) {
        throw Error("STATE_INVALID", "state file " + path.string() + ": bad auth key id");
    }
}

}  // namespace tgs::testdc
