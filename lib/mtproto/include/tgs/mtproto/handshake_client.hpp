// Client side of MTProto auth-key creation (docs/protocol.md §3), sans-IO, in two layers:
//
// 1. The states as types (namespace client_states). Each state holds only what the steps after it
//    need, and its one transition consumes it (an rvalue member function) and returns the request
//    body together with the next state, so an out-of-order step does not compile:
//      Start::req_pq() &&                   -> req_pq_multi         + AwaitResPq
//      AwaitResPq::on_res_pq() &&           -> req_DH_params        + AwaitDhParams
//      AwaitDhParams::on_server_dh_params() -> set_client_DH_params + AwaitDhGen
//      AwaitDhGen::on_dh_gen_answer() &&    -> HandshakeDone, or (dh_gen_retry) a new
//                                              set_client_DH_params (new b, retry_id = aux_hash)
//                                              + AwaitDhGen
// 2. HandshakeClient, the driver for an I/O loop that does not know which answer comes next:
//    a variant of those states, on_message() dispatching to the current state's transition.
//
// Every check failure throws tgs::Error with a specific code (see handshake.hpp); the driver is
// then failed (start a new one to try again), a typed state is gone. Randomness is drawn in wire
// order: nonce (16); new_nonce (32), then the RSA scheme's padding and temp_key; b (256), then the
// padding of client_DH_inner_data — so recorded flows replay byte for byte.
#pragma once

#include <cstdint>
#include <variant>
#include <vector>

#include "tgs/crypto/random.hpp"
#include "tgs/crypto/rsa.hpp"
#include "tgs/crypto/secure.hpp"
#include "tgs/mtproto/handshake.hpp"

namespace tgs::mtproto {

struct HandshakeClientOptions {
    InnerDataVariant inner_data = InnerDataVariant::Dc;
    RsaScheme rsa_scheme = RsaScheme::RsaPad;
    std::int32_t expires_in = 0;  // seconds; only for the Temp* inner-data variants
    int max_retries = 5;          // dh_gen_retry answers accepted before giving up
};

namespace client_states {

/// A request body to send and the state that waits for its answer.
template <class Next>
struct Sent {
    Bytes body;
    Next next;
};

class AwaitResPq;
class AwaitDhParams;
class AwaitDhGen;

/// Before anything is sent: what the first two steps need.
class Start {
  public:
    /// dc_id goes into p_q_inner_data_dc as is: +10000 for test servers, negative for media.
    Start(std::vector<crypto::RsaPublicKey> server_keys, std::int32_t dc_id,
          crypto::RandomSource random, HandshakeClientOptions options = {});
    Start(Start&&) noexcept = default;
    Start& operator=(Start&&) noexcept = default;

    /// Draws the nonce; the body is req_pq_multi.
    Sent<AwaitResPq> req_pq() &&;
    /// A deep copy that draws from `random` (see HandshakeClient::clone).
    Start clone(crypto::RandomSource random) const;

  private:
    std::vector<crypto::RsaPublicKey> keys_;
    std::int32_t dc_id_;
    crypto::RandomSource random_;
    HandshakeClientOptions options_;
};

/// req_pq_multi sent; waits for resPQ.
class AwaitResPq {
  public:
    AwaitResPq(AwaitResPq&&) noexcept = default;
    AwaitResPq& operator=(AwaitResPq&&) noexcept = default;

    /// Checks resPQ, factors pq and RSA-encrypts p_q_inner_data; the body is req_DH_params.
    Sent<AwaitDhParams> on_res_pq(ByteView body) &&;
    AwaitResPq clone(crypto::RandomSource random) const;

  private:
    friend class Start;
    AwaitResPq(std::vector<crypto::RsaPublicKey> keys, std::int32_t dc_id,
               crypto::RandomSource random, HandshakeClientOptions options, const Int128& nonce);

