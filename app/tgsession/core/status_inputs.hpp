// Which files `status` checks: SESSION arguments (the `.session` rule applies), directories
// (every *.session file directly inside, by name), session stores named without session=
// (kept as one location: the reader lists every session in them) and --files-from lists
// (newline or NUL separated, "-" = stdin). Each file once, in the order first given.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

#include "cli_options.hpp"

namespace tgsession {

struct StatusInputs {
    std::vector<std::string> paths;
    std::size_t duplicates = 0;  // paths given more than once (checked once)
};

/// Throws STATUS_LIST_MISSING (exit 66) for an unreadable --files-from file or directory, or
/// RESOURCE_DESCRIPTORS (exit 71) when it could not be opened for want of descriptors.
StatusInputs collect_status_inputs(const StatusOptions& options, std::istream& standard_input);

/// The entries of a --files-from stream: lines (a trailing '\r' kept: it may be part of a
/// name) or, with `nul_separated`, NUL-terminated names as `find -print0` writes. Empty
/// entries are skipped.
std::vector<std::string> split_file_list(std::istream& in, bool nul_separated);

}  // namespace tgsession
