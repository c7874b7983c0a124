// Which inputs of one BatchReader name a store session that an earlier input named already, so
// a fleet check reads each session once, at its first mention. Only store sessions: files are
// the caller's to give once (the CLI compares their paths). What is compared: the store (the
// database and table its connection reaches: same_store_groups() in pg_api.hpp) and the session
// name, so two spellings of one URL, or of its connection, are one.
// Names are kept only for the sessions named alone (as many as the inputs); a whole store is
// never listed for this: the listing skips the names given before it, and the names given
// after it are looked up in its snapshot (pg_list.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tgs::session::detail {

struct StoreMention {
    static constexpr std::uint32_t kNone = UINT32_MAX;
    std::uint32_t group = kNone;  // the store; kNone: a file, or a URL that does not parse
    bool whole = false;           // a store named without session=
    std::string name;             // the session, when not whole
};

struct MentionPlan {
    std::vector<bool> repeat;  // named before (the same session, or the same whole store)
    /// By whole-store input: the sessions named alone before it, which its listing skips.
    std::map<std::size_t, std::vector<std::string>> skip;
    /// By whole-store input: the inputs naming one of its sessions alone after it; each is a
    /// repeat when the store holds that session (one that is not there is still reported).
    std::map<std::size_t, std::vector<std::size_t>> after;
};

MentionPlan plan_mentions(const std::vector<StoreMention>& mentions);

}  // namespace tgs::session::detail
