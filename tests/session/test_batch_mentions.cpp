// Which store inputs of a fleet check are repeats (lib/session/src/batch_mentions.hpp): each
// session is read once, where it was named first; no store is listed to decide it.
#include <gtest/gtest.h>

#include "batch_mentions.hpp"

namespace tgs::session::detail {
namespace {

StoreMention alone(std::uint32_t group, std::string name) {
    return {group, false, std::move(name)};
}
StoreMention whole(std::uint32_t group) {
    return {group, true, {}};
}

TEST(BatchMentions, NamedBeforeItsStoreIsSkippedByTheListing) {
    const auto plan = plan_mentions({alone(0, "a"), alone(1, "a"), whole(0), alone(0, "b")});
    EXPECT_EQ(plan.repeat, (std::vector<bool>{false, false, false, false}));
    // Only group 0's "a": the same name in another database or prefix is another session.
    EXPECT_EQ(plan.skip.at(2), (std::vector<std::string>{"a"}));
    // "b" comes after the store: a repeat only if the store holds it (asked of its snapshot).
    EXPECT_EQ(plan.after.at(2), (std::vector<std::size_t>{3}));
}

TEST(BatchMentions, RepeatsOfASessionOrAStoreCountOnce) {
    const StoreMention file;  // files and unparsed URLs are never compared here
    const auto plan = plan_mentions(
        {file, alone(0, "a"), file, alone(0, "a"), whole(0), whole(0), whole(1), alone(0, "a")});
    EXPECT_EQ(plan.repeat,
              (std::vector<bool>{false, false, false, true, false, true, false, true}));
    EXPECT_EQ(plan.skip.at(4), (std::vector<std::string>{"a"}));
    EXPECT_TRUE(plan.skip.at(6).empty());
    EXPECT_EQ(plan.after.count(4), 0u);  // the later "a" repeats the first one, not the store's
}

}  // namespace
}  // namespace tgs::session::detail
