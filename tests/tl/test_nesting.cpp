// Recursive types (JSONValue) must not let a hostile message exhaust the stack.
#include <gtest/gtest.h>

#include "tgs/error.hpp"
#include "tgs/tl/api.hpp"

namespace {

namespace api = tgs::tl::api;

// jsonArray[jsonArray[...[jsonNull]...]] with `depth` arrays.
tgs::Bytes nested_arrays(int depth) {
    tgs::tl::Writer w;
    for (int i = 0; i < depth; ++i) {
        w.write_uint32(api::jsonArray::ID);
        w.write_vector_header(1);
    }
    w.write_uint32(api::jsonNull::ID);
    return w.take();
}

TEST(Nesting, ModerateDepthReads) {
    auto bytes = nested_arrays(20);
    tgs::tl::Reader r(bytes);
    auto v = api::read<api::JSONValue>(r);
    EXPECT_TRUE(std::holds_alternative<api::jsonArray>(v));
    EXPECT_TRUE(r.at_end());
}

TEST(Nesting, HostileDepthIsRefused) {
    auto bytes = nested_arrays(100000);
    tgs::tl::Reader r(bytes);
    try {
        api::read<api::JSONValue>(r);
        FAIL() << "expected TL_TOO_DEEP";
    } catch (const tgs::Error& e) {
        EXPECT_EQ(e.code(), "TL_TOO_DEEP");
    }
}

}  // namespace
