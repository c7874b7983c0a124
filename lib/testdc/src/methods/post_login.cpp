// The calls clients make right after a login (post_login.hpp) are recognised by name in any
// layer, so they answer as the table's fallback rather than under one constructor id.
#include "../post_login.hpp"

#include "method.hpp"

namespace tgs::testdc::methods {

namespace {

Bytes post_login(Call& call, tl::Reader& r) {
    const PostLoginCall post{call.layer, call.ctx.now, call.ctx.dc_id,
                             call.key.user ? &*call.key.user : nullptr};
    auto answer = answer_post_login(post, r.read_rest());
    if (!answer) fail(400, "INPUT_METHOD_INVALID");
    if (answer->error_code != 0) fail(answer->error_code, answer->error);
    return std::move(answer->body);
}

}  // namespace

void register_post_login(MethodTable& t) {
    t.set_fallback(post_login);
}

}  // namespace tgs::testdc::methods
