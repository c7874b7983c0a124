// Fixed state the fuzz targets and their seeds share: one auth key, one fixed clock, fixed
// session ids, one RSA key and recorded handshake, one test DC, one scratch directory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "tgs/bytes.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/crypto/rsa.hpp"
#include "tgs/mtproto/client_session.hpp"
#include "tgs/mtproto/handshake_client.hpp"
#include "tgs/mtproto/server_session.hpp"
#include "tgs/session/sealed.hpp"
#include "tgs/session/secure_key.hpp"
#include "tgs/session/session_data.hpp"
#include "tgs/testdc/rpc_handler.hpp"
#include "tgs/transport/codec.hpp"
#include "tgs/transport/obfuscated2.hpp"

namespace tgs::fuzz {

inline constexpr unsigned kApiTypes = 6;  // User, auth.Authorization, auth.SentCode, Config,
                                          // account.Password, Updates
inline constexpr unsigned kMtTypes = 5;   // ResPQ, Server_DH_Params, Set_client_DH_params_answer,
                                          // BadMsgNotification, RpcResult
inline constexpr std::int64_t kUnixNow = 1'700'000'000;
inline constexpr std::int64_t kServerSalt = 0x1122334455667788;
inline constexpr std::int64_t kSessionId = 0x0102030405060708;
inline constexpr std::uint64_t kRpcAuthKeyId = 0x1111222233334444;
/// help.getConfig: what the client session wraps before receiving a fuzzed packet.
inline const Bytes kRequestBody = {0x6b, 0x18, 0xf9, 0xc4};

/// `first`, then `rest`: a seed whose byte 0 picks a target's mode.
Bytes prefixed(std::uint8_t first, ByteView rest);

/// xorshift bytes: deterministic, different per seed.
crypto::RandomSource counter_random(std::uint64_t seed);

mtproto::AuthKey session_key();
mtproto::ClientSession make_client_session();
mtproto::ServerSession make_server_session();
/// `body` as the server would send it to make_client_session()'s client (valid envelope).
Bytes server_packet_for(ByteView body, std::uint32_t msg_low = 1);
/// `body` as the client would send it to make_server_session() (valid envelope, salt).
Bytes client_packet_for(ByteView body, std::uint32_t msg_low = 4);

struct RecordedHandshake {
    std::vector<Bytes> replies;  // resPQ, server_DH_params_ok, dh_gen_ok bodies
};
/// A full handshake of make_handshake_client() against a test-DC server, recorded once.
const RecordedHandshake& recorded_handshake();
mtproto::HandshakeClient make_handshake_client();
/// make_handshake_client() after start() and after each recorded reply but the last: the
/// state before step 0, 1 and 2 of recorded_handshake(), built once.
const std::vector<mtproto::HandshakeClient>& handshake_snapshots();
/// server_DH_params_ok as recorded_handshake()'s server would send it around `inner` (any bytes,
/// normally a server_DH_inner_data body): SHA1(inner) + inner + zero padding, AES-IGE encrypted
/// with the recorded handshake's tmp key (fuzz_fixtures_handshake.cpp).
Bytes server_dh_params_ok_around(ByteView inner);
/// The server_DH_inner_data body inside recorded_handshake().replies[1], decrypted.
Bytes recorded_server_dh_inner();

const transport::ProxyKey& proxy_secret();
const session::SealKey& seal_key();
/// A private temp dir for this process (removed at exit).
const std::filesystem::path& scratch_dir();

testdc::RpcHandler& test_dc();
testdc::CallContext rpc_context();

/// The session every session-format seed holds (user, update state, a fixed key).
session::SessionData sample_session();
/// The public half of the fuzz RSA key.
crypto::RsaPublicKey fuzz_rsa_public_key();

// --- file formats and proxies (fuzz_fixtures_formats.cpp) ---
inline constexpr unsigned kTdataParts = 6;  // TDF$ file, configs, mtp authorization, key_data,
                                            // account list, locally encrypted account list
inline constexpr const char* kFakeTlsDomain = "example.com";
/// A fixed tdata local key.
const session::AuthKeyBytes& tdata_local_key();
/// Puts the HMAC a client holding proxy_secret() would put into a ClientHello record (time
/// kUnixNow). Records too short to hold the random are left as they are.
void sign_fake_tls_hello(Bytes& record);
/// Puts the proxy's HMAC (over client_random + the answer) into the answer's ServerHello, if
/// `stream` starts with a complete answer (records up to the first application-data one).
void sign_fake_tls_answer(Bytes& stream, ByteView client_random);
/// The obfuscated2 codec a fake-TLS client wraps (padded intermediate, proxy_secret(), fixed
/// random), the same in every call.
std::unique_ptr<transport::Codec> fake_tls_client_codec();

}  // namespace tgs::fuzz
