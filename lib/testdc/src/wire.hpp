// The answers the test DC gives, in the layer the connection declared (`layer`: the number from
// invokeWithLayer, 0 if none yet). Each is built once as a tgs::tl::layered object tree and
// encoded with that layer's constructor ids and fields from the recorded history
// (lib/tl/schema/history/layer_history.tl), so no constructor id is typed by hand.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tgs/bytes.hpp"
#include "tgs/testdc/cluster_state.hpp"
#include "tgs/tl/layered.hpp"

namespace tgs::testdc::wire {

/// `u` as a user object (the layer picks its fields when it is encoded).
tl::layered::ObjPtr user_object(const BoundUser& u, bool self);

Bytes rpc_error(std::int32_t code, const std::string& message);
Bytes pong(std::int64_t msg_id, std::int64_t ping_id);
Bytes bool_value(bool v, int layer = 0);

/// auth.authorization for `u` (self) in the layer's constructor.
Bytes authorization(int layer, const BoundUser& u);
/// The same with a future auth token (layers before 152 have no field for it and drop it).
Bytes authorization(int layer, const BoundUser& u, const Bytes& future_auth_token);
Bytes sign_up_required(int layer);
/// auth.authorization for `u` with a future auth token, unencoded (auth.sentCodeSuccess nests it).
tl::layered::ObjPtr authorization_object(const BoundUser& u, const Bytes& future_auth_token);

/// How the code was sent / will be sent next (auth.SentCodeType / auth.CodeType).
enum class SentVia { App, Sms, Call };
enum class NextVia { Sms, Call };
Bytes sent_code(int layer, SentVia via, std::size_t code_length, const std::string& phone_code_hash,
                std::optional<NextVia> next, std::optional<std::int32_t> timeout);

Bytes config(int layer, const std::vector<DcAddress>& dcs, int this_dc, std::int64_t now);
Bytes nearest_dc(int layer, int this_dc);

struct PasswordInfo {
    bool has_password = false;
    Bytes salt1, salt2;  // current algo (when has_password)
    Bytes srp_B;
    std::int64_t srp_id = 0;
    std::string hint;
    Bytes new_salt1, secure_random;
};
Bytes account_password(int layer, const PasswordInfo& p, const Bytes& prime, int g);

Bytes updates_state(int layer, std::int64_t now);
/// auth.loggedOut, or boolTrue in layers where auth.logOut still returned Bool.
Bytes logged_out(int layer);
Bytes logged_out(int layer, const Bytes& future_auth_token);
Bytes login_token(int layer, std::int64_t expires, const Bytes& token);
Bytes login_token_migrate(int layer, int dc, const Bytes& token);
Bytes login_token_success(int layer, const BoundUser& u);
/// updateShort{updateLoginToken}: tells the exporting session its QR token was accepted.
/// Pushed to another connection, so it is encoded in that connection's layer.
Bytes update_login_token_push(int layer, std::int64_t now);
Bytes authorizations(int layer, const std::vector<std::pair<AuthorizationRecord, bool>>& list);
Bytes authorization_item(int layer, const AuthorizationRecord& a, bool current);
Bytes exported_authorization(int layer, std::int64_t id, const Bytes& bytes);
/// users.getUsers result (Vector<User>), every user marked self.
Bytes users_vector(int layer, const std::vector<BoundUser>& users);

}  // namespace tgs::testdc::wire
