// The answers the test DC gives, built from the generated TL types (tgs/tl/{api,l198,l144}.hpp)
// so that no constructor id is typed by hand. Constructors that differ between layers (user,
// auth.authorization, config, account.password and what embeds them) are built in the layer
// the connection declared; the rest are byte-identical in 144, 198 and 228 and use `api`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tgs/bytes.hpp"
#include "tgs/testdc/cluster_state.hpp"
#include "tgs/testdc/layer.hpp"

namespace tgs::testdc::wire {

Bytes rpc_error(std::int32_t code, const std::string& message);
Bytes pong(std::int64_t msg_id, std::int64_t ping_id);
Bytes bool_value(bool v);

/// auth.authorization for `u` (self) in the layer's constructor.
Bytes authorization(LayerFamily layer, const BoundUser& u);
Bytes sign_up_required();

/// How the code was sent / will be sent next (auth.SentCodeType / auth.CodeType).
enum class SentVia { App, Sms, Call };
enum class NextVia { Sms, Call };
Bytes sent_code(SentVia via, std::size_t code_length, const std::string& phone_code_hash,
                std::optional<NextVia> next, std::optional<std::int32_t> timeout);

Bytes config(LayerFamily layer, const std::vector<DcAddress>& dcs, int this_dc, std::int64_t now);
Bytes nearest_dc(int this_dc);

struct PasswordInfo {
    bool has_password = false;
    Bytes salt1, salt2;  // current algo (when has_password)
    Bytes srp_B;
    std::int64_t srp_id = 0;
    std::string hint;
    Bytes new_salt1, secure_random;
};
Bytes account_password(LayerFamily layer, const PasswordInfo& p, const Bytes& prime, int g);

Bytes updates_state(std::int64_t now);
Bytes logged_out();
Bytes login_token(std::int64_t expires, const Bytes& token);
Bytes login_token_migrate(int dc, const Bytes& token);
Bytes login_token_success(LayerFamily layer, const BoundUser& u);
/// updateShort{updateLoginToken}: tells the exporting session its QR token was accepted.
Bytes update_login_token_push(std::int64_t now);
Bytes authorizations(const std::vector<std::pair<AuthorizationRecord, bool>>& list);
Bytes authorization_item(const AuthorizationRecord& a, bool current);
Bytes exported_authorization(std::int64_t id, const Bytes& bytes);
/// users.getUsers result (Vector<User>), every user marked self.
Bytes users_vector(LayerFamily layer, const std::vector<BoundUser>& users);

}  // namespace tgs::testdc::wire
