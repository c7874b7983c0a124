// Reading and writing a whole tdata folder: key_datas first (it unlocks the local key), then
// each listed account's files. Reads never write; writes put key_datas last, so a folder that
// was cut short is not mistaken for a complete one.
#include <sys/stat.h>

#include <system_error>

#include "internal.hpp"
#include "tdata_file.hpp"
#include "tdata_local_crypto.hpp"
#include "tdata_parts.hpp"
#include "tdata_qt_stream.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/crypto/secure.hpp"
#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"
#include "tgs/session/tdata.hpp"

namespace tgs::session::tdata {
namespace {
using namespace detail;

const std::string kKeyFile = "key_data";  // + "s": key_datas
const std::string kMapFile = "map";
const std::string kConfigFile = "config";

[[noreturn]] void corrupt(const std::string& what, const std::string& why) {
    throw tgs::Error(std::string(errc::tdata_corrupt), what + ": " + why);
}

/// The byte array an encrypted file holds, decrypted with the local key.
Bytes read_encrypted(const std::filesystem::path& dir, const std::string& name,
                     const AuthKeyBytes& local_key) {
    const auto file = read_tdf(dir, name);
    const auto what = file.path.string();
    QtReader r(file.payload, what);
    const auto encrypted = r.bytes();
    auto plain = decrypt_local(encrypted, local_key, what);
    if (!plain) corrupt(what, "does not decrypt with the folder's local key");
    return std::move(*plain);
}

void write_encrypted(const std::filesystem::path& dir, const std::string& name, ByteView plain,
                     const AuthKeyBytes& local_key) {
    QtWriter w;
    w.bytes(encrypt_local(plain, local_key));
    write_tdf(dir, name, w.data());
}

void make_private_dir(const std::filesystem::path& dir) {
    std::error_code ec;
    if (std::filesystem::create_directories(dir, ec)) ::chmod(dir.c_str(), 0700);
    if (ec) {
        throw tgs::Error(std::string(errc::write_failed),
                         dir.string() + ": cannot create directory: " + ec.message());
    }
}

struct Unlocked {
    AuthKeyBytes local_key;
    AccountList accounts;
};

Unlocked unlock(const std::filesystem::path& dir, std::string_view passcode) {
    const auto file = read_tdf(dir, kKeyFile);
    const auto what = file.path.string();
    const auto kd = decode_key_data(file.payload, what);
    const auto passcode_key = create_local_key(passcode, kd.salt);
    auto local = decrypt_local(kd.key_encrypted, passcode_key, what);
    if (!local) {
        if (passcode.empty()) {
            throw tgs::Error(std::string(errc::tdata_passcode_required),
                             dir.string() +
                                 " is protected by a local passcode; give it with "
                                 "--passphrase-file (or type it when asked)");
        }
        throw tgs::Error(std::string(errc::tdata_wrong_passcode),
                         dir.string() + ": wrong local passcode");
    }
    if (local->size() != AuthKeyBytes::kSize) {
        crypto::secure_zero(*local);
        corrupt(what, "local key of " + std::to_string(local->size()) + " bytes");
    }
    Unlocked u{AuthKeyBytes(*local), {}};
    crypto::secure_zero(*local);
    const auto info = decrypt_local(kd.info_encrypted, u.local_key, what);
    if (!info) corrupt(what, "account list does not decrypt with the local key");
    u.accounts = decode_account_list(*info, what);
    return u;
}

}  // namespace

bool is_tdata_folder(const std::filesystem::path& dir) {
    std::error_code ec;
    return std::filesystem::is_directory(dir, ec) && tdf_exists(dir, kKeyFile);
}

bool has_passcode(const std::filesystem::path& dir) {
    try {
        unlock(dir, {});
        return false;
    } catch (const tgs::Error& e) {
        if (e.code() == errc::tdata_passcode_required) return true;
        throw;
    }
}

Folder read_folder(const std::filesystem::path& dir, std::string_view passcode) {
    const auto u = unlock(dir, passcode);
    Folder folder;
    folder.active_index = u.accounts.active;
    for (int index : u.accounts.indices) {
        Account a;
        a.index = index;
        const auto part = account_file_part(index);
        if (tdf_exists(dir, part)) {
            auto plain = read_encrypted(dir, part, u.local_key);
            decode_mtp_authorization(plain, a, (dir / (part + "s")).string());
            crypto::secure_zero(plain);
        }
        const auto account_dir = dir / part;
        // The map only lists caches; reading it checks that the account's files are intact.
        if (tdf_exists(account_dir, kMapFile)) {
            const auto file = read_tdf(account_dir, kMapFile);
            QtReader r(file.payload, file.path.string());
            r.bytes();  // legacy salt, empty since 2.2
            r.bytes();  // legacy key, likewise
            if (!decrypt_local(r.bytes(), u.local_key, file.path.string())) {
                corrupt(file.path.string(), "does not decrypt with the folder's local key");
            }
        }
        if (tdf_exists(account_dir, kConfigFile)) {
            const auto plain = read_encrypted(account_dir, kConfigFile, u.local_key);
            const auto what = (account_dir / (kConfigFile + "s")).string();
            QtReader r(plain, what);
            a.config = decode_config(r.bytes(), what);
        }
        folder.accounts.push_back(std::move(a));
    }
    return folder;
}

void write_folder(const std::filesystem::path& dir, const Folder& folder,
                  std::string_view passcode) {
    if (folder.accounts.empty() || folder.accounts.size() > kMaxAccounts) {
        throw tgs::Error(std::string(errc::tdata_no_account),
                         "a tdata folder holds 1 to " + std::to_string(kMaxAccounts) + " accounts");
    }
    make_private_dir(dir);
    Bytes local_raw(AuthKeyBytes::kSize);
    crypto::secure_random(local_raw);
    const AuthKeyBytes local_key(local_raw);
    Bytes salt(kSaltSize);
    crypto::secure_random(salt);

    AccountList list;
    list.active = folder.active_index;
    for (const auto& a : folder.accounts) {
        const auto part = account_file_part(a.index);
        auto auth = encode_mtp_authorization(a);
        write_encrypted(dir, part, auth, local_key);
        crypto::secure_zero(auth);
        const auto account_dir = dir / part;
        make_private_dir(account_dir);
        QtWriter map;
        map.bytes({});
        map.bytes({});
        map.bytes(encrypt_local({}, local_key));  // no cached files yet
        write_tdf(account_dir, kMapFile, map.data());
        if (a.config) {
            QtWriter c;
            c.bytes(encode_config(*a.config));
            write_encrypted(account_dir, kConfigFile, c.data(), local_key);
        }
        list.indices.push_back(a.index);
    }

    KeyData kd;
    kd.salt = salt;
    kd.key_encrypted = encrypt_local(local_raw, create_local_key(passcode, salt));
    crypto::secure_zero(local_raw);
    kd.info_encrypted = encrypt_local(encode_account_list(list), local_key);
    write_tdf(dir, kKeyFile, encode_key_data(kd));
}

const Account& account_at(const Folder& folder, int index) {
    for (const auto& a : folder.accounts) {
        if (a.index == index) return a;
    }
    std::string known;
    for (const auto& a : folder.accounts)
        known += (known.empty() ? "" : ", ") + std::to_string(a.index);
    throw tgs::Error(
        std::string(errc::tdata_no_account),
        "no account " + std::to_string(index) + " in this tdata folder (it has: " + known + ")");
}

}  // namespace tgs::session::tdata
