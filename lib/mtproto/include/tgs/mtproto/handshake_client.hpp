// Client side of MTProto auth-key creation (docs/protocol.md §3) as a sans-IO state machine:
//   start() -> req_pq_multi body
//   on_message(resPQ)                 -> req_DH_params body
//   on_message(server_DH_params_ok)   -> set_client_DH_params body
//   on_message(dh_gen_ok)             -> HandshakeDone
//   on_message(dh_gen_retry)          -> set_client_DH_params body (new b, retry_id = aux_hash)
// Every check failure throws tgs::Error with a specific code (see handshake.hpp) and leaves the
// machine failed; start a new one to try again. Randomness is drawn in wire order: nonce (16);
// new_nonce (32), then the RSA scheme's padding and temp_key; b (256), then the padding of
// client_DH_inner_data — so recorded flows replay byte for byte.
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

class HandshakeClient {
  public:
    using Step = std::variant<HandshakeSend, HandshakeDone>;
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

    State state() const noexcept { return state_; }

  private:
    Bytes on_res_pq(ByteView body);
    Bytes on_server_dh_params(ByteView body, std::int64_t now);
    Step on_dh_gen_answer(ByteView body);
    Bytes make_set_client_dh_params();

    std::vector<crypto::RsaPublicKey> keys_;
    std::int32_t dc_id_;
    crypto::RandomSource random_;
    HandshakeClientOptions options_;
    State state_ = State::Initial;

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

}  // namespace tgs::mtproto
