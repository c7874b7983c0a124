#include "login_branches.hpp"

#include "../wire.hpp"
#include "tgs/tl/api.hpp"
#include "tgs/tl/l144.hpp"

namespace tgs::testdc::methods {

namespace {

namespace api = tl::api;
namespace l144 = tl::l144;

// "ann@example.com" → "a***@example.com", as Telegram masks addresses.
std::string mask_email(const std::string& email) {
    const auto at = email.find('@');
    if (at == std::string::npos || at == 0) return "***";
    return email.substr(0, 1) + "***" + email.substr(at);
}

api::auth_SentCodeType code_type_of(const UserAccount& u, const std::string& code) {
    const auto n = static_cast<std::int32_t>(code.size());
    const auto& t = u.code_type;
    if (t == "app") return api::auth_sentCodeTypeApp{n};
    if (t == "call") return api::auth_sentCodeTypeCall{n};
    if (t == "flash_call") return api::auth_sentCodeTypeFlashCall{"+1555*"};
    if (t == "missed_call") return api::auth_sentCodeTypeMissedCall{"+1 555 01", n};
    if (t == "fragment_sms") return api::auth_sentCodeTypeFragmentSms{"https://fragment.com", n};
    if (t == "sms_word") {
        api::auth_sentCodeTypeSmsWord w;
        w.beginning = code.substr(0, 1);
        return w;
    }
    if (t == "sms_phrase") {
        api::auth_sentCodeTypeSmsPhrase p;
        p.beginning = code.substr(0, 1);
        return p;
    }
    if (t == "firebase_sms") {
        api::auth_sentCodeTypeFirebaseSms f;
        f.length = n;
        return f;
    }
    return api::auth_sentCodeTypeSms{n};
}

Bytes sent_code(const PendingCode& pc, api::auth_SentCodeType type,
                std::optional<api::auth_CodeType> next, std::optional<std::int32_t> timeout) {
    api::auth_sentCode out;
    out.type = std::move(type);
    out.phone_code_hash = pc.phone_code_hash;
    out.next_type = std::move(next);
    out.timeout = timeout;
    return api::serialize(api::auth_SentCode{out});
}

Bytes email_code_sent(const UserAccount& u, PendingCode& pc, const std::string& email) {
    pc.by_email = true;
    pc.code = u.email_code;
    api::auth_sentCodeTypeEmailCode t;
    t.email_pattern = mask_email(email);
    t.length = static_cast<std::int32_t>(pc.code.size());
    t.reset_available_period = 0;  // the test DC resets a lost login email at once
    return sent_code(pc, t, std::nullopt, std::nullopt);
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
    api::account_sentEmailCode out{mask_email(q.email),
                                   static_cast<std::int32_t>(user.email_code.size())};
    return api::serialize(api::account_SentEmailCode{out});
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
    api::account_emailVerifiedLogin out;
    out.email = email;
    const auto sent = email_code_sent(user, *pc, email);
    tl::Reader sr(sent);
    out.sent_code = api::read<api::auth_SentCode>(sr);
    return api::serialize(api::account_EmailVerified{out});
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
    return sent_code(pc, api::auth_sentCodeTypeSms{static_cast<std::int32_t>(pc.code.size())},
                     std::nullopt, std::nullopt);
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
    return api::serialize(
        api::auth_PasswordRecovery{api::auth_passwordRecovery{mask_email(acc.recovery_email)}});
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
    return api::serialize(api::account_ResetPasswordResult{api::account_resetPasswordRequestedWait{
        static_cast<std::int32_t>(call.ctx.now + 7 * 86400)}});
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
        tokens.erase(it);
        const auto u = bound(user);
        call.bind(u);
        api::auth_sentCodeSuccess ok;
        const Bytes authorization = user_authorization(call, u);  // outlives the reader
        tl::Reader ar(authorization);
        ok.authorization = api::read<api::auth_Authorization>(ar);
        return SendCodeAnswer{api::serialize(api::auth_SentCode{ok}), false};
    }
    if (user.payment_required) {
        api::auth_sentCodePaymentRequired paid;
        paid.store_product = "org.telegram.telegramPremium.threeMonths.code_x1";
        paid.phone_code_hash = pc.phone_code_hash;
        paid.support_email_address = "sms@telegram.org";
        paid.support_email_subject = "login code " + user.phone;
        paid.premium_days = 90;
        paid.currency = "USD";
        paid.amount = 1299;
        return SendCodeAnswer{api::serialize(api::auth_SentCode{paid}), true};
    }
    if (user.email_setup_required) {
        pc.email_setup = true;
        pc.code.clear();  // nothing was sent yet
        return SendCodeAnswer{
            sent_code(pc, api::auth_sentCodeTypeSetUpEmailRequired{}, std::nullopt, std::nullopt)};
    }
    if (!user.email.empty()) return SendCodeAnswer{email_code_sent(user, pc, user.email)};
    if (user.code_type.empty()) {
        return std::nullopt;  // the ordinary answer (app when logged in elsewhere, else SMS)
    }
    std::optional<api::auth_CodeType> next;
    if (user.code_type == "firebase_sms") next = api::auth_codeTypeSms{};
    return SendCodeAnswer{
        sent_code(pc, code_type_of(user, pc.code), next,
                  static_cast<std::int32_t>(call.options().resend_timeout_seconds))};
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

Bytes sign_up_required_with_terms() {
    api::help_termsOfService tos;
    tos.popup = true;
    tos.id = api::dataJSON{R"({"version":"testdc-1"})"};
    tos.text = "Test DC terms of service: accounts here are for tests only.";
    tos.min_age_confirm = 16;
    api::auth_authorizationSignUpRequired up;
    up.terms_of_service = api::help_TermsOfService{tos};
    return api::serialize(api::auth_Authorization{up});
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
