// One way for the tests to say which tgs::Error a call threw.
#pragma once

#include <string>

#include "tgs/error.hpp"

namespace tgs::test {

/// Runs `f` and returns the code of the tgs::Error it throws, "other" for any other exception,
/// and `none` when it returns normally.
template <class F>
std::string error_code_of(F&& f, std::string none = "no error") {
    try {
        f();
    } catch (const Error& e) {
        return e.code();
    } catch (...) {
        return "other";
    }
    return none;
}

}  // namespace tgs::test
