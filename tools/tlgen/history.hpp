// tlgen --history: turns lib/tl/schema/history/layer_history.tl (each constructor's versions under
// the first layer that has them) into the table tgs/tl/layered.hpp reads.
#pragma once

#include <string>
#include <string_view>

namespace tlgen {

/// The C++ source defining tgs::tl::layered::history(). Throws std::runtime_error when a
/// version's id is not the CRC32 of its line, or sections are out of order.
std::string emit_history(std::string_view text, const std::string& schema_name);

}  // namespace tlgen
