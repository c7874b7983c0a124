// Fuzz targets shared by the deterministic gtest loops (tests/fuzz) and the libFuzzer entry
// points (fuzz/). Each target takes one input and must either return or throw tgs::Error;
// anything else (another exception, a crash, a sanitizer report) is a bug.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tgs/bytes.hpp"
#include "tgs/error.hpp"

namespace tgs::fuzz {

/// Runs target `name` on `input`. tgs::Error is caught and reported as false (rejected);
/// true means the input was accepted. Other exceptions propagate.
using TargetFn = bool (*)(ByteView input);

struct Target {
    std::string_view name;  // also the corpus directory name: tests/fuzz/corpus/<name>/
    TargetFn run;
};

/// Why the last input was rejected (the tgs::Error text), for test messages.
std::string& last_rejection();

/// Runs F, reporting tgs::Error as a rejection (false) with its text in last_rejection().
template <void (*F)(ByteView)>
bool guarded(ByteView in) {
    try {
        F(in);
        return true;
    } catch (const Error& e) {
        last_rejection() = e.what();
        return false;
    }
}

/// The targets of file formats and proxy protocols (fuzz_targets_formats.cpp).
std::vector<Target> format_targets();

/// Every target, in a fixed order.
const std::vector<Target>& targets();
const Target& target(std::string_view name);

/// Valid inputs for `name`, built from real messages (generated TL objects, codec output,
/// encoded sessions, recorded handshake replies). Deterministic.
std::vector<Bytes> make_seeds(std::string_view name);
/// The same for format_targets() (fuzz_seeds_formats.cpp); empty for any other name.
std::vector<Bytes> format_seeds(std::string_view name);

/// The on-disk corpus directory of `name` (source tree), from TGS_FUZZ_CORPUS_DIR.
std::string corpus_dir(std::string_view name);

}  // namespace tgs::fuzz
