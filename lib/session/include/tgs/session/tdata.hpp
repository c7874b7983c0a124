// Telegram Desktop's `tdata` folder (tdesktop 2.x-4.x multi-account layout), read and written:
//   key_datas                    salt, the local key encrypted with the passcode, account list
//   <ACCOUNT>s                   the account's MTProto authorization: user id, main DC, auth keys
//   <ACCOUNT>/maps               the account's map of other files (written empty)
//   <ACCOUNT>/configs            the MTProto config: DC addresses and stored ("CDN") RSA keys
// where <ACCOUNT> is the 16-hex-digit name derived from "data" (index 0) or "data#N".
// Every file is written atomically, 0600; a failed read writes nothing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tgs/bytes.hpp"
#include "tgs/session/secure_key.hpp"
#include "tgs/session/session_data.hpp"

namespace tgs::session::tdata {

/// One address of a DC (tdesktop DcOptions entry; flags as in TL dcOption: 1 ipv6,
/// 2 media_only, 4 tcpo_only, 8 cdn, 16 static).
struct DcOption {
    int dc_id = 0;
    std::int32_t flags = 0;
    std::string ip;
    int port = 0;
    Bytes secret;  // MTProxy secret of the option, usually empty
    friend bool operator==(const DcOption&, const DcOption&) = default;
};
inline constexpr std::int32_t kFlagIpv6 = 1;
inline constexpr std::int32_t kFlagMediaOnly = 2;
inline constexpr std::int32_t kFlagTcpoOnly = 4;
inline constexpr std::int32_t kFlagCdn = 8;
inline constexpr std::int32_t kFlagStatic = 16;

/// An RSA public key stored for a DC. Telegram Desktop looks a DC's key up here before its
/// built-in keys, for every DC, so a key stored here lets the app talk to another server.
struct StoredRsaKey {
    int dc_id = 0;
    Bytes n;  // big-endian modulus
    Bytes e;  // big-endian exponent
    friend bool operator==(const StoredRsaKey&, const StoredRsaKey&) = default;
};

/// The `configs` file (tdesktop MTP::Config, version 1).
struct MtpConfig {
    bool test_environment = false;
    std::vector<DcOption> dc_options;
    std::vector<StoredRsaKey> rsa_keys;
    /// The config values after the DC options (limits, timeouts, domains), kept as read so a
    /// round trip changes nothing; default_config() fills in tdesktop 4.6.5's defaults.
    Bytes fields;
    friend bool operator==(const MtpConfig&, const MtpConfig&) = default;
};

/// Telegram's own DC addresses as the app has them built in (test or production), no keys.
MtpConfig default_config(bool test_environment);

struct DcKey {
    int dc_id = 0;
    AuthKeyBytes key;
    friend bool operator==(const DcKey&, const DcKey&) = default;
};

struct Account {
    int index = 0;  // 0..5; the data name is "data" for 0, "data#<index+1>" otherwise
    std::uint64_t user_id = 0;
    int main_dc = 0;
    std::vector<DcKey> keys;
    std::vector<DcKey> keys_to_destroy;
    std::optional<MtpConfig> config;  // nullopt: no configs file (the app uses its built-in)
    friend bool operator==(const Account&, const Account&) = default;
};

struct Folder {
    std::vector<Account> accounts;  // in key_datas order
    int active_index = 0;           // Account::index of the account the app opens
    friend bool operator==(const Folder&, const Folder&) = default;
};

/// True when `dir` holds a key_datas file (in any of its variants).
bool is_tdata_folder(const std::filesystem::path& dir);

/// True when the folder's local key is protected by a passcode (the empty one fails).
/// Throws like read_folder for missing or damaged key_datas.
bool has_passcode(const std::filesystem::path& dir);

/// Reads the folder. Throws SESSION_NOT_FOUND (no key_datas), SESSION_TDATA_WRONG_PASSCODE,
/// SESSION_TDATA_PASSCODE_REQUIRED (passcode set, none given), SESSION_TDATA_CHECKSUM (bad
/// MD5), SESSION_TDATA_UNSUPPORTED_VERSION, SESSION_TDATA_CORRUPT. An account whose files are
/// missing is read with no keys.
Folder read_folder(const std::filesystem::path& dir, std::string_view passcode = {});

/// Writes the folder (creating `dir`, 0700): key_datas, and per account its authorization,
/// map and (if set) config. `passcode` empty = no local passcode.
void write_folder(const std::filesystem::path& dir, const Folder& folder,
                  std::string_view passcode = {});

/// The account as a session: its main DC's key and address (from its config, else Telegram's
/// published one), the user id, the other DCs' keys. Throws SESSION_NO_AUTH_KEY when the
/// account has no key for its main DC.
SessionData to_session(const Account& account);

/// A session as account `index`, with `config` stored beside it. Throws SESSION_NO_AUTH_KEY
/// and SESSION_TDATA_NO_USER_ID (the app needs the account's user id; a session string
/// doesn't carry it).
Account from_session(const SessionData& data, int index, std::optional<MtpConfig> config);

/// `account` in `folder`, by index; SESSION_TDATA_NO_SUCH_ACCOUNT otherwise.
const Account& account_at(const Folder& folder, int index);

}  // namespace tgs::session::tdata
