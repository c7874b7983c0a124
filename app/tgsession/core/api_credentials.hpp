// API credentials compiled into the binary (cmake -DTGSESSION_API_ID=... -DTGSESSION_API_HASH=...,
// see cmake/Credentials.cmake) and the rule for when they apply.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace tgsession {

/// What the build generated: the id, and the hash XOR-masked with a per-build random mask so the
/// hash is never a plain string in the binary. api_id 0: no credentials built in.
struct BuiltInCredentials {
    std::int32_t api_id = 0;
    const volatile unsigned char* masked_hash = nullptr;
    const volatile unsigned char* mask = nullptr;
    std::size_t hash_size = 0;

    bool present() const { return api_id != 0; }
};

/// This executable's credentials. Defined by the source cmake/Credentials.cmake generates, which
/// each executable is built from (so another set of credentials only needs a relink).
const BuiltInCredentials& built_in_credentials();

/// The hash in plain text, for the client's configuration and nothing else.
std::string unmask_api_hash(const BuiltInCredentials& credentials);

/// The user's credentials (flag, environment or config file) whenever they give either the id or
/// the hash; the built-in pair only when they give neither, because a built-in hash is only
/// valid with the built-in id.
bool use_built_in_credentials(const BuiltInCredentials& credentials, bool user_gave_id,
                              bool user_gave_hash);

/// What `--version` says about them: whether they are built in, never what they are.
std::string credentials_version_note(const BuiltInCredentials& credentials);

}  // namespace tgsession
