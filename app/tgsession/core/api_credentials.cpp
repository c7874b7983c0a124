#include "api_credentials.hpp"

namespace tgsession {

std::string unmask_api_hash(const BuiltInCredentials& credentials) {
    std::string hash(credentials.hash_size, '\0');
    // Byte by byte through volatile pointers, so no build step can precompute the result.
    for (std::size_t i = 0; i < credentials.hash_size; ++i) {
        hash[i] = static_cast<char>(credentials.masked_hash[i] ^ credentials.mask[i]);
    }
    return hash;
}

bool use_built_in_credentials(const BuiltInCredentials& credentials, bool user_gave_id,
                              bool user_gave_hash) {
    return credentials.present() && !user_gave_id && !user_gave_hash;
}

std::string credentials_version_note(const BuiltInCredentials& credentials) {
    if (credentials.present()) {
        return "API credentials: built in (--api-id/--api-hash, TG_API_ID/TG_API_HASH or the "
               "config file override them)";
    }
    return "API credentials: none built in (give --api-id and --api-hash, TG_API_ID and "
           "TG_API_HASH, or api-id/api-hash in the config file)";
}

}  // namespace tgsession
