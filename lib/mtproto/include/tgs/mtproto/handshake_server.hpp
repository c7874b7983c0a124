// Server side of MTProto auth-key creation (the test DC's half), a sans-IO state machine:
//   on_message(req_pq | req_pq_multi)  -> resPQ
//   on_message(req_DH_params)          -> server_DH_params_ok
//   on_message(set_client_DH_params)   -> dh_gen_ok (+ done) | dh_gen_retry
// req_DH_params' encrypted_data may use RSA_PAD or the legacy SHA1 scheme (RSA_PAD is tried
// first; its SHA256 tells them apart), carrying any of the four P_Q_inner_data constructors.
// A failed check throws tgs::Error (codes in handshake.hpp); a real server then answers with
// the 4-byte transport error handshake_transport_error(code) and closes.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "tgs/crypto/random.hpp"
#include "tgs/crypto/rsa.hpp"
#include "tgs/crypto/secure.hpp"
#include "tgs/mtproto/handshake.hpp"

namespace tgs::mtproto {

/// Deliberate protocol violations, so clients' rejections can be tested end to end.
struct HandshakeServerFaults {
    bool bad_dh_prime = false;          // send dh_prime - 6 (g rule holds, not a safe prime)
    bool bad_g = false;                 // send g = 2 (not a generator of the QR subgroup)
    bool g_a_out_of_range = false;      // send g_a = 2
    bool wrong_nonce = false;           // resPQ carries a different nonce
    bool wrong_server_nonce = false;    // server_DH_params_ok's server_nonce differs from resPQ's
    bool wrong_new_nonce_hash = false;  // dh_gen_ok with a corrupted new_nonce_hash1
    bool corrupt_answer_hash = false;   // SHA1 in front of server_DH_inner_data corrupted
    bool dh_params_fail = false;        // answer req_DH_params with server_DH_params_fail
    bool dh_gen_fail = false;           // answer set_client_DH_params with dh_gen_fail
    int force_retries = 0;              // answer dh_gen_retry this many times first
};

struct HandshakeServerOptions {
    Bytes dh_prime;      // empty: Telegram's 2048-bit prime
    std::int32_t g = 3;  // generator for dh_prime
    /// dc values accepted in p_q_inner_data(_temp)_dc; empty accepts any. A mismatch throws
    /// HANDSHAKE_DC_MISMATCH (Telegram: transport error -444).
    std::vector<std::int32_t> accepted_dc_ids;
    bool accept_inner_data_without_dc = true;  // p_q_inner_data / p_q_inner_data_temp
    /// auth_key_id already in use? Then dh_gen_retry is answered (bounded by max_retries).
    std::function<bool(std::uint64_t auth_key_id)> auth_key_id_taken;
    int max_retries = 5;
    HandshakeServerFaults faults;
};

/// What the server learned besides the key.
struct HandshakeServerDone {
    HandshakeDone result;  // auth_key, server_salt (time_offset = 0)
    InnerDataVariant inner_data = InnerDataVariant::Dc;
    RsaScheme rsa_scheme = RsaScheme::RsaPad;
    std::optional<std::int32_t> dc;  // absent for the variants without dc
    std::int32_t expires_in = 0;     // > 0 only for temporary keys
};

struct HandshakeServerStep {
    Bytes reply;                              // body to send (always present)
    std::optional<HandshakeServerDone> done;  // set together with the dh_gen_ok reply
};

class HandshakeServer {
  public:
    enum class State { WaitReqPq, WaitReqDh, WaitSetClientDh, Done, Failed };

    /// `keys` must outlive the server (the test DC keeps them for its lifetime).
    HandshakeServer(std::span<const crypto::RsaPrivateKey> keys, crypto::RandomSource random,
                    HandshakeServerOptions options = {});
    ~HandshakeServer();
    HandshakeServer(HandshakeServer&&) noexcept;
    HandshakeServer& operator=(HandshakeServer&&) noexcept;

    /// Feeds one client message body; `now` is the server's unix time (server_time).
    HandshakeServerStep on_message(ByteView body, std::int64_t now);

    State state() const noexcept { return state_; }

  private:
    Bytes on_req_pq(ByteView body);
    Bytes on_req_dh_params(ByteView body, std::int64_t now);
    HandshakeServerStep on_set_client_dh_params(ByteView body);
    void decrypt_inner_data(ByteView encrypted, const crypto::RsaPrivateKey& key);

    std::span<const crypto::RsaPrivateKey> keys_;
    std::vector<std::int64_t> fingerprints_;
    crypto::RandomSource random_;
    HandshakeServerOptions options_;
    State state_ = State::WaitReqPq;

    Int128 nonce_{};
    Int128 server_nonce_{};
    std::uint64_t p_ = 0, q_ = 0;
    crypto::SecureBuffer new_nonce_;   // 32 bytes
    crypto::SecureBuffer tmp_key_iv_;  // 64 bytes
    crypto::SecureBuffer a_;           // 256 bytes, DH secret
    Bytes dh_prime_;                   // the prime actually used (options or Telegram's)
    std::int64_t expected_retry_id_ = 0;
    int retries_ = 0;
    HandshakeServerDone info_;
};

}  // namespace tgs::mtproto
