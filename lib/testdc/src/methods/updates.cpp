// updates.getDifference: the second call of every client's update loop (after getState, in
// users.cpp). Nothing ever happens on the test DC, so the client's state is always current.
#include "method.hpp"
#include "tgs/tl/layered.hpp"

namespace tgs::testdc::methods {

namespace {

using tl::layered::encode;
using tl::layered::obj;

Bytes get_difference(Call& call, tl::Reader&) {
    call.require_user();
    return encode(*obj("updates.differenceEmpty", {{"date", call.ctx.now}, {"seq", 1}}),
                  call.layer);
}

}  // namespace

void register_updates(MethodTable& t) {
    t.add_every_layer("updates.getDifference", get_difference);
}

}  // namespace tgs::testdc::methods
