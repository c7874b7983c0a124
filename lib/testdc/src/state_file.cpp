// The --state file: auth keys, who they are logged in as and their authorization records, as
// JSON ({"version":1,"auth_keys":[{...}, ...]}, one key per line); a temporary key also has
// "expires_at" (unix seconds) and, once bound, "bound_to" (the permanent key's id). With 10,000
// keys the file is megabytes and the DC rewrites it while serving checks (batched,
// Cluster::save_state), so the writer streams the text into a small buffer that goes to the
// file whenever it fills: building a JSON document first cost ~30 allocations per key and tens
// of MB of peak memory per write, and even one 9 MB string per write stayed in the DC's heap
// (RSS 18 -> 46 MB over a fleet check of 10,000 keys).
#include <malloc.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tgs/atomic_file.hpp"
#include "tgs/error.hpp"
#include "tgs/testdc/cluster_state.hpp"
#include "tgs/testdc/errors.hpp"

namespace tgs::testdc {
namespace {

using nlohmann::json;

class JsonWriter {
  public:
    std::string& text() { return out_; }

    void key(const char* name) {
        if (!first_) out_ += ',';
        first_ = false;
        out_ += '"';
        out_ += name;
        out_ += "\":";
    }
    void field(const char* name, std::int64_t v) {
        key(name);
        out_ += std::to_string(v);
    }
    void field(const char* name, bool v) {
        key(name);
        out_ += v ? "true" : "false";
    }
    void field(const char* name, std::string_view v) {
        key(name);
        string(v);
    }
    void open(char c) {
        out_ += c;
        first_ = true;
    }
    void close(char c) {
        out_ += c;
        first_ = false;
    }

    void hex(const char* name, ByteView bytes) {
        static constexpr char kHex[] = "0123456789abcdef";
        key(name);
        out_ += '"';
        for (const auto b : bytes) {
            const char pair[2] = {kHex[b >> 4], kHex[b & 0xf]};
            out_.append(pair, 2);
        }
        out_ += '"';
    }

  private:
    void string(std::string_view v) {
        const bool plain = std::all_of(v.begin(), v.end(), [](char c) {
            const auto u = static_cast<unsigned char>(c);
            return u >= 0x20 && u < 0x80 && c != '"' && c != '\\';
        });
        if (plain) {
            out_ += '"';
            out_ += v;
            out_ += '"';
            return;
        }
        for (const char c : v) {
            if (static_cast<unsigned char>(c) >= 0x80) {
                // Client-supplied text that may not be valid UTF-8: nlohmann replaces bad
                // sequences with U+FFFD instead of writing a file nobody can parse.
                out_ += json(std::string(v)).dump(-1, ' ', false, json::error_handler_t::replace);
                return;
            }
        }
        out_ += '"';
        for (const char c : v) {
            if (c == '"' || c == '\\') {
                out_ += '\\';
                out_ += c;
            } else if (static_cast<unsigned char>(c) < 0x20) {
                static constexpr char kHex[] = "0123456789abcdef";
                out_ += "\\u00";
                out_ += kHex[(c >> 4) & 0xf];
                out_ += kHex[c & 0xf];
            } else {
                out_ += c;
            }
        }
        out_ += '"';
    }

    std::string out_;
    bool first_ = true;
};

void write_user(JsonWriter& w, const BoundUser& u) {
    w.key("user");
    w.open('{');
    w.field("id", u.id);
    w.field("bot", u.bot);
    w.field("phone", u.phone);
    w.field("first_name", u.first_name);
    w.field("last_name", u.last_name);
    w.field("username", u.username);
    w.field("access_hash", u.access_hash);
    w.field("dc", static_cast<std::int64_t>(u.dc));
    w.close('}');
}

void write_authorization(JsonWriter& w, const AuthorizationRecord& a) {
    w.key("authorization");
    w.open('{');
    w.field("hash", a.hash);
    w.field("device_model", a.device_model);
    w.field("platform", a.platform);
    w.field("system_version", a.system_version);
    w.field("api_id", static_cast<std::int64_t>(a.api_id));
    w.field("app_name", a.app_name);
    w.field("app_version", a.app_version);
    w.field("date_created", a.date_created);
    w.field("date_active", a.date_active);
    w.field("ip", a.ip);
    w.close('}');
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
    // The one careful writer: private from the first byte, replaced whole, never through a
    // planted link. No fsync: a test DC's state is not worth tens of ms per batched write.
    AtomicFile file(path, errc::state_write_failed, Durability::Cache);
    constexpr std::size_t kChunk = 64 * 1024;
    JsonWriter w;
    w.text().reserve(kChunk + 4096);  // one key's text is under 1 KB
    auto spill = [&] {
        file.write_all(as_bytes(w.text()));
        w.text().clear();
    };
    w.open('{');
    w.field("version", std::int64_t{1});
    w.key("auth_keys");
    w.open('[');
    for (const auto& [id, rec] : keys_) {
        if (&rec != &keys_.begin()->second) w.text() += ",\n";
        w.open('{');
        w.field("id", std::to_string(id));  // u64 as a string: JSON readers lose precision
        w.hex("key", rec.key);
        w.field("dc", static_cast<std::int64_t>(rec.dc));
        w.field("created", rec.created);
        w.field("layer", static_cast<std::int64_t>(rec.layer));
        // Only on temporary keys, so a permanent key's line is what it always was.
        if (rec.expires_at != 0) w.field("expires_at", rec.expires_at);
        if (rec.bound_to != 0) w.field("bound_to", std::to_string(rec.bound_to));
        write_authorization(w, rec.authorization);
        if (rec.user) write_user(w, *rec.user);
        w.close('}');
        if (w.text().size() >= kChunk) spill();
    }
    w.close(']');
    w.close('}');
    w.text() += '\n';
    spill();
    file.commit();
}

void ClusterState::load(const std::filesystem::path& path) {
    auto text = read_file_nofollow(path, errc::state_read_failed);
    if (!text) return;  // first run: nothing to restore
    try {
        const json doc = json::parse(*text);
        text.reset();
        for (const auto& k : doc.at("auth_keys")) {
            AuthKeyRecord rec;
            rec.id = std::stoull(k.at("id").get<std::string>());
            rec.key = from_hex(k.at("key").get<std::string>());
            rec.dc = k.value("dc", 1);
            rec.created = k.value("created", std::int64_t{0});
            rec.layer = k.value("layer", 0);
            // Absent in files written before temporary keys were saved: a permanent key.
            rec.expires_at = k.value("expires_at", std::int64_t{0});
            if (k.contains("bound_to"))
                rec.bound_to = std::stoull(k["bound_to"].get<std::string>());
            if (k.contains("authorization")) rec.authorization = auth_from_json(k["authorization"]);
            if (k.contains("user")) rec.user = user_from_json(k["user"]);
            keys_[rec.id] = std::move(rec);
        }
    } catch (const json::exception& e) {
        throw Error(errc::state_invalid, "state file " + path.string() + ": " + e.what());
    } catch (const std::logic_error&) {
        throw Error(errc::state_invalid, "state file " + path.string() + ": bad auth key id");
    }
    // The parsed document of 10,000 keys is tens of MB, all freed above; hand it back to the
    // system instead of keeping it as the DC's resident size.
    ::malloc_trim(0);
}

}  // namespace tgs::testdc
