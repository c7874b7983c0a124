// Client auth-key handshake (see handshake_client.hpp; docs/protocol.md §3).
#include "tgs/mtproto/handshake_client.hpp"

#include <algorithm>
#include <utility>

#include "handshake_common.hpp"
#include "handshake_tl.hpp"
#include "tgs/crypto/dh.hpp"
#include "tgs/crypto/errors.hpp"
#include "tgs/crypto/kdf.hpp"
#include "tgs/crypto/pq.hpp"
#include "tgs/error.hpp"
#include "tgs/mtproto/errors.hpp"

namespace tgs::mtproto {
namespace {

using detail::le_int64;

template <class T>
void fill_inner(T& d, const hs::resPQ& res, const crypto::PqFactors& f, const Int128& nonce,
                ByteView new_nonce) {
    d.pq = res.pq;
    d.p = blob::make(crypto::u64_to_minimal_be(f.p));
    d.q = blob::make(crypto::u64_to_minimal_be(f.q));
    d.nonce = nonce;
    d.server_nonce = res.server_nonce;
    std::copy(new_nonce.begin(), new_nonce.end(), d.new_nonce.begin());
}

Bytes serialize_inner(InnerDataVariant variant, const hs::resPQ& res, const crypto::PqFactors& f,
                      const Int128& nonce, ByteView new_nonce, std::int32_t dc,
                      std::int32_t expires_in) {
    switch (variant) {
        case InnerDataVariant::Legacy: {
            hs::p_q_inner_data d;
            fill_inner(d, res, f, nonce, new_nonce);
            return hs::serialize(d);
        }
        case InnerDataVariant::Temp: {
            hs::p_q_inner_data_temp d;
            fill_inner(d, res, f, nonce, new_nonce);
            d.expires_in = expires_in;
            return hs::serialize(d);
        }
        case InnerDataVariant::TempDc: {
            hs::p_q_inner_data_temp_dc d;
            fill_inner(d, res, f, nonce, new_nonce);
            d.dc = dc;
            d.expires_in = expires_in;
            return hs::serialize(d);
        }
        case InnerDataVariant::Dc:
            break;
    }
    hs::p_q_inner_data_dc d;
    fill_inner(d, res, f, nonce, new_nonce);
    d.dc = dc;
    return hs::serialize(d);
}

}  // namespace

namespace client_states {

Start::Start(std::vector<crypto::RsaPublicKey> server_keys, std::int32_t dc_id,
             crypto::RandomSource random, HandshakeClientOptions options)
    : keys_(std::move(server_keys)), dc_id_(dc_id), random_(std::move(random)), options_(options) {}

Sent<AwaitResPq> Start::req_pq() && {
    Int128 nonce{};
    random_(nonce);
    Bytes body = hs::serialize(hs::req_pq_multi{nonce});
    return {std::move(body),
            AwaitResPq(std::move(keys_), dc_id_, std::move(random_), options_, nonce)};
}

Start Start::clone(crypto::RandomSource random) const {
    return Start(keys_, dc_id_, std::move(random), options_);
}

AwaitResPq::AwaitResPq(std::vector<crypto::RsaPublicKey> keys, std::int32_t dc_id,
                       crypto::RandomSource random, HandshakeClientOptions options,
                       const Int128& nonce)
    : keys_(std::move(keys)),
      dc_id_(dc_id),
      random_(std::move(random)),
      options_(options),
      nonce_(nonce) {}

AwaitResPq AwaitResPq::clone(crypto::RandomSource random) const {
    return AwaitResPq(keys_, dc_id_, std::move(random), options_, nonce_);
}

Sent<AwaitDhParams> AwaitResPq::on_res_pq(ByteView body) && {
    detail::expect_one_of(body, {hs::resPQ::ID}, "resPQ");
    const auto res = detail::parse_exact<hs::resPQ>(body);
    detail::check_nonce(res.nonce, nonce_);

    // The first fingerprint the server offers that we have a key for.
    const crypto::RsaPublicKey* key = nullptr;
    std::int64_t fingerprint = 0;
    for (auto fp : res.server_public_key_fingerprints) {
        auto it = std::find_if(keys_.begin(), keys_.end(), [fp](const crypto::RsaPublicKey& k) {
            return k.fingerprint() == fp;
        });
        if (it != keys_.end()) {
            key = &*it;
            fingerprint = fp;
            break;
        }
    }
    if (key == nullptr) {
        throw Error(errc::handshake_no_known_rsa_key, "server offers no RSA key we know");
    }

    const auto factors = crypto::factorize_pq(blob::view(res.pq));

    crypto::SecureBuffer new_nonce(32);
    random_(new_nonce.span());
    Bytes inner = serialize_inner(options_.inner_data, res, factors, nonce_, new_nonce.view(),
                                  dc_id_, options_.expires_in);
    const Bytes encrypted = options_.rsa_scheme == RsaScheme::RsaPad
                                ? crypto::rsa_pad_encrypt(inner, *key, random_)
                                : crypto::rsa_legacy_encrypt(inner, *key, random_);
    crypto::secure_zero(inner);  // holds new_nonce

    hs::req_DH_params req;
    req.nonce = nonce_;
    req.server_nonce = res.server_nonce;
    req.p = blob::make(crypto::u64_to_minimal_be(factors.p));
    req.q = blob::make(crypto::u64_to_minimal_be(factors.q));
    req.public_key_fingerprint = fingerprint;
    req.encrypted_data = blob::make(encrypted);
    return {hs::serialize(req), AwaitDhParams(std::move(random_), options_.max_retries, nonce_,
                                              res.server_nonce, std::move(new_nonce))};
}

AwaitDhParams::AwaitDhParams(crypto::RandomSource random, int max_retries, const Int128& nonce,
                             const Int128& server_nonce, crypto::SecureBuffer new_nonce)
    : random_(std::move(random)),
      max_retries_(max_retries),
      nonce_(nonce),
      server_nonce_(server_nonce),
      new_nonce_(std::move(new_nonce)) {}

AwaitDhParams AwaitDhParams::clone(crypto::RandomSource random) const {
    return AwaitDhParams(std::move(random), max_retries_, nonce_, server_nonce_,
                         new_nonce_.clone());
}

Sent<AwaitDhGen> AwaitDhParams::on_server_dh_params(ByteView body, std::int64_t now) && {
    const auto id = detail::expect_one_of(
        body, {hs::server_DH_params_ok::ID, hs::server_DH_params_fail::ID}, "Server_DH_Params");
    const auto params = detail::parse_exact<hs::Server_DH_Params>(body);
    if (id == hs::server_DH_params_fail::ID) {
        const auto& fail = std::get<hs::server_DH_params_fail>(params);
        detail::check_nonce(fail.nonce, nonce_);
        detail::check_server_nonce(fail.server_nonce, server_nonce_);
        throw Error(errc::handshake_dh_params_fail, "server answered server_DH_params_fail");
    }
    const auto& ok = std::get<hs::server_DH_params_ok>(params);
    detail::check_nonce(ok.nonce, nonce_);
    detail::check_server_nonce(ok.server_nonce, server_nonce_);

    auto tmp_key_iv = detail::tmp_key_iv(new_nonce_.view(), server_nonce_);
    const auto inner = detail::decrypt_with_sha1<hs::server_DH_inner_data>(
        blob::view(ok.encrypted_answer), tmp_key_iv.view());
    detail::check_nonce(inner.nonce, nonce_);
    detail::check_server_nonce(inner.server_nonce, server_nonce_);

    const ByteView prime = blob::view(inner.dh_prime);
    const ByteView g_a = blob::view(inner.g_a);
    crypto::check_dh_prime_and_g(prime, inner.g);
    crypto::check_dh_value(g_a, prime, crypto::errc::dh_g_a_out_of_range);

    AwaitDhGen next;
    next.random_ = std::move(random_);
    next.max_retries_ = max_retries_;
    next.nonce_ = nonce_;
    next.server_nonce_ = server_nonce_;
    next.new_nonce_ = std::move(new_nonce_);
    next.tmp_key_iv_ = std::move(tmp_key_iv);
    next.dh_prime_.assign(prime.begin(), prime.end());
    next.g_ = inner.g;
    next.g_a_.assign(g_a.begin(), g_a.end());
    next.time_offset_ = static_cast<std::int32_t>(inner.server_time - now);
    Bytes out = next.make_set_client_dh_params();
    return {std::move(out), std::move(next)};
}

Bytes AwaitDhGen::make_set_client_dh_params() {
    // A fresh b per attempt; a g_b outside the safe range is redrawn (astronomically rare).
    crypto::SecureBuffer b(256);
    Bytes g_b;
    for (int attempt = 0;; ++attempt) {
        random_(b.span());
        g_b = crypto::dh_public_value(g_, b.view(), dh_prime_);
        if (crypto::dh_value_in_range(g_b, dh_prime_)) break;
        if (attempt == 8) {
            throw Error(crypto::errc::dh_g_b_out_of_range,
                        "could not draw a g_b inside the safe range");
        }
    }
    Bytes shared = crypto::dh_shared_secret(g_a_, b.view(), dh_prime_);
    pending_key_ = crypto::AuthKey(shared);
    crypto::secure_zero(shared);

    hs::client_DH_inner_data inner;
    inner.nonce = nonce_;
    inner.server_nonce = server_nonce_;
    inner.retry_id = retry_id_;
    inner.g_b = blob::make(g_b);

    hs::set_client_DH_params req;
    req.nonce = nonce_;
    req.server_nonce = server_nonce_;
    req.encrypted_data =
        blob::make(detail::encrypt_with_sha1(hs::serialize(inner), tmp_key_iv_.view(), random_));
    return hs::serialize(req);
}

AwaitDhGen AwaitDhGen::clone(crypto::RandomSource random) const {
    AwaitDhGen c;
    c.random_ = std::move(random);
    c.max_retries_ = max_retries_;
    c.nonce_ = nonce_;
    c.server_nonce_ = server_nonce_;
    c.new_nonce_ = new_nonce_.clone();
    c.tmp_key_iv_ = tmp_key_iv_.clone();
    c.dh_prime_ = dh_prime_;
    c.g_ = g_;
    c.g_a_ = g_a_;
    c.time_offset_ = time_offset_;
    c.retry_id_ = retry_id_;
    c.retries_ = retries_;
    c.pending_key_ = pending_key_.clone();
    return c;
}

AwaitDhGen::Answer AwaitDhGen::on_dh_gen_answer(ByteView body) && {
    const auto id =
        detail::expect_one_of(body, {hs::dh_gen_ok::ID, hs::dh_gen_retry::ID, hs::dh_gen_fail::ID},
                              "Set_client_DH_params_answer");
    const auto answer = detail::parse_exact<hs::Set_client_DH_params_answer>(body);
    const auto aux = crypto::auth_key_aux_hash(pending_key_.bytes());

    const auto check = [&](const auto& a, const Int128& got, int n) {
        detail::check_nonce(a.nonce, nonce_);
        detail::check_server_nonce(a.server_nonce, server_nonce_);
        const auto want = crypto::new_nonce_hash(new_nonce_.view(), n, aux);
        if (!crypto::constant_time_equal(got, want)) {
            throw Error(errc::handshake_new_nonce_hash_mismatch, "new_nonce_hash does not match");
        }
    };

    if (id == hs::dh_gen_ok::ID) {
        const auto& ok = std::get<hs::dh_gen_ok>(answer);
        check(ok, ok.new_nonce_hash1, 1);
        HandshakeDone done;
        done.auth_key = std::move(pending_key_);
        done.server_salt = crypto::initial_server_salt(new_nonce_.view(), server_nonce_);
        done.time_offset = time_offset_;
        return done;
    }
    if (id == hs::dh_gen_retry::ID) {
        const auto& retry = std::get<hs::dh_gen_retry>(answer);
        check(retry, retry.new_nonce_hash2, 2);
        if (++retries_ > max_retries_) {
            throw Error(errc::handshake_too_many_retries, "server keeps answering dh_gen_retry");
        }
        retry_id_ = le_int64(aux);
        Bytes out = make_set_client_dh_params();
        return Sent<AwaitDhGen>{std::move(out), std::move(*this)};
    }
    const auto& fail = std::get<hs::dh_gen_fail>(answer);
    check(fail, fail.new_nonce_hash3, 3);
    throw Error(errc::handshake_dh_gen_fail, "server answered dh_gen_fail");
}

}  // namespace client_states

HandshakeClient::HandshakeClient(std::vector<crypto::RsaPublicKey> server_keys, std::int32_t dc_id,
                                 crypto::RandomSource random, HandshakeClientOptions options)
    : state_(std::in_place_type<client_states::Start>, std::move(server_keys), dc_id,
             std::move(random), options) {}

HandshakeClient::~HandshakeClient() = default;
HandshakeClient::HandshakeClient(HandshakeClient&&) noexcept = default;
HandshakeClient& HandshakeClient::operator=(HandshakeClient&&) noexcept = default;

HandshakeClient HandshakeClient::clone(crypto::RandomSource random) const {
    return HandshakeClient(std::visit(
        [&random](const auto& s) -> States {
            if constexpr (requires { s.clone(random); }) {
                return s.clone(std::move(random));
            } else {
                return s;  // Done, Failed: nothing to copy
            }
        },
        state_));
}

Bytes HandshakeClient::start() {
    auto* initial = std::get_if<client_states::Start>(&state_);
    if (initial == nullptr) {
        throw Error(errc::handshake_unexpected_message, "start() called twice");
    }
    auto sent = std::move(*initial).req_pq();
    state_ = std::move(sent.next);
    return std::move(sent.body);
}

HandshakeClient::Step HandshakeClient::on_message(ByteView body, std::int64_t now) {
    // Taken out first: every throw below, and a message in a state that expects none, leaves the
    // machine failed.
    static_assert(
        std::variant_size_v<decltype(state_)> == static_cast<std::size_t>(State::Failed) + 1,
        "State names the alternatives of state_ in order");
    auto current = std::exchange(state_, Failed{});
    const auto advance = [this](auto&& sent) -> Step {
        state_ = std::move(sent.next);
        return HandshakeSend{std::move(sent.body)};
    };
    if (auto* s = std::get_if<client_states::AwaitResPq>(&current)) {
        return advance(std::move(*s).on_res_pq(body));
    }
    if (auto* s = std::get_if<client_states::AwaitDhParams>(&current)) {
        return advance(std::move(*s).on_server_dh_params(body, now));
    }
    if (auto* s = std::get_if<client_states::AwaitDhGen>(&current)) {
        auto answer = std::move(*s).on_dh_gen_answer(body);
        if (auto* retry = std::get_if<client_states::Sent<client_states::AwaitDhGen>>(&answer)) {
            return advance(std::move(*retry));
        }
        state_ = Done{};
        return std::move(std::get<HandshakeDone>(answer));
    }
    throw Error(errc::handshake_unexpected_message, "no message expected in this handshake state");
}

}  // namespace tgs::mtproto
