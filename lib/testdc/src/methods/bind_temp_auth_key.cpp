// auth.bindTempAuthKey: a temporary key (made with p_q_inner_data_temp*) is bound to the
// account's permanent key, after which every call on it acts as that key. Telegram Desktop does
// this on every connection. The binding message is checked as the method's documentation says:
// it is an MTProto 1.0 message encrypted with the permanent key (SHA1 msg_key and KDF, x = 0)
// whose msg_id is the request's own, holding bind_auth_key_inner with the same nonce,
// expires_at and permanent key id as the request, the id of the key the request came on, and
// the session id of the connection. Facts: core.telegram.org/method/auth.bindTempAuthKey and
// tdesktop v4.6.5 mtproto_dc_key_binder.cpp (the client side).
#include "../wire.hpp"
#include "method.hpp"
#include "tgs/crypto/aes.hpp"
#include "tgs/crypto/hash.hpp"
#include "tgs/crypto/kdf.hpp"
#include "tgs/crypto/secure.hpp"
#include "tgs/error.hpp"
#include "tgs/tl/api.hpp"
#include "tgs/tl/mt.hpp"

namespace tgs::testdc::methods {
namespace {

namespace api = tl::api;

// The one error tdesktop reads as "this permanent key is gone" (it then logs the account out);
// everything about a binding message that does not check out is answered with it.
[[noreturn]] void invalid() {
    fail(400, "ENCRYPTED_MESSAGE_INVALID");
}

constexpr std::size_t kHeader = 8 + 8 + 8 + 4 + 4;  // salt, session_id, msg_id, seqno, length

std::uint64_t le(ByteView b) {
    std::uint64_t v = 0;
    for (auto it = b.rbegin(); it != b.rend(); ++it) v = (v << 8) | *it;
    return v;
}

struct Binding {
    std::int64_t msg_id = 0;
    tl::mt::bind_auth_key_inner inner;
};

/// Decrypts and checks the MTProto 1.0 envelope: auth_key_id, msg_key = SHA1 of the message
/// without padding [4:20], a length that fits, padding under 16 bytes.
Binding open_binding_message(ByteView perm_key, std::uint64_t perm_id, ByteView message) {
    if (message.size() < 8 + 16 + kHeader || (message.size() - 24) % 16 != 0) invalid();
    if (le(message.first(8)) != perm_id) invalid();
    const auto msg_key = message.subspan(8, 16);
    const auto kiv = crypto::derive_aes_key_iv_v1(perm_key, msg_key, crypto::kClientToServer);
    Bytes plain = crypto::aes_ige_decrypt(message.subspan(24), kiv.key, kiv.iv);
    const auto length = static_cast<std::size_t>(le(ByteView(plain).subspan(28, 4)));
    if (length > plain.size() - kHeader || plain.size() - kHeader - length >= 16) invalid();
    const auto sha = crypto::sha1(ByteView(plain).first(kHeader + length));
    if (!crypto::constant_time_equal(ByteView(sha).subspan(4, 16), msg_key)) invalid();
    Binding b;
    b.msg_id = static_cast<std::int64_t>(le(ByteView(plain).subspan(16, 8)));
    tl::Reader r(ByteView(plain).subspan(kHeader, length));
    try {
        b.inner = tl::mt::read<tl::mt::bind_auth_key_inner>(r);
    } catch (const Error&) {
        invalid();
    }
    if (!r.at_end()) invalid();
    return b;
}

Bytes bind_temp_auth_key(Call& call, tl::Reader& r) {
    const auto req = api::read<api::auth_bindTempAuthKey>(r);
    // The key the request came on (call.key is already the permanent one once it is bound).
    auto* temp_record = call.svc.state.find_auth_key(call.ctx.auth_key_id);
    if (temp_record == nullptr || temp_record->expires_at == 0) {
        fail(400, "TEMP_AUTH_KEY_EMPTY");  // a permanent key
    }
    auto& temp = *temp_record;
    const auto perm_id = static_cast<std::uint64_t>(req.perm_auth_key_id);
    if (temp.bound_to != 0 && temp.bound_to != perm_id) fail(400, "TEMP_AUTH_KEY_ALREADY_BOUND");
    const auto* perm = call.svc.state.find_auth_key(perm_id);
    if (perm == nullptr || perm->expires_at != 0) invalid();
    const auto b = open_binding_message(perm->key, perm_id, req.encrypted_message);
    const auto& in = b.inner;
    if (b.msg_id != call.ctx.msg_id || in.nonce != req.nonce ||
        static_cast<std::uint64_t>(in.temp_auth_key_id) != temp.id ||
        in.perm_auth_key_id != req.perm_auth_key_id || in.expires_at != req.expires_at ||
        in.temp_session_id != call.ctx.session_id) {
        invalid();
    }
    // expires_at need not be the handshake's: Telegram Desktop sends its own clock's time of
    // the bind + expires_in + 30 s (SessionPrivate, kBindKeyAdditionalExpiresTimeout). The key
    // still expires when its handshake said; a binding that has already lapsed is refused with
    // the error Telegram lists for this method (never ENCRYPTED_MESSAGE_INVALID, which the app
    // reads as a destroyed permanent key).
    if (req.expires_at <= call.ctx.now) fail(400, "EXPIRES_AT_INVALID");
    temp.bound_to = perm_id;
    call.svc.dirty = true;
    return wire::bool_value(true, call.layer);
}

}  // namespace

void register_bind_temp_auth_key(MethodTable& t) {
    t.add(api::auth_bindTempAuthKey::ID, bind_temp_auth_key);
}

}  // namespace tgs::testdc::methods
