#include "api_convert.hpp"

#include "tgs/auth/errors.hpp"
#include "tgs/error.hpp"

namespace tgs::auth {

namespace api = tl::api;

User to_user(const api::User& user, int dc_id) {
    const auto* u = std::get_if<api::user>(&user);
    if (!u) throw Error(errc::unexpected_result, "the server returned an empty user");
    User out;
    out.id = u->id;
    out.access_hash = u->access_hash.value_or(0);
    out.first_name = u->first_name.value_or("");
    out.last_name = u->last_name.value_or("");
    out.username = u->username.value_or("");
    out.phone = u->phone.value_or("");
    out.bot = u->bot;
    out.dc_id = dc_id;
    return out;
}

session::SelfUser to_self_user(const User& user) {
    session::SelfUser self;
    self.id = user.id;
    self.access_hash = user.access_hash;
    self.username = user.username;
    self.phone = user.phone;
    self.first_name = user.first_name;
    self.last_name = user.last_name;
    self.bot = user.bot;
    return self;
}

namespace {

/// Fills the delivery and what the user must know about it (masked email, call prefix, ...).
void describe_delivery(const api::auth_SentCodeType& type, LoginToken& token) {
    std::visit(
        [&](const auto& t) {
            using T = std::decay_t<decltype(t)>;
            if constexpr (requires { t.length; }) token.code_length = t.length;
            if constexpr (std::is_same_v<T, api::auth_sentCodeTypeApp>) {
                token.type = CodeDelivery::App;
            } else if constexpr (std::is_same_v<T, api::auth_sentCodeTypeSms>) {
                token.type = CodeDelivery::Sms;
            } else if constexpr (std::is_same_v<T, api::auth_sentCodeTypeCall>) {
                token.type = CodeDelivery::Call;
            } else if constexpr (std::is_same_v<T, api::auth_sentCodeTypeFlashCall>) {
                token.type = CodeDelivery::FlashCall;
                token.flash_call_pattern = t.pattern;
            } else if constexpr (std::is_same_v<T, api::auth_sentCodeTypeMissedCall>) {
                token.type = CodeDelivery::MissedCall;
                token.missed_call_prefix = t.prefix;
            } else if constexpr (std::is_same_v<T, api::auth_sentCodeTypeEmailCode>) {
                token.type = CodeDelivery::Email;
                token.email_pattern = t.email_pattern;
                token.email_reset_available_period = t.reset_available_period;
                if (t.reset_pending_date) token.email_reset_pending_date = *t.reset_pending_date;
            } else if constexpr (std::is_same_v<T, api::auth_sentCodeTypeSetUpEmailRequired>) {
                token.type = CodeDelivery::Email;
                token.email_setup_required = true;
            } else if constexpr (std::is_same_v<T, api::auth_sentCodeTypeFragmentSms>) {
                token.type = CodeDelivery::FragmentSms;
                token.fragment_url = t.url;
            } else if constexpr (std::is_same_v<T, api::auth_sentCodeTypeFirebaseSms>) {
                token.type = CodeDelivery::FirebaseSms;
            } else if constexpr (std::is_same_v<T, api::auth_sentCodeTypeSmsWord>) {
                token.type = CodeDelivery::SmsWord;
                token.word_beginning = t.beginning.value_or("");
            } else if constexpr (std::is_same_v<T, api::auth_sentCodeTypeSmsPhrase>) {
                token.type = CodeDelivery::SmsPhrase;
                token.word_beginning = t.beginning.value_or("");
            } else {
                token.type = CodeDelivery::Other;
            }
        },
        type);
}

CodeDelivery next_delivery(const api::auth_CodeType& type) {
    return std::visit(
        [](const auto& t) -> CodeDelivery {
            using T = std::decay_t<decltype(t)>;
            if constexpr (std::is_same_v<T, api::auth_codeTypeSms>) return CodeDelivery::Sms;
            if constexpr (std::is_same_v<T, api::auth_codeTypeCall>) return CodeDelivery::Call;
            if constexpr (std::is_same_v<T, api::auth_codeTypeFlashCall>) {
                return CodeDelivery::FlashCall;
            }
            if constexpr (std::is_same_v<T, api::auth_codeTypeMissedCall>) {
                return CodeDelivery::MissedCall;
            }
            if constexpr (std::is_same_v<T, api::auth_codeTypeFragmentSms>) {
                return CodeDelivery::FragmentSms;
            }
            return CodeDelivery::Other;
        },
        type);
}

}  // namespace

LoginToken to_login_token(const api::auth_SentCode& sent, const std::string& phone, int dc_id) {
    if (std::holds_alternative<api::auth_sentCodeSuccess>(sent)) {
        throw Error(errc::unexpected_result,
                    "the server logged this session in without a code (future auth token)");
    }
    if (std::holds_alternative<api::auth_sentCodePaymentRequired>(sent)) {
        throw Error(errc::payment_required,
                    "Telegram sends login codes to this number only after a payment (Telegram "
                    "Premium in an official app). Instead: log in with --qr from a device that "
                    "is already logged in, or use an official Telegram app");
    }
    const auto& code = std::get<api::auth_sentCode>(sent);
    LoginToken token;
    token.phone = phone;
    token.phone_code_hash = code.phone_code_hash;
    describe_delivery(code.type, token);
    if (code.next_type) token.next_type = next_delivery(*code.next_type);
    token.timeout_seconds = code.timeout;
    token.dc_id = dc_id;
    return token;
}

AuthorizationInfo to_authorization_info(const api::Authorization& value) {
    const auto& a = std::get<api::authorization>(value);
    AuthorizationInfo info;
    info.hash = a.hash;
    info.current = a.current;
    info.device_model = a.device_model;
    info.platform = a.platform;
    info.system_version = a.system_version;
    info.app_name = a.app_name;
    info.app_version = a.app_version;
    info.ip = a.ip;
    info.country = a.country;
    info.api_id = a.api_id;
    info.date_created = a.date_created;
    info.date_active = a.date_active;
    return info;
}

User authorized_user(const api::auth_Authorization& result, int dc_id) {
    if (const auto* ok = std::get_if<api::auth_authorization>(&result)) {
        return to_user(ok->user, dc_id);
    }
    const auto& up = std::get<api::auth_authorizationSignUpRequired>(result);
    std::optional<TermsOfService> terms;
    if (up.terms_of_service) terms = to_terms(*up.terms_of_service);
    throw SignUpRequired(std::move(terms));
}

TermsOfService to_terms(const api::help_TermsOfService& value) {
    const auto& t = std::get<api::help_termsOfService>(value);
    TermsOfService out;
    out.id = std::get<api::dataJSON>(t.id).data;
    out.text = t.text;
    out.min_age = t.min_age_confirm.value_or(0);
    out.popup = t.popup;
    return out;
}

}  // namespace tgs::auth
