// Running out of descriptors, memory or threads is not a fact about the input: a file that could
// not be opened because the process hit RLIMIT_NOFILE is not corrupt. Every layer reports such
// failures with these RESOURCE_* codes (the CLI exits 71 for them, docs/architecture.md §3) so
// callers can retry them or say what really happened.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace tgs::resource {

// Named like every layer's codes (docs/CONVENTIONS.md "Errors").
inline constexpr const char* descriptors = "RESOURCE_DESCRIPTORS";  // EMFILE, ENFILE
inline constexpr const char* memory = "RESOURCE_MEMORY";            // ENOMEM, ENOBUFS
inline constexpr const char* threads = "RESOURCE_THREADS";          // EAGAIN from clone

inline constexpr std::array<std::string_view, 3> kAll{descriptors, memory, threads};

/// The RESOURCE_* code for an errno that means "out of descriptors or memory" (EMFILE, ENFILE,
/// ENOMEM, ENOBUFS); nullopt for any other errno.
std::optional<const char*> code_for_errno(int err);

/// True for the RESOURCE_* codes above.
bool is_resource_code(std::string_view code);

/// Throws tgs::Error(code_for_errno(err), what + ": " + strerror) when `err` is a resource errno;
/// returns otherwise, so the caller goes on to its own error.
void throw_if_exhausted(int err, const std::string& what);

}  // namespace tgs::resource
