// Fixed state the fuzz targets and their seeds share: one auth key, one fixed clock, fixed
// session ids, one RSA key and recorded handshake, one test DC, one scratch directory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

#include "tgs/bytes.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/mtproto/client_session.hpp"
#include "tgs/mtproto/handshake_client.hpp"
#include "tgs/mtproto/server_session.hpp"
#include "tgs/session/sealed.hpp"
#include "tgs/testdc/rpc_handler.hpp"
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

const transport::ProxyKey& proxy_secret();
const session::SealKey& seal_key();
/// A private temp dir for this process (removed at exit).
const std::filesystem::path& scratch_dir();

testdc::RpcHandler& test_dc();
testdc::CallContext rpc_context();

}  // namespace tgs::fuzz
