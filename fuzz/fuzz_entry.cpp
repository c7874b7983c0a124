// libFuzzer entry point for one target of tests/fuzz/fuzz_targets.hpp, picked at build time
// (TGS_FUZZ_TARGET). tgs::Error is an accepted outcome; any other exception escapes and
// libFuzzer reports it as a crash, as it does sanitizer findings.
#include <cstddef>
#include <cstdint>

#include "fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto& target = tgs::fuzz::target(TGS_FUZZ_TARGET);
    (void)target.run(tgs::ByteView(data, size));
    return 0;
}
