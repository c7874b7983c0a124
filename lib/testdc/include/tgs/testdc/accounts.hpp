// Who can log in to the test DC: users (phone login, optional 2FA) and bots (token login).
// Loaded from the --accounts JSON file (docs/architecture.md §5); without a file the public test-DC
// convention holds: 99966XYYYY is homed on DC X and its code is X repeated five times.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tgs::testdc {

struct UserAccount {
    std::int64_t id = 0;
    std::string phone;  // digits only, no '+'
    std::string first_name;
    std::string last_name;
    std::string username;
    int dc = 1;
    std::string code;
    std::optional<std::string> password;  // 2FA on when set
    std::string hint;
    std::int64_t access_hash = 0;
    // Login branches (docs/architecture.md §5), all optional:
    std::string code_type;   // app|sms|call|flash_call|missed_call|fragment_sms|sms_word|
                             // sms_phrase|email|firebase_sms; empty: app if logged in
                             // elsewhere, else SMS
    std::string email;       // a login email is set: codes go there
    std::string email_code;  // the code sent to an email (default: `code`)
    bool email_setup_required = false;  // sendCode asks for a login email until one is verified
    std::string recovery_email;         // 2FA recovery possible
    std::string recovery_code;          // the code sent there (default: `code`)
    bool signed_up = true;              // false: AUTH_SIGN_UP_REQUIRED until auth.signUp
    bool payment_required = false;      // sendCode answers auth.sentCodePaymentRequired
};

/// The code_type names the accounts file accepts.
inline constexpr std::string_view kCodeTypes[] = {
    "app",          "sms",      "call",       "flash_call", "missed_call",
    "fragment_sms", "sms_word", "sms_phrase", "email",      "firebase_sms"};

struct BotAccount {
    std::int64_t id = 0;  // the number before ':' in the token
    std::string token;
    std::string username;
    std::string first_name;
    int dc = 1;
    std::int64_t access_hash = 0;
};

class Accounts {
  public:
    /// Convention mode: 99966XYYYY users on DC X (1..dc_count); any well-formed bot token
    /// (`<digits>:<at least 30 chars>`) is a bot homed on DC 1.
    static Accounts convention(int dc_count);
    /// Parses the accounts JSON text. Throws errc::accounts_invalid (errors.hpp) with the reason.
    static Accounts from_json(std::string_view text, int dc_count);
    static Accounts from_file(const std::filesystem::path& path, int dc_count);

    bool convention_mode() const { return convention_; }
    /// Phone with or without a leading '+' (spaces and '-' ignored).
    std::optional<UserAccount> find_user_by_phone(std::string_view phone) const;
    std::optional<UserAccount> find_user_by_id(std::int64_t id) const;
    std::optional<BotAccount> find_bot_by_token(std::string_view token) const;
    std::optional<BotAccount> find_bot_by_id(std::int64_t id) const;
    /// Changes a listed user in place (sign-up, a verified login email, a recovered password);
    /// false when the phone is not listed (convention numbers have nothing to change).
    bool update_user(std::string_view phone, const std::function<void(UserAccount&)>& change);

    const std::vector<UserAccount>& users() const { return users_; }
    const std::vector<BotAccount>& bots() const { return bots_; }

    /// "+1 555-000" → "1555000"; empty if anything but digits remains.
    static std::string normalize_phone(std::string_view phone);

  private:
    bool convention_ = true;
    int dc_count_ = 1;
    std::vector<UserAccount> users_;
    std::vector<BotAccount> bots_;
};

}  // namespace tgs::testdc
