// Phone login by code: auth.sendCode / resendCode / cancelCode / signIn / signUp, in layer 228
// and in the older shapes Telethon 1.25 (layer 144) sends.
#include "../wire.hpp"
#include "login_branches.hpp"
#include "method.hpp"
#include "tgs/error.hpp"
#include "tgs/tl/api.hpp"
#include "tgs/tl/l144.hpp"

namespace tgs::testdc::methods {

namespace {

namespace api = tl::api;
namespace l144 = tl::l144;

struct SendCodeArgs {
    std::string phone;
    std::int32_t api_id = 0;
    std::string api_hash;
    std::vector<Bytes> logout_tokens;  // codeSettings.logout_tokens (layer 228)
};

/// auth.sendCode keeps its id across layers but its CodeSettings changed after 144: read it in
/// the declared layer first, then in the other one (a client may send before declaring).
SendCodeArgs read_send_code(ByteView request, LayerFamily layer) {
    auto args = [](const auto& q) {
        return SendCodeArgs{q.phone_number, q.api_id, q.api_hash, {}};
    };
    auto with_tokens = [&](const auto& q) {
        auto out = args(q);
        std::visit(
            [&](const auto& s) {
                if (s.logout_tokens) out.logout_tokens = *s.logout_tokens;
            },
            q.settings);
        return out;
    };
    auto as_144 = [&] {
        tl::Reader r(request);
        return with_tokens(l144::read<l144::auth_sendCode>(r));
    };
    auto as_228 = [&] {
        tl::Reader r(request);
        return with_tokens(api::read<api::auth_sendCode>(r));
    };
    try {
        return layer == LayerFamily::L144 ? as_144() : as_228();
    } catch (const Error&) {
        return layer == LayerFamily::L144 ? as_228() : as_144();
    }
}

Bytes send_code(Call& call, tl::Reader& r) {
    const auto& ctx = call.ctx;
    const auto& opt = call.options();
    auto& state = call.svc.state;
    const auto q = read_send_code(r.read_rest(), layer_family(call.layer));
    const auto phone = Accounts::normalize_phone(q.phone);
    if (phone.empty()) fail(400, "PHONE_NUMBER_INVALID");
    Call::check_api(q.api_id, q.api_hash);
    auto user = call.svc.accounts.find_user_by_phone(phone);
    if (!user && call.svc.accounts.convention_mode()) fail(400, "PHONE_NUMBER_INVALID");
    const int home = user ? user->dc : ctx.dc_id;
    if (home != ctx.dc_id) fail(303, "PHONE_MIGRATE_" + std::to_string(home));
    if (opt.flood_after > 0) {
        auto& log = state.send_code_log()[phone];
        std::erase_if(log, [&](std::int64_t t) { return t + opt.flood_window_seconds <= ctx.now; });
        if (static_cast<int>(log.size()) >= opt.flood_after) {
            fail(420, "FLOOD_WAIT_" + std::to_string(opt.flood_wait_seconds));
        }
        log.push_back(ctx.now);
    }
    PendingCode pc;
    pc.phone = phone;
    pc.phone_code_hash = to_hex(call.svc.random_bytes(8));
    pc.code = user ? user->code : std::string(5, static_cast<char>('0' + ctx.dc_id));
    pc.expires = ctx.now + opt.code_ttl_seconds;
    if (user) {
        // The account's login-branch options (login_branches.cpp) may answer otherwise.
        if (auto branch = send_code_branch(call, *user, pc, q.logout_tokens)) {
            if (branch->code_pending) state.pending_codes()[pc.phone_code_hash] = std::move(pc);
            return std::move(branch->body);
        }
    }
    // "Logged in elsewhere" → the code goes to the app, else by SMS.
    bool elsewhere = false;
    if (user) {
        for (const auto& [kid, rec] : state.auth_keys()) {
            if (rec.user && rec.user->id == user->id && !rec.user->bot) elsewhere = true;
        }
    }
    auto body = wire::sent_code(call.layer, elsewhere ? wire::SentVia::App : wire::SentVia::Sms,
                                pc.code.size(), pc.phone_code_hash,
                                elsewhere ? wire::NextVia::Sms : wire::NextVia::Call,
                                static_cast<std::int32_t>(opt.resend_timeout_seconds));
    state.pending_codes()[pc.phone_code_hash] = std::move(pc);
    return body;
}

// auth.resendCode in every layer: SMS first, then a call, then no more.
Bytes resend(Call& call, const std::string& raw_phone, const std::string& hash) {
    const auto& opt = call.options();
    const auto phone = Accounts::normalize_phone(raw_phone);
    if (phone.empty()) fail(400, "PHONE_NUMBER_INVALID");
    if (hash.empty()) fail(400, "PHONE_CODE_HASH_EMPTY");
    auto& codes = call.svc.state.pending_codes();
    auto it = codes.find(hash);
    if (it == codes.end() || it->second.phone != phone || it->second.expires <= call.ctx.now) {
        fail(400, "PHONE_CODE_EXPIRED");
    }
    auto& pc = it->second;
    if (pc.resends >= 2) fail(406, "SEND_CODE_UNAVAILABLE");
    ++pc.resends;
    pc.expires = call.ctx.now + opt.code_ttl_seconds;
    if (pc.resends == 1) {
        return wire::sent_code(call.layer, wire::SentVia::Sms, pc.code.size(), hash,
                               wire::NextVia::Call,
                               static_cast<std::int32_t>(opt.resend_timeout_seconds));
    }
    return wire::sent_code(call.layer, wire::SentVia::Call, pc.code.size(), hash, std::nullopt,
                           std::nullopt);
}

Bytes resend_code(Call& call, tl::Reader& r) {
    const auto q = api::read<api::auth_resendCode>(r);
    return resend(call, q.phone_number, q.phone_code_hash);
}

Bytes resend_code_144(Call& call, tl::Reader& r) {
    const auto q = l144::read<l144::auth_resendCode>(r);
    return resend(call, q.phone_number, q.phone_code_hash);
}

Bytes cancel_code(Call& call, tl::Reader& r) {
    const auto q = api::read<api::auth_cancelCode>(r);
    const auto phone = Accounts::normalize_phone(q.phone_number);
    if (phone.empty()) fail(400, "PHONE_NUMBER_INVALID");
    auto& codes = call.svc.state.pending_codes();
    auto it = codes.find(q.phone_code_hash);
    const bool found = it != codes.end() && it->second.phone == phone;
    if (found) codes.erase(it);
    return wire::bool_value(found, call.layer);
}

// The code check shared by auth.signIn in every layer.
Bytes sign_in(Call& call, const std::string& raw_phone, const std::string& hash,
              const std::string& code, bool by_email = false) {
    const auto phone = Accounts::normalize_phone(raw_phone);
    if (phone.empty()) fail(400, "PHONE_NUMBER_INVALID");
    if (hash.empty()) fail(400, "PHONE_CODE_HASH_EMPTY");
    if (code.empty()) fail(400, "PHONE_CODE_EMPTY");
    auto& codes = call.svc.state.pending_codes();
    auto it = codes.find(hash);
    if (it == codes.end() || it->second.phone != phone) fail(400, "PHONE_CODE_EXPIRED");
    if (it->second.expires <= call.ctx.now) {
        codes.erase(it);
        fail(400, "PHONE_CODE_EXPIRED");
    }
    if (it->second.email_setup || by_email != it->second.by_email) fail(400, "PHONE_CODE_INVALID");
    if (it->second.code != code) fail(400, by_email ? "EMAIL_CODE_INVALID" : "PHONE_CODE_INVALID");
    auto user = call.svc.accounts.find_user_by_phone(phone);
    if (!user) return wire::sign_up_required(call.layer);  // the code stays valid for signUp
    if (!user->signed_up) return sign_up_required_with_terms(call.layer);
    if (user->dc != call.ctx.dc_id) fail(303, "PHONE_MIGRATE_" + std::to_string(user->dc));
    codes.erase(it);
    const auto u = bound(*user);
    call.finish_login(u);
    return user_authorization(call, u);
}

Bytes sign_in_228(Call& call, tl::Reader& r) {
    const auto q = api::read<api::auth_signIn>(r);
    if (q.email_verification) {
        const auto* code = std::get_if<api::emailVerificationCode>(&*q.email_verification);
        if (!code) fail(400, "EMAIL_VERIFICATION_INVALID");  // Google/Apple sign-in
        return sign_in(call, q.phone_number, q.phone_code_hash, code->code, true);
    }
    return sign_in(call, q.phone_number, q.phone_code_hash, q.phone_code.value_or(""));
}

Bytes sign_in_144(Call& call, tl::Reader& r) {
    const auto q = l144::read<l144::auth_signIn>(r);
    return sign_in(call, q.phone_number, q.phone_code_hash, q.phone_code);
}

}  // namespace

void register_auth_code(MethodTable& t) {
    t.add(api::auth_sendCode::ID, send_code);
    t.add(api::auth_resendCode::ID, resend_code);
    t.add(l144::auth_resendCode::ID, resend_code_144);
    t.add(api::auth_cancelCode::ID, cancel_code);
    t.add(api::auth_signIn::ID, sign_in_228);
    t.add(l144::auth_signIn::ID, sign_in_144);
}

}  // namespace tgs::testdc::methods
