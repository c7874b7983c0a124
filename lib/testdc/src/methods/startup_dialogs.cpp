// The dialog list calls Telegram Desktop makes at start (besides messages.getDialogs,
// post_login.hpp), answered as Telegram answers an account with no chats. The answer
// constructors are the same in every layer 133..228 (checked against tdesktop 4.6.5's layer-152
// api.tl and the layer-228 schema), so they are written directly.
#include "../wire.hpp"
#include "method.hpp"
#include "tgs/tl/writer.hpp"

namespace tgs::testdc::methods {
namespace {

constexpr std::uint32_t kGetPinnedDialogs = 0xd6b94df2;
constexpr std::uint32_t kGetDialogFilters152 = 0xf19ed96d;  // = Vector<DialogFilter>, to 177
constexpr std::uint32_t kGetDialogFilters = 0xefd48c89;     // = messages.DialogFilters
constexpr std::uint32_t kGetSuggestedDialogFilters = 0xa29cd42c;
constexpr std::uint32_t kPeerDialogs = 0x3371c354;
constexpr std::uint32_t kDialogFilters = 0x2ad93719;

Bytes empty_vector() {
    tl::Writer w;
    w.write_vector_header(0);
    return w.take();
}

Bytes get_pinned_dialogs(Call& call, tl::Reader&) {
    call.require_user();
    tl::Writer w;
    w.write_uint32(kPeerDialogs);
    for (int i = 0; i < 4; ++i) w.write_vector_header(0);  // dialogs, messages, chats, users
    w.write_raw(wire::updates_state(call.layer, call.ctx.now));
    return w.take();
}

Bytes get_dialog_filters_152(Call& call, tl::Reader&) {
    call.require_user();
    return empty_vector();
}

Bytes get_dialog_filters(Call& call, tl::Reader&) {
    call.require_user();
    tl::Writer w;
    w.write_uint32(kDialogFilters);
    w.write_uint32(0);  // flags: tags off
    w.write_vector_header(0);
    return w.take();
}

Bytes get_suggested_dialog_filters(Call& call, tl::Reader&) {
    call.require_user();
    return empty_vector();
}

}  // namespace

void register_startup_dialogs(MethodTable& t) {
    t.add(kGetPinnedDialogs, get_pinned_dialogs);
    t.add(kGetDialogFilters152, get_dialog_filters_152);
    t.add(kGetDialogFilters, get_dialog_filters);
    t.add(kGetSuggestedDialogFilters, get_suggested_dialog_filters);
}

}  // namespace tgs::testdc::methods
