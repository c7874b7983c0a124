#include "login_branches.hpp"

#include "../wire.hpp"
#include "tgs/tl/api.hpp"
#include "tgs/tl/l144.hpp"
#include "tgs/tl/layered.hpp"

namespace tgs::testdc::methods {

namespace {

namespace api = tl::api;
namespace l144 = tl::l144;

using tl::layered::encode;
using tl::layered::obj;
using tl::layered::ObjPtr;

/// Whether the declared layer has this constructor (an option whose answer it lacks falls back
/// to the ordinary code answer, as Telegram cannot send such a client what it cannot read).
bool exists(const char* name, int layer) {
    return tl::layered::version_at(name, layer) != nullptr;
}

// "ann@example.com" → "a***@example.com", as Telegram masks addresses.
std::string mask_email(const std::string& email) {
    const auto at = email.find('@');
    if (at == std::string::npos || at == 0) return "***";
    return email.substr(0, 1) + "***" + email.substr(at);
}

ObjPtr sms_type(const std::string& code) {
    return obj("auth.sentCodeTypeSms", {{"length", static_cast<std::int64_t>(code.size())}});
}

ObjPtr code_type_of(const UserAccount& u, const std::string& code) {
    const auto n = static_cast<std::int64_t>(code.size());
    const auto& t = u.code_type;
    if (t == "app") return obj("auth.sentCodeTypeApp", {{"length", n}});
    if (t == "call") return obj("auth.sentCodeTypeCall", {{"length", n}});
    if (t == "flash_call") return obj("auth.sentCodeTypeFlashCall", {{"pattern", "+1555*"}});
    if (t == "missed_call") {
        return obj("auth.sentCodeTypeMissedCall", {{"prefix", "+1 555 01"}, {"length", n}});
    }
    if (t == "fragment_sms") {
        return obj("auth.sentCodeTypeFragmentSms",
                   {{"url", "https://fragment.com"}, {"length", n}});
    }
    if (t == "sms_word") return obj("auth.sentCodeTypeSmsWord", {{"beginning", code.substr(0, 1)}});
    if (t == "sms_phrase") {
        return obj("auth.sentCodeTypeSmsPhrase", {{"beginning", code.substr(0, 1)}});
    }
    if (t == "firebase_sms") return obj("auth.sentCodeTypeFirebaseSms", {{"length", n}});
    return sms_type(code);
}

ObjPtr sent_code_object(const PendingCode& pc, ObjPtr type, ObjPtr next,
                        std::optional<std::int32_t> timeout) {
    auto out =
        obj("auth.sentCode", {{"type", std::move(type)}, {"phone_code_hash", pc.phone_code_hash}});
    if (next) out->fields["next_type"] = std::move(next);
    if (timeout) out->fields["timeout"] = std::int64_t{*timeout};
    return out;
}

ObjPtr email_code_sent(const UserAccount& u, PendingCode& pc, const std::string& email) {
    pc.by_email = true;
    pc.code = u.email_code;
    auto type =
        obj("auth.sentCodeTypeEmailCode", {{"email_pattern", mask_email(email)},
                                           {"length", static_cast<std::int64_t>(pc.code.size())},
                                           // the test DC resets a lost login email at once
                                           {"reset_available_period", std::int64_t{0}}});
    return sent_code_object(pc, type, nullptr, std::nullopt);
}

/// The pending code a login-email setup refers to (emailVerifyPurposeLoginSetup).
std::pair<PendingCode*, UserAccount> setup_target(Call& call, const api::EmailVerifyPurpose& p) {
    const auto* setup = std::get_if<api::emailVerifyPurposeLoginSetup>(&p);
    if (!setup) fail(400, "EMAIL_VERIFY_PURPOSE_INVALID");
    auto& codes = call.svc.state.pending_codes();
    auto it = codes.find(setup->phone_code_hash);
    const auto phone = Accounts::normalize_phone(setup->phone_number);
    if (it == codes.end() || it->second.phone != phone || it->second.expires <= call.ctx.now) {
        fail(400, "PHONE_CODE_EXPIRED");
    }
    auto user = call.svc.accounts.find_user_by_phone(phone);
    if (!user || !it->second.email_setup) fail(400, "EMAIL_SETUP_NOT_REQUIRED");
    return {&it->second, *user};
}

Bytes send_verify_email_code(Call& call, tl::Reader& r) {
    const auto q = api::read<api::account_sendVerifyEmailCode>(r);
    auto [pc, user] = setup_target(call, q.purpose);
    if (q.email.find('@') == std::string::npos) fail(400, "EMAIL_INVALID");
    pc->setup_email = q.email;
    pc->setup_email_code = user.email_code;
    return encode(*obj("account.sentEmailCode",
                       {{"email_pattern", mask_email(q.email)},
                        {"length", static_cast<std::int64_t>(user.email_code.size())}}),
                  call.layer);
}

Bytes verify_email(Call& call, tl::Reader& r) {
    const auto q = api::read<api::account_verifyEmail>(r);
    auto [pc, user] = setup_target(call, q.purpose);
    const auto* code = std::get_if<api::emailVerificationCode>(&q.verification);
    if (!code || pc->setup_email.empty()) fail(400, "EMAIL_NOT_SETUP");
    if (code->code != pc->setup_email_code) fail(400, "EMAIL_CODE_INVALID");
    const std::string email = pc->setup_email;
    call.svc.accounts.update_user(user.phone, [&](UserAccount& u) {
        u.email = email;
        u.email_setup_required = false;
    });
    user.email = email;
    pc->email_setup = false;
    return encode(*obj("account.emailVerifiedLogin",
                       {{"email", email}, {"sent_code", email_code_sent(user, *pc, email)}}),
                  call.layer);
}

Bytes reset_login_email(Call& call, tl::Reader& r) {
    const auto q = api::read<api::auth_resetLoginEmail>(r);
    auto& codes = call.svc.state.pending_codes();
    auto it = codes.find(q.phone_code_hash);
    const auto phone = Accounts::normalize_phone(q.phone_number);
    if (it == codes.end() || it->second.phone != phone) fail(400, "PHONE_CODE_EXPIRED");
    auto user = call.svc.accounts.find_user_by_phone(phone);
    if (!user || !it->second.by_email) fail(400, "EMAIL_NOT_SETUP");
    auto& pc = it->second;
    pc.by_email = false;
    pc.code = user->code;
    pc.expires = call.ctx.now + call.options().code_ttl_seconds;
    return encode(*sent_code_object(pc, sms_type(pc.code), nullptr, std::nullopt), call.layer);
}

/// The user in the middle of a 2FA login (or logged in) on this key.
UserAccount password_user(Call& call) {
    std::optional<std::int64_t> uid = call.key.password_pending_user;
    if (!uid && call.key.user) uid = call.key.user->id;
    if (!uid) fail(400, "PASSWORD_EMPTY");
    auto acc = call.svc.password_of(*uid);
    if (!acc) fail(400, "PASSWORD_EMPTY");
    return *acc;
}

Bytes request_password_recovery(Call& call, tl::Reader&) {
    const auto acc = password_user(call);
    if (acc.recovery_email.empty()) fail(400, "PASSWORD_RECOVERY_NA");
    call.svc.state.recovery_requested()[acc.id] = true;
    return encode(
        *obj("auth.passwordRecovery", {{"email_pattern", mask_email(acc.recovery_email)}}),
        call.layer);
}

Bytes recover_password(Call& call, tl::Reader& r) {
    const auto q = api::read<api::auth_recoverPassword>(r);
    const auto acc = password_user(call);
    auto& asked = call.svc.state.recovery_requested();
    if (!asked.count(acc.id)) fail(400, "PASSWORD_RECOVERY_EXPIRED");
    if (q.code.empty()) fail(400, "CODE_EMPTY");
    if (q.code != acc.recovery_code) fail(400, "CODE_INVALID");
    asked.erase(acc.id);
    auto& svc = call.svc;
    svc.verifiers.erase(acc.id);
    std::erase_if(svc.state.srp_sessions(),
                  [&](const auto& kv) { return kv.second.user_id == acc.id; });
    std::optional<Services::Verifier> next;
    std::string hint;
    if (q.new_settings) {
        const auto& s = std::get<api::account_passwordInputSettings>(*q.new_settings);
        const auto* algo =
            s.new_algo
                ? std::get_if<
                      api::passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow>(
                      &*s.new_algo)
                : nullptr;
        if (!algo || !s.new_password_hash || s.new_password_hash->size() != 256 ||
            algo->p != telegram_prime() || algo->g != kSrpG) {
            fail(400, "NEW_SETTINGS_INVALID");
        }
        // The client computed v itself: the verifier is stored as given, the password never.
        next = Services::Verifier{algo->salt1, algo->salt2, *s.new_password_hash};
        hint = s.hint.value_or("");
    }
    svc.accounts.update_user(acc.phone, [&](UserAccount& u) {
        if (next) {
            u.password = "(set by recovery)";  // only "2FA on": the verifier below is what counts
            u.hint = hint;
        } else {
            u.password.reset();
            u.hint.clear();
        }
    });
    if (next) svc.verifiers[acc.id] = *next;
    const auto u = bound(acc);
    call.bind(u);
    return user_authorization(call, u);
}

Bytes reset_password(Call& call, tl::Reader&) {
    password_user(call);
    // Telegram waits a week before removing 2FA of an account without a recovery email.
    return encode(*obj("account.resetPasswordRequestedWait",
                       {{"until_date", static_cast<std::int64_t>(call.ctx.now + 7 * 86400)}}),
                  call.layer);
}

// auth.signUp in both layers: only for a listed account with "signed_up": false, after its code.
Bytes sign_up(Call& call, const std::string& raw_phone, const std::string& hash,
              const std::string& first, const std::string& last) {
    const auto phone = Accounts::normalize_phone(raw_phone);
    auto& codes = call.svc.state.pending_codes();
    auto it = codes.find(hash);
    if (it == codes.end() || it->second.phone != phone || it->second.expires <= call.ctx.now) {
        fail(400, "PHONE_CODE_EXPIRED");
    }
    auto user = call.svc.accounts.find_user_by_phone(phone);
    if (!user || user->signed_up) fail(400, "PHONE_NUMBER_APP_SIGNUP_FORBIDDEN");
    if (first.empty()) fail(400, "FIRSTNAME_INVALID");
    codes.erase(it);
    call.svc.accounts.update_user(phone, [&](UserAccount& u) {
        u.signed_up = true;
        u.first_name = first;
        u.last_name = last;
    });
    const auto u = bound(*call.svc.accounts.find_user_by_phone(phone));
    call.finish_login(u);
    return user_authorization(call, u);
}

Bytes sign_up_228(Call& call, tl::Reader& r) {
    const auto q = api::read<api::auth_signUp>(r);
    return sign_up(call, q.phone_number, q.phone_code_hash, q.first_name, q.last_name);
}

Bytes sign_up_144(Call& call, tl::Reader& r) {
    const auto q = l144::read<l144::auth_signUp>(r);
    return sign_up(call, q.phone_number, q.phone_code_hash, q.first_name, q.last_name);
}

}  // namespace

std::optional<SendCodeAnswer> send_code_branch(Call& call, const UserAccount& user, PendingCode& pc,
                                               const std::vector<Bytes>& logout_tokens) {
    auto& tokens = call.svc.state.future_tokens();
    for (const auto& t : logout_tokens) {
        auto it = tokens.find(t);
        // 2FA accounts still give their password: the token stands in for the code only, and
        // the test DC keeps that case to the ordinary code login.
        if (it == tokens.end() || it->second != user.id || !user.signed_up || user.password) {
            continue;
        }
        if (!exists("auth.sentCodeSuccess", call.layer)) continue;
        tokens.erase(it);
        const auto u = bound(user);
        call.bind(u);
        auto ok =
            obj("auth.sentCodeSuccess",
                {{"authorization", wire::authorization_object(u, issue_future_token(call, u.id))}});
        return SendCodeAnswer{encode(*ok, call.layer), false};
    }
    if (user.payment_required && exists("auth.sentCodePaymentRequired", call.layer)) {
        auto paid = obj("auth.sentCodePaymentRequired",
                        {{"store_product", "org.telegram.telegramPremium.threeMonths.code_x1"},
                         {"phone_code_hash", pc.phone_code_hash},
                         {"support_email_address", "sms@telegram.org"},
                         {"support_email_subject", "login code " + user.phone},
                         {"premium_days", 90},
                         {"currency", "USD"},
                         {"amount", std::int64_t{1299}}});
        return SendCodeAnswer{encode(*paid, call.layer), true};
    }
    if (user.email_setup_required && exists("auth.sentCodeTypeSetUpEmailRequired", call.layer)) {
        pc.email_setup = true;
        pc.code.clear();  // nothing was sent yet
        auto type = obj("auth.sentCodeTypeSetUpEmailRequired");
        return SendCodeAnswer{
            encode(*sent_code_object(pc, type, nullptr, std::nullopt), call.layer)};
    }
    if (!user.email.empty() && exists("auth.sentCodeTypeEmailCode", call.layer)) {
        return SendCodeAnswer{encode(*email_code_sent(user, pc, user.email), call.layer)};
    }
    if (user.code_type.empty()) {
        return std::nullopt;  // the ordinary answer (app when logged in elsewhere, else SMS)
    }
    auto type = code_type_of(user, pc.code);
    if (!exists(type->name.c_str(), call.layer)) return std::nullopt;
    ObjPtr next;
    if (user.code_type == "firebase_sms") next = obj("auth.codeTypeSms");
    return SendCodeAnswer{
        encode(*sent_code_object(pc, type, next,
                                 static_cast<std::int32_t>(call.options().resend_timeout_seconds)),
               call.layer)};
}

Bytes issue_future_token(Call& call, std::int64_t user_id) {
    auto token = call.svc.random_bytes(32);
    call.svc.state.future_tokens()[token] = user_id;
    return token;
}

Bytes user_authorization(Call& call, const BoundUser& u) {
    if (u.bot) return wire::authorization(call.layer, u);
    return wire::authorization(call.layer, u, issue_future_token(call, u.id));
}

Bytes sign_up_required_with_terms(int layer) {
    auto tos = obj("help.termsOfService",
                   {{"popup", true},
                    {"id", obj("dataJSON", {{"data", R"({"version":"testdc-1"})"}})},
                    {"text", "Test DC terms of service: accounts here are for tests only."},
                    {"entities", tl::layered::list({})},
                    {"min_age_confirm", 16}});
    return encode(*obj("auth.authorizationSignUpRequired", {{"terms_of_service", tos}}), layer);
}

void register_login_branches(MethodTable& t) {
    t.add(api::account_sendVerifyEmailCode::ID, send_verify_email_code);
    t.add(api::account_verifyEmail::ID, verify_email);
    t.add(api::auth_resetLoginEmail::ID, reset_login_email);
    t.add(api::auth_requestPasswordRecovery::ID, request_password_recovery);
    t.add(api::auth_recoverPassword::ID, recover_password);
    t.add(api::account_resetPassword::ID, reset_password);
    t.add(api::auth_signUp::ID, sign_up_228);
    t.add(l144::auth_signUp::ID, sign_up_144);
}

}  // namespace tgs::testdc::methods
