// The source cmake/Credentials.cmake generated for tgsession-credtest unmasks to the id and hash
// it was configured with, and does not hold the hash in plain bytes.
#include <gtest/gtest.h>

#include <string>

#include "api_credentials.hpp"

namespace tgsession {
namespace {

TEST(CredentialsSource, UnmasksToTheConfiguredPair) {
    const auto& c = built_in_credentials();
    ASSERT_TRUE(c.present());
    EXPECT_EQ(c.api_id, TGS_TEST_API_ID);
    EXPECT_EQ(unmask_api_hash(c), TGS_TEST_API_HASH);
}

TEST(CredentialsSource, MaskedBytesAreNotTheHash) {
    const auto& c = built_in_credentials();
    const std::string hash = TGS_TEST_API_HASH;
    ASSERT_EQ(c.hash_size, hash.size());
    std::size_t same = 0;
    for (std::size_t i = 0; i < c.hash_size; ++i) {
        if (c.masked_hash[i] == static_cast<unsigned char>(hash[i])) ++same;
    }
    // A random mask leaves a byte unchanged with probability 1/256.
    EXPECT_LT(same, 4u);
}

}  // namespace
}  // namespace tgsession
