// The test DC's side of the login branches an account's options turn on: how sendCode answers
// (code type, login email, email setup, paid codes, future auth tokens), the email-setup and
// 2FA-recovery methods, sign-up, and the future auth tokens every user login and logout hands
// out. Answers are encoded in the connection's declared layer (layer_history.tl); an option
// whose answer that layer lacks falls back to the ordinary code answer.
#pragma once

#include <optional>
#include <vector>

#include "method.hpp"

namespace tgs::testdc::methods {

struct SendCodeAnswer {
    Bytes body;
    bool code_pending = true;  // false when it logged in at once (no code to keep)
};
/// auth.sendCode for a listed user, after the phone/DC/flood checks: the answer for the
/// account's options, or nullopt for the plain code answer. `logout_tokens` from codeSettings.
std::optional<SendCodeAnswer> send_code_branch(Call& call, const UserAccount& user, PendingCode& pc,
                                               const std::vector<Bytes>& logout_tokens);

/// A new future auth token for `user_id` (kept in the cluster state).
Bytes issue_future_token(Call& call, std::int64_t user_id);

/// auth.authorization for a user login: with a fresh future auth token.
Bytes user_authorization(Call& call, const BoundUser& u);

/// auth.authorizationSignUpRequired with terms of service, in `layer`.
Bytes sign_up_required_with_terms(int layer);

}  // namespace tgs::testdc::methods
