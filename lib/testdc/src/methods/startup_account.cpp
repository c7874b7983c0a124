// account.* and contacts.* calls Telegram Desktop makes at start, answered as for an account
// with default settings and no contacts. Answer constructors are the same in every layer
// 133..228 (tdesktop 4.6.5's layer-152 api.tl and the layer-228 schema agree).
#include "method.hpp"
#include "tgs/tl/layered.hpp"
#include "tgs/tl/writer.hpp"

namespace tgs::testdc::methods {
namespace {

Bytes get_content_settings(Call& call, tl::Reader&) {
    call.require_user();
    tl::Writer w;
    w.write_uint32(0x57e28221);  // account.contentSettings
    w.write_uint32(0);           // flags: sensitive content neither enabled nor changeable
    return w.take();
}

Bytes get_top_peers(Call& call, tl::Reader&) {
    call.require_user();
    tl::Writer w;
    w.write_uint32(0xb52c939d);  // contacts.topPeersDisabled
    return w.take();
}

// Default notification settings; the constructor changed across layers, so it is encoded in
// the caller's layer from the recorded history.
Bytes get_notify_settings(Call& call, tl::Reader&) {
    call.require_user();
    return tl::layered::encode(*tl::layered::obj("peerNotifySettings"), call.layer);
}

// The app looks up a few service usernames; none exists on this server.
Bytes resolve_username(Call& call, tl::Reader&) {
    call.require_user();
    fail(400, "USERNAME_NOT_OCCUPIED");
}

}  // namespace

void register_startup_account(MethodTable& t) {
    t.add(0x8b9b4dae, get_content_settings);  // account.getContentSettings
    t.add(0x973478b6, get_top_peers);         // contacts.getTopPeers
    t.add(0x12b3ad31, get_notify_settings);   // account.getNotifySettings
    t.add(0xf93ccba3, resolve_username);      // contacts.resolveUsername (layer 152)
}

}  // namespace tgs::testdc::methods
