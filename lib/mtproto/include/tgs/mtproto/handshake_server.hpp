// Server side of MTProto auth-key creation (the test DC's half), sans-IO, in two layers like the
// client's (handshake_client.hpp):
//
// 1. The states as types (namespace server_states). Each holds only what the steps after it
//    need, and each transition consumes it (an rvalue member function) and returns the reply
//    body with the next state, so an out-of-order step does not compile:
//      AwaitReqPq::on_req_pq() &&               -> resPQ                + AwaitReqDh
//      AwaitReqDh::on_req_dh_params() &&        -> server_DH_params_ok  + AwaitSetClientDh
//      AwaitReqDh::on_req_pq() &&               -> resPQ                + a new AwaitReqDh
//      AwaitSetClientDh::on_set_client_dh_params() && -> dh_gen_ok (+ the key) | dh_gen_retry
//                                                     + AwaitSetClientDh
//    AwaitReqDh accepts a fresh req_pq because Telegram Desktop probes every new connection with
//    a req_pq of its own and then runs the real exchange on the same connection (tdesktop
//    connection_tcp.cpp preparePQFake): the probe's state is dropped and a new one begins.
//    Answers that end an exchange without a key (server_DH_params_fail, dh_gen_fail: faults and
//    an auth_key_id that stays taken) come back as a last HandshakeServerStep without `done`.
// 2. HandshakeServer, the driver for a connection that does not know which message comes next: a
//    variant of those states, on_message() dispatching to the current state's transition.
//
// req_DH_params' encrypted_data may use RSA_PAD or the legacy SHA1 scheme (RSA_PAD is tried
// first; its SHA256 tells them apart), carrying any of the four P_Q_inner_data constructors.
// A failed check throws tgs::Error (codes in handshake.hpp); a real server then answers with
// the 4-byte transport error handshake_transport_error(code) and closes. Randomness is drawn in
// wire order: server_nonce, p, q; a (256), then the padding of server_DH_inner_data.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <variant>
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

namespace server_states {

/// A reply body to send and the state that waits for the client's next message.
template <class Next>
struct Reply {
    Bytes body;
    Next next;
};

class AwaitReqDh;
class AwaitSetClientDh;

/// Before the client's first message: the server's keys and settings, nothing of an exchange.
class AwaitReqPq {
  public:
    /// `keys` must outlive the states (the test DC keeps them for its lifetime).
    AwaitReqPq(std::span<const crypto::RsaPrivateKey> keys, crypto::RandomSource random,
               HandshakeServerOptions options = {});
    AwaitReqPq(AwaitReqPq&&) noexcept = default;
    AwaitReqPq& operator=(AwaitReqPq&&) noexcept = default;

    /// req_pq_multi, or req_pq (old clients, Telegram Desktop's probe): draws server_nonce, p
    /// and q; the body is resPQ.
    Reply<AwaitReqDh> on_req_pq(ByteView body) &&;

  private:
    friend class AwaitReqDh;  // reads the keys and settings, and restarts from them

    std::span<const crypto::RsaPrivateKey> keys_;
    std::vector<std::int64_t> fingerprints_;
    crypto::RandomSource random_;
    HandshakeServerOptions options_;
    Bytes dh_prime_;  // the prime actually used (options or Telegram's)
};

/// resPQ sent; waits for req_DH_params (or a fresh req_pq).
class AwaitReqDh {
  public:
    /// server_DH_params_ok and the state waiting for set_client_DH_params, or the exchange's
    /// last reply (server_DH_params_fail, a fault).
    using Answer = std::variant<Reply<AwaitSetClientDh>, HandshakeServerStep>;
    AwaitReqDh(AwaitReqDh&&) noexcept = default;
    AwaitReqDh& operator=(AwaitReqDh&&) noexcept = default;

    /// Checks req_DH_params and decrypts p_q_inner_data; `now` is the server's unix time.
    Answer on_req_dh_params(ByteView body, std::int64_t now) &&;
    /// The client starts over: this exchange is dropped and a new one answers (new server_nonce,
    /// p and q).
    Reply<AwaitReqDh> on_req_pq(ByteView body) &&;

  private:
    friend class AwaitReqPq;
    AwaitReqDh(AwaitReqPq setup, const Int128& nonce, const Int128& server_nonce, std::uint64_t p,
               std::uint64_t q);
    /// Decrypts and checks p_q_inner_data (either RSA scheme) into next's new_nonce and info.
    void decrypt_inner_data(ByteView encrypted, const crypto::RsaPrivateKey& key,
                            AwaitSetClientDh& next) const;

    AwaitReqPq setup_;  // keys, random and options; also what a restart begins from
    Int128 nonce_;
    Int128 server_nonce_;
    std::uint64_t p_, q_;
};

/// server_DH_params_ok sent; waits for set_client_DH_params.
class AwaitSetClientDh {
  public:
    /// dh_gen_retry and this state again, or the exchange's last reply: dh_gen_ok with `done`
    /// set, or dh_gen_fail.
    using Answer = std::variant<Reply<AwaitSetClientDh>, HandshakeServerStep>;
    AwaitSetClientDh(AwaitSetClientDh&&) noexcept = default;
    AwaitSetClientDh& operator=(AwaitSetClientDh&&) noexcept = default;

    Answer on_set_client_dh_params(ByteView body) &&;

  private:
    friend class AwaitReqDh;
    AwaitSetClientDh() = default;

    HandshakeServerOptions options_;  // faults, retries, auth_key_id_taken
    Bytes dh_prime_;
    Int128 nonce_{};
    Int128 server_nonce_{};
    crypto::SecureBuffer new_nonce_;   // 32 bytes
    crypto::SecureBuffer tmp_key_iv_;  // 64 bytes
    crypto::SecureBuffer a_;           // 256 bytes, DH secret
    std::int64_t expected_retry_id_ = 0;
    int retries_ = 0;
    HandshakeServerDone info_;  // what req_DH_params showed; the key is added at the end
};

}  // namespace server_states

class HandshakeServer {
  public:
    /// In the order of the alternatives of the state variant below. A refusal
    /// (server_DH_params_fail, dh_gen_fail) ends in Failed like a throw.
    enum class State { WaitReqPq, WaitReqDh, WaitSetClientDh, Done, Failed };

    /// `keys` must outlive the server (the test DC keeps them for its lifetime).
    HandshakeServer(std::span<const crypto::RsaPrivateKey> keys, crypto::RandomSource random,
                    HandshakeServerOptions options = {});
    ~HandshakeServer();
    HandshakeServer(HandshakeServer&&) noexcept;
    HandshakeServer& operator=(HandshakeServer&&) noexcept;

    /// Feeds one client message body; `now` is the server's unix time (server_time).
    HandshakeServerStep on_message(ByteView body, std::int64_t now);

    State state() const noexcept { return static_cast<State>(state_.index()); }

  private:
    struct Done {};
    struct Failed {};
    std::variant<server_states::AwaitReqPq, server_states::AwaitReqDh,
                 server_states::AwaitSetClientDh, Done, Failed>
        state_;
};

}  // namespace tgs::mtproto
