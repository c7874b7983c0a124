// Turns a parsed schema into one C++ header and one source file (shape: docs/CONVENTIONS.md).
#pragma once

#include <string>

#include "schema.hpp"

namespace tlgen {

struct Output {
    std::string header;
    std::string source;
};

/// `ns` is the C++ namespace below tgs::tl (and the header name: tgs/tl/<ns>.hpp).
/// Mutates `schema` only to mark references that must go through Box<> (recursive types).
Output emit(Schema& schema, const std::string& ns, const std::string& schema_name);

}  // namespace tlgen
