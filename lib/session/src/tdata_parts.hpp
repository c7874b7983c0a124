// The pieces of a tdata folder, each encoded and decoded on its own (the files that use them:
// tdata_names.cpp, tdata_config.cpp, tdata_mtp_auth.cpp, tdata_key_data.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tgs/bytes.hpp"
#include "tgs/session/secure_key.hpp"
#include "tgs/session/tdata.hpp"

namespace tgs::session::tdata::detail {

// --- names (tdesktop storage_account.cpp / main_account.cpp) ---
/// "data" for account 0, "data#2" for account 1, ...
std::string account_data_name(int index);
/// The 16 upper-case hex digits naming an account's files: MD5(data name)[0:8] as a
/// little-endian u64, written lowest nibble first.
std::string account_file_part(int index);
/// The most accounts a folder can list (tdesktop kPremiumMaxAccounts).
inline constexpr int kMaxAccounts = 6;

// --- configs (tdesktop MTP::Config::serialize, DcOptions::serialize) ---
Bytes encode_config(const MtpConfig& config);
MtpConfig decode_config(ByteView serialized, const std::string& what);

// --- <ACCOUNT>s: the dbiMtpAuthorization block (tdesktop Account::serializeMtpAuthorization) ---
Bytes encode_mtp_authorization(const Account& account);
/// Fills user_id, main_dc, keys, keys_to_destroy.
void decode_mtp_authorization(ByteView payload, Account& account, const std::string& what);

// --- key_datas (tdesktop Storage::Domain) ---
struct KeyData {
    Bytes salt;
    Bytes key_encrypted;   // the local key, encrypted with the passcode key
    Bytes info_encrypted;  // account indices + active index, encrypted with the local key
};
Bytes encode_key_data(const KeyData& k);
KeyData decode_key_data(ByteView payload, const std::string& what);
/// The account list inside info_encrypted (after decryption).
struct AccountList {
    std::vector<int> indices;
    int active = 0;
};
Bytes encode_account_list(const AccountList& list);
AccountList decode_account_list(ByteView plain, const std::string& what);

}  // namespace tgs::session::tdata::detail
