#include "convert_common.hpp"

#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"
#include "tgs/session/format.hpp"
#include "tgs/session/location.hpp"

namespace tgsession {

void refuse_overwrite(const std::filesystem::path& dst, bool force) {
    if (!force && tgs::session::session_exists(dst)) {
        throw tgs::Error(tgs::session::errc::write_failed,
                         dst.string() + " exists; use --force to replace it");
    }
}

void report_dropped(AppContext& ctx, const std::vector<std::string>& dropped,
                    tgs::session::Format to) {
    for (const auto& f : dropped) {
        ctx.out.note("note: " + std::string(tgs::session::format_name(to)) + " cannot keep " + f);
    }
}

}  // namespace tgsession
