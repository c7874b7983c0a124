#include "tgs/testdc/accounts.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tgs/crypto/hash.hpp"
#include "tgs/error.hpp"
#include "tgs/testdc/errors.hpp"

namespace tgs::testdc {

namespace {

// Stable per-id access hash so a session saved yesterday still resolves today.
std::int64_t derive_access_hash(std::int64_t id) {
    std::string seed = "tgs-testdc-access-hash:" + std::to_string(id);
    auto d = crypto::sha256(as_bytes(seed));
    std::int64_t v = 0;
    std::memcpy(&v, d.data(), sizeof v);
    return v;
}

std::optional<std::int64_t> parse_int64(std::string_view s) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
}

[[noreturn]] void invalid(const std::string& why) {
    throw Error(errc::accounts_invalid, why);
}

std::string str_field(const nlohmann::json& j, const char* key, const std::string& def = {}) {
    if (!j.contains(key) || j[key].is_null()) return def;
    if (!j[key].is_string()) invalid(std::string("field '") + key + "' must be a string");
    return j[key].get<std::string>();
}

int dc_field(const nlohmann::json& j, int dc_count, const std::string& who) {
    int dc = 1;
    if (j.contains("dc")) {
        if (!j["dc"].is_number_integer()) invalid(who + ": 'dc' must be an integer");
        dc = j["dc"].get<int>();
    }
    if (dc < 1 || dc > dc_count) {
        invalid(who + ": dc " + std::to_string(dc) + " outside 1.." + std::to_string(dc_count));
    }
    return dc;
}

// The id part of a bot token "<id>:<secret>", if well formed.
std::optional<std::int64_t> bot_id_of(std::string_view token) {
    auto colon = token.find(':');
    if (colon == std::string_view::npos || colon + 1 >= token.size()) return std::nullopt;
    auto id = parse_int64(token.substr(0, colon));
    if (!id || *id <= 0) return std::nullopt;
    return id;
}

bool bool_field(const nlohmann::json& j, const char* key, bool def, const std::string& who) {
    if (!j.contains(key) || j[key].is_null()) return def;
    if (!j[key].is_boolean()) invalid(who + ": '" + key + "' must be true or false");
    return j[key].get<bool>();
}

// The optional fields of the login branches (docs/architecture.md §5).
void read_branch_fields(const nlohmann::json& u, const std::string& who, UserAccount& acc) {
    acc.code_type = str_field(u, "code_type");
    if (!acc.code_type.empty() && std::find(std::begin(kCodeTypes), std::end(kCodeTypes),
                                            acc.code_type) == std::end(kCodeTypes)) {
        invalid(who + ": unknown code_type '" + acc.code_type + "'");
    }
    acc.email = str_field(u, "email");
    acc.email_code = str_field(u, "email_code", acc.code);
    acc.email_setup_required = bool_field(u, "email_setup_required", false, who);
    acc.recovery_email = str_field(u, "recovery_email");
    acc.recovery_code = str_field(u, "recovery_code", acc.code);
    acc.signed_up = bool_field(u, "signed_up", true, who);
    acc.payment_required = bool_field(u, "payment_required", false, who);
    if (acc.code_type == "email" && acc.email.empty() && !acc.email_setup_required) {
        invalid(who + ": code_type 'email' needs 'email' (or email_setup_required)");
    }
}

}  // namespace

bool Accounts::update_user(std::string_view phone,
                           const std::function<void(UserAccount&)>& change) {
    const std::string p = normalize_phone(phone);
    for (auto& u : users_) {
        if (u.phone == p) {
            change(u);
            return true;
        }
    }
    return false;
}

std::string Accounts::normalize_phone(std::string_view phone) {
    std::string out;
    for (std::size_t i = 0; i < phone.size(); ++i) {
        char c = phone[i];
        if (c == '+' && out.empty()) continue;
        if (c == ' ' || c == '-' || c == '(' || c == ')') continue;
        if (c < '0' || c > '9') return {};
        out.push_back(c);
    }
    return out;
}

Accounts Accounts::convention(int dc_count) {
    Accounts a;
    a.convention_ = true;
    a.dc_count_ = dc_count;
    return a;
}

