// The innermost method of a request, for -vv logs ("auth.sendCode" inside invokeWithLayer and
// initConnection), so people testing their scripts see what their client sends.
#pragma once

#include <string>

#include "tgs/bytes.hpp"

namespace tgs::testdc {

std::string request_name(ByteView body);

}  // namespace tgs::testdc
