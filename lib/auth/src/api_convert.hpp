// Turns layer-228 TL objects into the plain values of tgs/auth/types.hpp.
#pragma once

#include "tgs/auth/types.hpp"
#include "tgs/session/session_data.hpp"
#include "tgs/tl/api.hpp"

namespace tgs::auth {

/// userEmpty throws AUTH_UNEXPECTED_RESULT.
User to_user(const tl::api::User& user, int dc_id);
session::SelfUser to_self_user(const User& user);
/// auth.sentCode → LoginToken; sentCodeSuccess throws AUTH_UNEXPECTED_RESULT (send_code
/// handles it), sentCodePaymentRequired AUTH_PAYMENT_REQUIRED with what to do instead.
LoginToken to_login_token(const tl::api::auth_SentCode& sent, const std::string& phone, int dc_id);
AuthorizationInfo to_authorization_info(const tl::api::Authorization& a);
/// The user of an auth.authorization; authorizationSignUpRequired throws SignUpRequired.
User authorized_user(const tl::api::auth_Authorization& result, int dc_id);
TermsOfService to_terms(const tl::api::help_TermsOfService& t);

}  // namespace tgs::auth
