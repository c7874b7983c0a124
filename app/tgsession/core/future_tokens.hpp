// Future auth tokens: Telegram hands one out with every login (auth.authorization) and logout
// (auth.loggedOut); sent back in codeSettings.logout_tokens, it lets that number log in again
// without a code (auth.sentCodeSuccess). They live in tgsession's state dir, one 0600 file per
// phone number named by a hash of it (the number itself is not written), newest first, at most
// kMaxTokens, each dropped kMaxAge after it was saved.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "tgs/bytes.hpp"

namespace tgsession {

class FutureTokenStore {
  public:
    /// `dir` is normally xdg_state_home()/"tgsession"/"future_tokens".
    explicit FutureTokenStore(std::filesystem::path dir);

    /// The unexpired tokens for `phone` (digits only), newest first.
    std::vector<tgs::Bytes> load(const std::string& phone, std::int64_t now) const;
    /// Adds `token` (moved to the front if known); saved atomically, 0600 in a 0700 dir. A
    /// failure to save is ignored: a token only saves a future code.
    void add(const std::string& phone, const tgs::Bytes& token, std::int64_t now) const;
    /// Deletes every token of `phone`; true if there were any.
    bool forget(const std::string& phone) const;

    static constexpr std::size_t kMaxTokens = 20;
    /// Telegram does not say how long a token lasts; a month bounds what we keep and send.
    static constexpr std::int64_t kMaxAge = 30LL * 24 * 3600;

    std::filesystem::path file_for(const std::string& phone) const;

  private:
    struct Entry {
        std::string hex;
        std::int64_t saved = 0;
    };
    std::vector<Entry> read(const std::string& phone, std::int64_t now) const;
    std::filesystem::path dir_;
};

FutureTokenStore default_future_token_store();

}  // namespace tgsession
