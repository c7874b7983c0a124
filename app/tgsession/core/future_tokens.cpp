#include "future_tokens.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "errors.hpp"
#include "tgs/atomic_file.hpp"
#include "tgs/crypto/hash.hpp"
#include "xdg_paths.hpp"

namespace tgsession {

FutureTokenStore::FutureTokenStore(std::filesystem::path dir) : dir_(std::move(dir)) {}

std::filesystem::path FutureTokenStore::file_for(const std::string& phone) const {
    // Salted with a fixed label so the name is not a bare SHA-256 of the number.
    const std::string label = "tgsession future auth tokens v1:" + phone;
    const auto digest = tgs::crypto::sha256(
        tgs::ByteView(reinterpret_cast<const std::uint8_t*>(label.data()), label.size()));
    return dir_ / tgs::to_hex(tgs::ByteView(digest.data(), 16));
}

std::vector<FutureTokenStore::Entry> FutureTokenStore::read(const std::string& phone,
                                                            std::int64_t now) const {
    std::vector<Entry> out;
    std::optional<std::string> text;
    try {
        text = tgs::read_file_nofollow(file_for(phone), errc::future_tokens_read);
    } catch (const std::exception&) {
        return out;  // a link or an unreadable file holds no token of ours
    }
    std::istringstream in(text.value_or(std::string()));
    std::string line;
    while (std::getline(in, line) && out.size() < kMaxTokens) {
        std::istringstream fields(line);
        Entry e;
        if (!(fields >> e.hex >> e.saved)) continue;
        if (e.saved > now || now - e.saved > kMaxAge) continue;
        if (e.hex.empty() || e.hex.find_first_not_of("0123456789abcdef") != std::string::npos)
            continue;
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<tgs::Bytes> FutureTokenStore::load(const std::string& phone, std::int64_t now) const {
    std::vector<tgs::Bytes> out;
    for (const auto& e : read(phone, now)) {
        try {
            out.push_back(tgs::from_hex(e.hex));
        } catch (const std::exception&) {
            // An odd-length line is skipped like any other damage.
        }
    }
    return out;
}

void FutureTokenStore::add(const std::string& phone, const tgs::Bytes& token,
                           std::int64_t now) const {
    if (token.empty()) return;
    auto entries = read(phone, now);
    const auto hex = tgs::to_hex(token);
    std::erase_if(entries, [&](const Entry& e) { return e.hex == hex; });
    entries.insert(entries.begin(), Entry{hex, now});
    if (entries.size() > kMaxTokens) entries.resize(kMaxTokens);
    std::string text;
    for (const auto& e : entries) text += e.hex + " " + std::to_string(e.saved) + "\n";

    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) return;
    ::chmod(dir_.c_str(), 0700);
    const auto target = file_for(phone);
    try {
        // A cache: a token lost in a crash only means the next login asks for the code, so
        // it is not worth two fsyncs on every login.
        tgs::write_file_atomically(target, tgs::as_bytes(text), errc::future_tokens_write,
                                   tgs::Durability::Cache);
    } catch (const std::exception&) {
        // Best effort, as before: the next login simply has no token to offer.
    }
}

bool FutureTokenStore::forget(const std::string& phone) const {
    std::error_code ec;
    return std::filesystem::remove(file_for(phone), ec);
}

FutureTokenStore default_future_token_store() {
    return FutureTokenStore(xdg_state_home() / "tgsession" / "future_tokens");
}

}  // namespace tgsession
