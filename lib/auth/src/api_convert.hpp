// Turns layer-228 TL objects into the plain values of tgs/auth/types.hpp.
#pragma once

#include "tgs/auth/types.hpp"
#include "tgs/session/session_data.hpp"
#include "tgs/tl/api.hpp"

namespace tgs::auth {

/// userEmpty throws AUTH_UNEXPECTED_RESULT.
User to_user(const tl::api::User& user, int dc_id);
session::SelfUser to_self_user(const User& user);
/// auth.sentCode → LoginToken; sentCodeSuccess / sentCodePaymentRequired throw
/// AUTH_UNEXPECTED_RESULT with an explanation.
LoginToken to_login_token(const tl::api::auth_SentCode& sent, const std::string& phone, int dc_id);
AuthorizationInfo to_authorization_info(const tl::api::Authorization& a);
/// The user of an auth.authorization; authorizationSignUpRequired throws AUTH_SIGN_UP_REQUIRED.
User authorized_user(const tl::api::auth_Authorization& result, int dc_id);

}  // namespace tgs::auth
