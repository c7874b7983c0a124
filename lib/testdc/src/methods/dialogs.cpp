// Chats and contacts: a test account has none, so both lists come back empty.
#include "method.hpp"
#include "tgs/tl/layered.hpp"

namespace tgs::testdc::methods {

namespace {

using tl::layered::encode;
using tl::layered::list;
using tl::layered::obj;

Bytes get_dialogs(Call& call, tl::Reader&) {
    call.require_user();
    return encode(*obj("messages.dialogs", {{"dialogs", list({})},
                                            {"messages", list({})},
                                            {"chats", list({})},
                                            {"users", list({})}}),
                  call.layer);
}

Bytes get_contacts(Call& call, tl::Reader&) {
    call.require_user();
    return encode(*obj("contacts.contacts",
                       {{"contacts", list({})}, {"saved_count", 0}, {"users", list({})}}),
                  call.layer);
}

}  // namespace

void register_dialogs(MethodTable& t) {
    t.add_every_layer("messages.getDialogs", get_dialogs);
    t.add_every_layer("contacts.getContacts", get_contacts);
}

}  // namespace tgs::testdc::methods
