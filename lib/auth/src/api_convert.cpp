#include "api_convert.hpp"

#include "tgs/error.hpp"

namespace tgs::auth {

namespace api = tl::api;

User to_user(const api::User& user, int dc_id) {
    const auto* u = std::get_if<api::user>(&user);
    if (!u) throw Error("AUTH_UNEXPECTED_RESULT", "the server returned an empty user");
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

CodeDelivery delivery_of(const api::auth_SentCodeType& type, int& length) {
    return std::visit(
        [&](const auto& t) -> CodeDelivery {
            using T = std::decay_t<decltype(t)>;
            if constexpr (requires { t.length; }) length = t.length;
            if constexpr (std::is_same_v<T, api::auth_sentCodeTypeApp>) return CodeDelivery::app;
            if constexpr (std::is_same_v<T, api::auth_sentCodeTypeSms>) return CodeDelivery::sms;
            if constexpr (std::is_same_v<T, api::auth_sentCodeTypeCall>) return CodeDelivery::call;
            if constexpr (std::is_same_v<T, api::auth_sentCodeTypeFlashCall>) {
                return CodeDelivery::flash_call;
            }
            if constexpr (std::is_same_v<T, api::auth_sentCodeTypeMissedCall>) {
                return CodeDelivery::missed_call;
            }
            if constexpr (std::is_same_v<T, api::auth_sentCodeTypeEmailCode>) {
                return CodeDelivery::email;
            }
            if constexpr (std::is_same_v<T, api::auth_sentCodeTypeFragmentSms>) {
                return CodeDelivery::fragment_sms;
            }
            if constexpr (std::is_same_v<T, api::auth_sentCodeTypeFirebaseSms>) {
                return CodeDelivery::firebase_sms;
            }
            return CodeDelivery::other;
        },
        type);
}

CodeDelivery next_delivery(const api::auth_CodeType& type) {
    return std::visit(
        [](const auto& t) -> CodeDelivery {
            using T = std::decay_t<decltype(t)>;
            if constexpr (std::is_same_v<T, api::auth_codeTypeSms>) return CodeDelivery::sms;
            if constexpr (std::is_same_v<T, api::auth_codeTypeCall>) return CodeDelivery::call;
            if constexpr (std::is_same_v<T, api::auth_codeTypeFlashCall>) {
                return CodeDelivery::flash_call;
            }
            if constexpr (std::is_same_v<T, api::auth_codeTypeMissedCall>) {
                return CodeDelivery::missed_call;
            }
            if constexpr (std::is_same_v<T, api::auth_codeTypeFragmentSms>) {
                return CodeDelivery::fragment_sms;
            }
            return CodeDelivery::other;
        },
        type);
}

}  // namespace

LoginToken to_login_token(const api::auth_SentCode& sent, const std::string& phone, int dc_id) {
    if (std::holds_alternative<api::auth_sentCodeSuccess>(sent)) {
        throw Error("AUTH_UNEXPECTED_RESULT",
                    "the server logged this session in without a code (future auth token)");
    }
    if (std::holds_alternative<api::auth_sentCodePaymentRequired>(sent)) {
        throw Error("AUTH_PAYMENT_REQUIRED",
                    "Telegram asks for a payment before sending a login code to this number");
    }
    const auto& code = std::get<api::auth_sentCode>(sent);
    LoginToken token;
    token.phone = phone;
    token.phone_code_hash = code.phone_code_hash;
    token.type = delivery_of(code.type, token.code_length);
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
    throw Error("AUTH_SIGN_UP_REQUIRED",
                "this phone number has no Telegram account; create it in an official app first");
}

}  // namespace tgs::auth