Accounts Accounts::from_json(std::string_view text, int dc_count) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        invalid(std::string("not JSON: ") + e.what());
    }
    if (!doc.is_object()) invalid("top level must be an object");
    Accounts a;
    a.convention_ = false;
    a.dc_count_ = dc_count;
    if (doc.contains("users")) {
        if (!doc["users"].is_array()) invalid("'users' must be an array");
        for (const auto& u : doc["users"]) {
            if (!u.is_object()) invalid("each user must be an object");
            UserAccount acc;
            acc.phone = normalize_phone(str_field(u, "phone"));
            if (acc.phone.empty()) invalid("user without a valid 'phone'");
            const std::string who = "user " + acc.phone;
            acc.first_name = str_field(u, "first_name");
            acc.last_name = str_field(u, "last_name");
            acc.username = str_field(u, "username");
            acc.dc = dc_field(u, dc_count, who);
            acc.code = str_field(u, "code", std::string(5, static_cast<char>('0' + acc.dc)));
            if (u.contains("password") && !u["password"].is_null()) {
                acc.password = str_field(u, "password");
                if (acc.password->empty()) acc.password.reset();
            }
            acc.hint = str_field(u, "hint");
            read_branch_fields(u, who, acc);
            if (u.contains("id")) {
                if (!u["id"].is_number_integer()) invalid(who + ": 'id' must be an integer");
                acc.id = u["id"].get<std::int64_t>();
            } else {
                acc.id = *parse_int64(acc.phone.substr(0, 18));
            }
            if (acc.id <= 0) invalid(who + ": id must be positive");
            acc.access_hash = derive_access_hash(acc.id);
            if (a.find_user_by_phone(acc.phone)) invalid(who + ": duplicate phone");
            a.users_.push_back(std::move(acc));
        }
    }
    if (doc.contains("bots")) {
        if (!doc["bots"].is_array()) invalid("'bots' must be an array");
        for (const auto& b : doc["bots"]) {
            if (!b.is_object()) invalid("each bot must be an object");
            BotAccount bot;
            bot.token = str_field(b, "token");
            auto id = bot_id_of(bot.token);
            if (!id) invalid("bot token must look like '<id>:<secret>'");
            bot.id = *id;
            const std::string who = "bot " + std::to_string(bot.id);
            bot.username = str_field(b, "username", "bot" + std::to_string(bot.id) + "_bot");
            bot.first_name = str_field(b, "first_name", "Bot " + std::to_string(bot.id));
            bot.dc = dc_field(b, dc_count, who);
            bot.access_hash = derive_access_hash(bot.id);
            a.bots_.push_back(std::move(bot));
        }
    }
    return a;
}

Accounts Accounts::from_file(const std::filesystem::path& path, int dc_count) {
    std::ifstream in(path, std::ios::binary);
    if (!in) invalid("cannot open accounts file " + path.string());
    std::stringstream ss;
    ss << in.rdbuf();
    return from_json(ss.str(), dc_count);
}

std::optional<UserAccount> Accounts::find_user_by_phone(std::string_view phone) const {
    const std::string p = normalize_phone(phone);
    if (p.empty()) return std::nullopt;
    for (const auto& u : users_) {
        if (u.phone == p) return u;
    }
    if (!convention_) return std::nullopt;
    // 99966XYYYY: exactly 10 digits, X is the home DC.
    if (p.size() != 10 || p.compare(0, 5, "99966") != 0) return std::nullopt;
    const int dc = p[5] - '0';
    if (dc < 1 || dc > dc_count_) return std::nullopt;
    UserAccount u;
    u.phone = p;
    u.id = *parse_int64(p);
    u.dc = dc;
    u.code = std::string(5, p[5]);
    u.first_name = "Test";
    u.last_name = p.substr(6);
    u.access_hash = derive_access_hash(u.id);
    return u;
}

std::optional<UserAccount> Accounts::find_user_by_id(std::int64_t id) const {
    for (const auto& u : users_) {
        if (u.id == id) return u;
    }
    if (convention_) return find_user_by_phone(std::to_string(id));
    return std::nullopt;
}

std::optional<BotAccount> Accounts::find_bot_by_token(std::string_view token) const {
    for (const auto& b : bots_) {
        if (b.token == token) return b;
    }
    if (!convention_) return std::nullopt;
    auto id = bot_id_of(token);
    if (!id || token.size() - token.find(':') - 1 < 30) return std::nullopt;
    BotAccount b;
    b.id = *id;
    b.token = std::string(token);
    b.username = "bot" + std::to_string(b.id) + "_bot";
    b.first_name = "Bot " + std::to_string(b.id);
    b.dc = 1;
    b.access_hash = derive_access_hash(b.id);
    return b;
}

std::optional<BotAccount> Accounts::find_bot_by_id(std::int64_t id) const {
    for (const auto& b : bots_) {
        if (b.id == id) return b;
    }
    return std::nullopt;
}

}  // namespace tgs::testdc
