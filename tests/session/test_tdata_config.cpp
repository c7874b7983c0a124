// The `configs` part of a tdata folder, decoded directly: inputs that only a hand-made (or fuzzed)
// file can carry, which the public round trips in test_tdata.cpp never write.
#include <gtest/gtest.h>

#include <climits>
#include <string>

#include "tdata_parts.hpp"
#include "tdata_qt_stream.hpp"
#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session::test {
namespace {

// A configs body (MTP::Config version 1, production) whose DC-options field starts with `first`.
Bytes config_with_dc_options_field(std::int32_t first) {
    tdata::detail::QtWriter options;
    options.i32(first);
    options.i32(0);  // no DC options
    options.i32(0);  // no stored RSA keys
    tdata::detail::QtWriter w;
    w.i32(1);
    w.i32(0);
    w.bytes(options.data());
    return w.take();
}

// fuzz_tdata found it under UBSan (fixed in 978fd34): the field's negation is the version, and
// -INT32_MIN overflowed; the wrapped value was taken for version 0, whose first field is the
// count, and the file was refused as a corrupt count instead of an unknown version.
TEST(TdataConfig, Int32MinDcOptionsVersionIsAnUnknownVersion) {
    const auto body = config_with_dc_options_field(INT32_MIN);
    try {
        tdata::detail::decode_config(body, "configs");
        FAIL() << "an INT32_MIN DC-options version was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), errc::tdata_unsupported);
        EXPECT_NE(std::string(e.what()).find("DC options version 2147483648"), std::string::npos)
            << e.what();
    }
}

// The neighbours of the boundary keep their meaning: -2 is the current version, -3 unknown.
TEST(TdataConfig, DcOptionsVersionsAroundTheKnownOne) {
    EXPECT_TRUE(tdata::detail::decode_config(config_with_dc_options_field(-2), "configs")
                    .dc_options.empty());
    EXPECT_THROW(tdata::detail::decode_config(config_with_dc_options_field(-3), "configs"), Error);
    EXPECT_THROW(
        tdata::detail::decode_config(config_with_dc_options_field(INT32_MIN + 1), "configs"),
        Error);
}

}  // namespace
}  // namespace tgs::session::test