    std::vector<crypto::RsaPublicKey> keys_;
    std::int32_t dc_id_;
    crypto::RandomSource random_;
    HandshakeClientOptions options_;
    Int128 nonce_;
};

/// req_DH_params sent; waits for server_DH_params_ok (or _fail).
class AwaitDhParams {
  public:
    AwaitDhParams(AwaitDhParams&&) noexcept = default;
    AwaitDhParams& operator=(AwaitDhParams&&) noexcept = default;

    /// Decrypts and checks server_DH_inner_data (`now` is local unix time, for time_offset);
    /// the body is set_client_DH_params.
    Sent<AwaitDhGen> on_server_dh_params(ByteView body, std::int64_t now) &&;
    AwaitDhParams clone(crypto::RandomSource random) const;

  private:
    friend class AwaitResPq;
    AwaitDhParams(crypto::RandomSource random, int max_retries, const Int128& nonce,
                  const Int128& server_nonce, crypto::SecureBuffer new_nonce);

    crypto::RandomSource random_;
    int max_retries_;
    Int128 nonce_;
    Int128 server_nonce_;
    crypto::SecureBuffer new_nonce_;  // 32 bytes
};

/// set_client_DH_params sent; waits for dh_gen_ok / dh_gen_retry / dh_gen_fail.
class AwaitDhGen {
  public:
    using Answer = std::variant<Sent<AwaitDhGen>, HandshakeDone>;
    AwaitDhGen(AwaitDhGen&&) noexcept = default;
    AwaitDhGen& operator=(AwaitDhGen&&) noexcept = default;

    Answer on_dh_gen_answer(ByteView body) &&;
    AwaitDhGen clone(crypto::RandomSource random) const;

  private:
    friend class AwaitDhParams;
    AwaitDhGen() = default;
    /// Draws a fresh b, keeps the key it gives and returns set_client_DH_params.
    Bytes make_set_client_dh_params();

    crypto::RandomSource random_;
    int max_retries_ = 0;
    Int128 nonce_{};
    Int128 server_nonce_{};
    crypto::SecureBuffer new_nonce_;   // 32 bytes
    crypto::SecureBuffer tmp_key_iv_;  // 64 bytes: tmp_aes_key + tmp_aes_iv
    Bytes dh_prime_;
    std::int32_t g_ = 0;
    Bytes g_a_;
    std::int32_t time_offset_ = 0;
    std::int64_t retry_id_ = 0;
    int retries_ = 0;
    crypto::AuthKey pending_key_;  // computed with the last g_b, awaiting dh_gen_*
};

}  // namespace client_states

class HandshakeClient {
  public:
    using Step = std::variant<HandshakeSend, HandshakeDone>;
    /// In the order of the alternatives of the state variant below.
    enum class State { Initial, WaitResPq, WaitDhParams, WaitDhGen, Done, Failed };

    /// dc_id goes into p_q_inner_data_dc as is: +10000 for test servers, negative for media.
    HandshakeClient(std::vector<crypto::RsaPublicKey> server_keys, std::int32_t dc_id,
                    crypto::RandomSource random, HandshakeClientOptions options = {});
    ~HandshakeClient();
    HandshakeClient(HandshakeClient&&) noexcept;
    HandshakeClient& operator=(HandshakeClient&&) noexcept;

    /// The first message body (req_pq_multi). Call once.
    Bytes start();
    /// Feeds one server message body; `now` is local unix time (for time_offset).
    Step on_message(ByteView body, std::int64_t now);

    State state() const noexcept { return static_cast<State>(state_.index()); }

    /// A deep copy of this handshake, secrets included, that draws its randomness from `random`
    /// from now on (a shared source would make the two draw each other's bytes). For replaying
    /// one state many times: the fuzzer feeds each input to a copy of the state it targets.
    HandshakeClient clone(crypto::RandomSource random) const;

  private:
    struct Done {};
    struct Failed {};
    using States =
        std::variant<client_states::Start, client_states::AwaitResPq, client_states::AwaitDhParams,
                     client_states::AwaitDhGen, Done, Failed>;
    explicit HandshakeClient(States state) : state_(std::move(state)) {}
    States state_;
};

}  // namespace tgs::mtproto
