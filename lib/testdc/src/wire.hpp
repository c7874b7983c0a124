// Hand-written encoders for the answers the test DC gives, one per constructor family, each
// aware of the layer differences (user/auth.authorization/config/account.password ids and
// fields differ between 144, 198 and 228; see ../shared/reference/*_login.tl).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tgs/testdc/cluster_state.hpp"
#include "tgs/testdc/layer.hpp"
#include "tgs/tl/writer.hpp"

namespace tgs::testdc::wire {

// Constructor ids used in answers.
inline constexpr std::uint32_t kRpcError = 0x2144ca19;
inline constexpr std::uint32_t kUser144 = 0x3ff6ecb0;
inline constexpr std::uint32_t kUser198 = 0x4b46c37e;
inline constexpr std::uint32_t kUser228 = 0xb1b8cc83;
inline constexpr std::uint32_t kAuthorization144 = 0x33fb7bb8;
inline constexpr std::uint32_t kAuthorization = 0x2ea2c0d4;
inline constexpr std::uint32_t kAuthorizationSignUpRequired = 0x44747e9a;
inline constexpr std::uint32_t kSentCode = 0x5e002502;
inline constexpr std::uint32_t kSentCodeTypeApp = 0x3dbb5986;
inline constexpr std::uint32_t kSentCodeTypeSms = 0xc000bba2;
inline constexpr std::uint32_t kCodeTypeSms = 0x72a3158c;
inline constexpr std::uint32_t kCodeTypeCall = 0x741cd3e3;
inline constexpr std::uint32_t kConfig144 = 0x330b4067;
inline constexpr std::uint32_t kConfig = 0xcc1a241e;
inline constexpr std::uint32_t kDcOption = 0x18b7a10d;
inline constexpr std::uint32_t kNearestDc = 0x8e1a1775;
inline constexpr std::uint32_t kPassword144 = 0x185b184f;
inline constexpr std::uint32_t kPassword = 0x957b50fb;
inline constexpr std::uint32_t kPasswordKdfAlgoModPow = 0x3a912d4a;
inline constexpr std::uint32_t kSecurePasswordKdfAlgoUnknown = 0x004a8537;
inline constexpr std::uint32_t kUpdatesState = 0xa56c2a3e;
inline constexpr std::uint32_t kLoggedOut = 0xc3a2835f;
inline constexpr std::uint32_t kLoginToken = 0x629f1980;
inline constexpr std::uint32_t kLoginTokenMigrateTo = 0x068e9916;
inline constexpr std::uint32_t kLoginTokenSuccess = 0x390d5c5e;
inline constexpr std::uint32_t kUpdateShort = 0x78d4dec1;
inline constexpr std::uint32_t kUpdateLoginToken = 0x564fe691;
inline constexpr std::uint32_t kAuthorizationItem = 0xad01d61d;
inline constexpr std::uint32_t kAccountAuthorizations = 0x4bff8ea0;
inline constexpr std::uint32_t kExportedAuthorization = 0xb434e2b8;
inline constexpr std::uint32_t kPong = 0x347773c5;

Bytes rpc_error(std::int32_t code, const std::string& message);
void write_user(tl::Writer& w, LayerFamily layer, const BoundUser& u, bool self);
/// auth.authorization with the user (self).
void write_authorization(tl::Writer& w, LayerFamily layer, const BoundUser& u);
Bytes sign_up_required();
inline constexpr std::uint32_t kSentCodeTypeCall = 0x5353e5a7;
/// type_id: one of kSentCodeType{App,Sms,Call} (all three carry just `length`).
Bytes sent_code(std::uint32_t type_id, std::size_t code_length, const std::string& phone_code_hash,
                std::optional<std::uint32_t> next_type, std::optional<std::int32_t> timeout);
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
Bytes update_login_token_push(std::int64_t now);
Bytes authorizations(const std::vector<std::pair<AuthorizationRecord, bool>>& list);
Bytes authorization_item(const AuthorizationRecord& a, bool current);
Bytes exported_authorization(std::int64_t id, const Bytes& bytes);
Bytes bool_value(bool v);
Bytes users_vector(LayerFamily layer, const std::vector<BoundUser>& users);
Bytes pong(std::int64_t msg_id, std::int64_t ping_id);

}  // namespace tgs::testdc::wire
