// Server auth-key handshake (see handshake_server.hpp; docs/protocol.md §3 from the other side).
#include "tgs/mtproto/handshake_server.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "handshake_common.hpp"
#include "handshake_tl.hpp"
#include "tgs/crypto/aes.hpp"
#include "tgs/crypto/bigint.hpp"
#include "tgs/crypto/dh.hpp"
#include "tgs/crypto/errors.hpp"
#include "tgs/crypto/hash.hpp"
#include "tgs/crypto/kdf.hpp"
#include "tgs/crypto/pq.hpp"
#include "tgs/error.hpp"
#include "tgs/mtproto/errors.hpp"

namespace tgs::mtproto {
namespace {

using detail::le_int64;

// A random prime in [2^30, 2^31): two of them multiply to < 2^62 like Telegram's pq.
std::uint64_t random_prime(const crypto::RandomSource& random) {
    for (;;) {
        std::array<std::uint8_t, 4> buf{};
        random(buf);
        std::uint64_t v = (std::uint64_t{buf[0]} << 24) | (std::uint64_t{buf[1]} << 16) |
                          (std::uint64_t{buf[2]} << 8) | buf[3];
        v = (v & 0x3fffffffu) | 0x40000000u | 1u;
        if (crypto::is_prime_u64(v)) return v;
    }
}

void flip(Int128& v) {
    v[0] ^= 0x01;
}

// Facts the server cares about, whichever P_Q_inner_data constructor arrived.
struct InnerView {
    ByteView pq, p, q;
    Int128 nonce{}, server_nonce{};
    Int256 new_nonce{};
    std::optional<std::int32_t> dc;
    std::int32_t expires_in = 0;
    InnerDataVariant variant = InnerDataVariant::Dc;
};

InnerView view_inner(const hs::P_Q_inner_data& any) {
    return std::visit(
        [](const auto& d) {
            using T = std::decay_t<decltype(d)>;
            InnerView v;
            v.pq = blob::view(d.pq);
            v.p = blob::view(d.p);
            v.q = blob::view(d.q);
            v.nonce = d.nonce;
            v.server_nonce = d.server_nonce;
            v.new_nonce = d.new_nonce;
            if constexpr (std::is_same_v<T, hs::p_q_inner_data>) {
                v.variant = InnerDataVariant::Legacy;
            } else if constexpr (std::is_same_v<T, hs::p_q_inner_data_dc>) {
                v.variant = InnerDataVariant::Dc;
                v.dc = d.dc;
            } else if constexpr (std::is_same_v<T, hs::p_q_inner_data_temp>) {
                v.variant = InnerDataVariant::Temp;
                v.expires_in = d.expires_in;
            } else {
                v.variant = InnerDataVariant::TempDc;
                v.dc = d.dc;
                v.expires_in = d.expires_in;
            }
            return v;
        },
        any);
}

bool starts_exchange(ByteView body) {
    if (body.size() < 4) return false;
    const std::uint32_t id = std::uint32_t{body[0]} | (std::uint32_t{body[1]} << 8) |
                             (std::uint32_t{body[2]} << 16) | (std::uint32_t{body[3]} << 24);
    return id == hs::req_pq_multi::ID || id == hs::req_pq::ID;
}

bool bytes_equal(ByteView a, ByteView b) {
    return std::ranges::equal(a, b);
}

}  // namespace

namespace server_states {

AwaitReqPq::AwaitReqPq(std::span<const crypto::RsaPrivateKey> keys, crypto::RandomSource random,
                       HandshakeServerOptions options)
    : keys_(keys), random_(std::move(random)), options_(std::move(options)) {
    for (const auto& k : keys_) fingerprints_.push_back(k.public_key().fingerprint());
    dh_prime_ = options_.dh_prime.empty() ? crypto::telegram_dh_prime() : options_.dh_prime;
}

Reply<AwaitReqDh> AwaitReqPq::on_req_pq(ByteView body) && {
    const auto id =
        detail::expect_one_of(body, {hs::req_pq_multi::ID, hs::req_pq::ID}, "req_pq_multi");
    const Int128 nonce = id == hs::req_pq::ID ? detail::parse_padded<hs::req_pq>(body).nonce
                                              : detail::parse_padded<hs::req_pq_multi>(body).nonce;
    Int128 server_nonce{};
    random_(server_nonce);
    std::uint64_t p = random_prime(random_);
    std::uint64_t q = 0;
    do {
        q = random_prime(random_);
    } while (q == p);
    if (p > q) std::swap(p, q);

    hs::resPQ res;
    res.nonce = nonce;
    if (options_.faults.wrong_nonce) flip(res.nonce);
    res.server_nonce = server_nonce;
    res.pq = blob::make(crypto::u64_to_minimal_be(p * q));
    res.server_public_key_fingerprints = fingerprints_;
    return {hs::serialize(res), AwaitReqDh(std::move(*this), nonce, server_nonce, p, q)};
}

AwaitReqDh::AwaitReqDh(AwaitReqPq setup, const Int128& nonce, const Int128& server_nonce,
                       std::uint64_t p, std::uint64_t q)
    : setup_(std::move(setup)), nonce_(nonce), server_nonce_(server_nonce), p_(p), q_(q) {}

Reply<AwaitReqDh> AwaitReqDh::on_req_pq(ByteView body) && {
    return std::move(setup_).on_req_pq(body);
}

void AwaitReqDh::decrypt_inner_data(ByteView encrypted, const crypto::RsaPrivateKey& key,
                                    AwaitSetClientDh& next) const {
    // RSA_PAD first: its SHA256 authenticates the data, so a legacy block never passes it.
    std::optional<hs::P_Q_inner_data> inner;
    Bytes plain;
    try {
        plain = crypto::rsa_pad_decrypt(encrypted, key);
        tl::Reader r(plain);
        inner = hs::read<hs::P_Q_inner_data>(r);
        next.info_.rsa_scheme = RsaScheme::RsaPad;
    } catch (const Error&) {
        inner.reset();
    }
    if (!inner) {
        try {
            auto legacy = crypto::rsa_legacy_decrypt(encrypted, key);
            tl::Reader r(legacy.data);
            auto parsed = hs::read<hs::P_Q_inner_data>(r);
            if (legacy.hash_matches(r.position())) inner = std::move(parsed);
            crypto::secure_zero(legacy.data);
            next.info_.rsa_scheme = RsaScheme::Legacy;
        } catch (const Error&) {
            inner.reset();
        }
    }
    crypto::secure_zero(plain);
    if (!inner) {
        throw Error(errc::handshake_inner_data_invalid,
                    "encrypted_data is neither valid RSA_PAD nor legacy SHA1-checked data");
    }

    const InnerView v = view_inner(*inner);
    detail::check_nonce(v.nonce, nonce_);
    detail::check_server_nonce(v.server_nonce, server_nonce_);
    if (!bytes_equal(v.pq, crypto::u64_to_minimal_be(p_ * q_)) ||
        !bytes_equal(v.p, crypto::u64_to_minimal_be(p_)) ||
        !bytes_equal(v.q, crypto::u64_to_minimal_be(q_))) {
        throw Error(errc::handshake_pq_mismatch, "p_q_inner_data's pq, p or q is wrong");
    }
    const auto& options = setup_.options_;
    if (!v.dc && !options.accept_inner_data_without_dc) {
        throw Error(errc::handshake_dc_mismatch, "inner data without a dc is not accepted");
    }
    if (v.dc && !options.accepted_dc_ids.empty() &&
        std::ranges::find(options.accepted_dc_ids, *v.dc) == options.accepted_dc_ids.end()) {
        throw Error(errc::handshake_dc_mismatch,
                    "inner data names a dc this server does not serve");
    }
    next.info_.inner_data = v.variant;
    next.info_.dc = v.dc;
    next.info_.expires_in = v.expires_in;
    next.new_nonce_ = crypto::SecureBuffer(ByteView(v.new_nonce));
}

AwaitReqDh::Answer AwaitReqDh::on_req_dh_params(ByteView body, std::int64_t now) && {
    detail::expect_one_of(body, {hs::req_DH_params::ID}, "req_DH_params");
    const auto req = detail::parse_padded<hs::req_DH_params>(body);
    detail::check_nonce(req.nonce, nonce_);
    detail::check_server_nonce(req.server_nonce, server_nonce_);
    if (!bytes_equal(blob::view(req.p), crypto::u64_to_minimal_be(p_)) ||
        !bytes_equal(blob::view(req.q), crypto::u64_to_minimal_be(q_))) {
        throw Error(errc::handshake_pq_mismatch, "req_DH_params' p or q is wrong");
    }
    const auto& fingerprints = setup_.fingerprints_;
    const auto it = std::ranges::find(fingerprints, req.public_key_fingerprint);
    if (it == fingerprints.end()) {
        throw Error(errc::handshake_no_known_rsa_key,
                    "fingerprint is not one of this server's keys");
    }
    AwaitSetClientDh next;
    decrypt_inner_data(blob::view(req.encrypted_data),
                       setup_.keys_[static_cast<std::size_t>(it - fingerprints.begin())], next);
    const auto& faults = setup_.options_.faults;
    const auto& random = setup_.random_;
    const Bytes& dh_prime = setup_.dh_prime_;

    if (faults.dh_params_fail) {
        hs::server_DH_params_fail fail;
        fail.nonce = nonce_;
        fail.server_nonce = server_nonce_;
        const auto h = crypto::sha1(next.new_nonce_.view());
        std::copy(h.begin() + 4, h.end(), fail.new_nonce_hash.begin());
        return HandshakeServerStep{hs::serialize(fail), std::nullopt};
    }

    next.tmp_key_iv_ = detail::tmp_key_iv(next.new_nonce_.view(), server_nonce_);
    next.a_ = crypto::SecureBuffer(256);
    Bytes g_a;
    for (int attempt = 0;; ++attempt) {
        random(next.a_.span());
        g_a = crypto::dh_public_value(setup_.options_.g, next.a_.view(), dh_prime);
        // Only a real prime makes the range check meaningful; faults skip it.
        if (faults.bad_dh_prime || crypto::dh_value_in_range(g_a, dh_prime) || attempt == 8) {
            break;
        }
    }

    hs::server_DH_inner_data inner;
    inner.nonce = nonce_;
    inner.server_nonce = server_nonce_;
    inner.g = faults.bad_g ? 2 : setup_.options_.g;
    Bytes prime = dh_prime;
    if (faults.bad_dh_prime) {
        prime = (crypto::BigInt::from_bytes(dh_prime) - crypto::BigInt(6)).to_bytes(256);
    }
    inner.dh_prime = blob::make(prime);
    inner.g_a = faults.g_a_out_of_range ? Bytes{0x02} : blob::make(g_a);
    inner.server_time = static_cast<std::int32_t>(now);

    const auto kv = next.tmp_key_iv_.view();
    Bytes encrypted = detail::encrypt_with_sha1(hs::serialize(inner), kv, random);
    if (faults.corrupt_answer_hash) {
        // Re-encrypt with the hash's first byte flipped: decrypt, flip, encrypt.
        Bytes plain = crypto::aes_ige_decrypt(encrypted, kv.first(32), kv.subspan(32, 32));
        plain[0] ^= 0x01;
        encrypted = crypto::aes_ige_encrypt(plain, kv.first(32), kv.subspan(32, 32));
    }

    hs::server_DH_params_ok ok;
    ok.nonce = nonce_;
    ok.server_nonce = server_nonce_;
    if (faults.wrong_server_nonce) flip(ok.server_nonce);
    ok.encrypted_answer = blob::make(encrypted);

    next.nonce_ = nonce_;
    next.server_nonce_ = server_nonce_;
    next.dh_prime_ = std::move(setup_.dh_prime_);
    next.options_ = std::move(setup_.options_);
    return Reply<AwaitSetClientDh>{hs::serialize(ok), std::move(next)};
}

AwaitSetClientDh::Answer AwaitSetClientDh::on_set_client_dh_params(ByteView body) && {
    detail::expect_one_of(body, {hs::set_client_DH_params::ID}, "set_client_DH_params");
    const auto req = detail::parse_padded<hs::set_client_DH_params>(body);
    detail::check_nonce(req.nonce, nonce_);
    detail::check_server_nonce(req.server_nonce, server_nonce_);
    const auto inner = detail::decrypt_with_sha1<hs::client_DH_inner_data>(
        blob::view(req.encrypted_data), tmp_key_iv_.view());
    detail::check_nonce(inner.nonce, nonce_);
    detail::check_server_nonce(inner.server_nonce, server_nonce_);
    if (inner.retry_id != expected_retry_id_) {
        throw Error(errc::handshake_retry_id_mismatch,
                    "retry_id is not the last auth_key_aux_hash");
    }
    const ByteView g_b = blob::view(inner.g_b);
    crypto::check_dh_value(g_b, dh_prime_, crypto::errc::dh_g_b_out_of_range);

    Bytes shared = crypto::dh_shared_secret(g_b, a_.view(), dh_prime_);
    crypto::AuthKey key(shared);
    crypto::secure_zero(shared);
    const auto aux = crypto::auth_key_aux_hash(key.bytes());
    const auto hash = [&](int n) { return crypto::new_nonce_hash(new_nonce_.view(), n, aux); };
    const auto& faults = options_.faults;
    const auto refuse = [&] {
        return HandshakeServerStep{hs::serialize(hs::dh_gen_fail{nonce_, server_nonce_, hash(3)}),
                                   std::nullopt};
    };

    if (faults.dh_gen_fail) return refuse();
    const bool taken = options_.auth_key_id_taken && options_.auth_key_id_taken(key.id());
    if (retries_ < faults.force_retries || (taken && retries_ < options_.max_retries)) {
        ++retries_;
        expected_retry_id_ = le_int64(aux);
        Bytes reply = hs::serialize(hs::dh_gen_retry{nonce_, server_nonce_, hash(2)});
        return Reply<AwaitSetClientDh>{std::move(reply), std::move(*this)};
    }
    if (taken) return refuse();

    hs::dh_gen_ok ok{nonce_, server_nonce_, hash(1)};
    if (faults.wrong_new_nonce_hash) flip(ok.new_nonce_hash1);
    HandshakeServerStep last{hs::serialize(ok), std::move(info_)};
    last.done->result.auth_key = std::move(key);
    last.done->result.server_salt = crypto::initial_server_salt(new_nonce_.view(), server_nonce_);
    last.done->result.time_offset = 0;
    return last;
}

}  // namespace server_states

HandshakeServer::HandshakeServer(std::span<const crypto::RsaPrivateKey> keys,
                                 crypto::RandomSource random, HandshakeServerOptions options)
    : state_(std::in_place_type<server_states::AwaitReqPq>, keys, std::move(random),
             std::move(options)) {}

HandshakeServer::~HandshakeServer() = default;
HandshakeServer::HandshakeServer(HandshakeServer&&) noexcept = default;
HandshakeServer& HandshakeServer::operator=(HandshakeServer&&) noexcept = default;

HandshakeServerStep HandshakeServer::on_message(ByteView body, std::int64_t now) {
    // Taken out first: every throw below, and a message in a state that expects none, leaves the
    // machine failed.
    static_assert(
        std::variant_size_v<decltype(state_)> == static_cast<std::size_t>(State::Failed) + 1,
        "State names the alternatives of state_ in order");
    auto current = std::exchange(state_, Failed{});
    const auto advance = [this](auto&& reply) {
        state_ = std::move(reply.next);
        return HandshakeServerStep{std::move(reply.body), std::nullopt};
    };
    // An answer that may end the exchange: with the key (Done) or a refusal (Failed).
    const auto settle = [&](auto&& answer) {
        if (auto* last = std::get_if<HandshakeServerStep>(&answer)) {
            if (last->done) state_ = Done{};
            return std::move(*last);
        }
        return advance(std::move(std::get<0>(answer)));
    };
    if (auto* s = std::get_if<server_states::AwaitReqPq>(&current)) {
        return advance(std::move(*s).on_req_pq(body));
    }
    if (auto* s = std::get_if<server_states::AwaitReqDh>(&current)) {
        if (starts_exchange(body)) return advance(std::move(*s).on_req_pq(body));
        return settle(std::move(*s).on_req_dh_params(body, now));
    }
    if (auto* s = std::get_if<server_states::AwaitSetClientDh>(&current)) {
        return settle(std::move(*s).on_set_client_dh_params(body));
    }
    throw Error(errc::handshake_unexpected_message, "no message expected in this handshake state");
}

}  // namespace tgs::mtproto
