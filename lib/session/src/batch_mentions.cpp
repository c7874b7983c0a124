#include "batch_mentions.hpp"

#include <set>
#include <utility>

namespace tgs::session::detail {

MentionPlan plan_mentions(const std::vector<StoreMention>& mentions) {
    MentionPlan plan;
    plan.repeat.assign(mentions.size(), false);
    std::map<std::uint32_t, std::size_t> store_of;          // group -> its first whole store
    std::set<std::pair<std::uint32_t, std::string>> named;  // sessions named alone so far
    for (std::size_t i = 0; i < mentions.size(); ++i) {
        const auto& m = mentions[i];
        if (m.group == StoreMention::kNone) continue;
        if (m.whole) {
            if (!store_of.try_emplace(m.group, i).second) {
                plan.repeat[i] = true;
                continue;
            }
            auto& skip = plan.skip[i];
            for (auto it = named.lower_bound({m.group, std::string()});
                 it != named.end() && it->first == m.group; ++it) {
                skip.push_back(it->second);
            }
        } else if (!named.emplace(m.group, m.name).second) {
            plan.repeat[i] = true;
        } else if (const auto s = store_of.find(m.group); s != store_of.end()) {
            plan.after[s->second].push_back(i);
        }
    }
    return plan;
}

}  // namespace tgs::session::detail
