// The error codes lib/mtproto throws (as tgs::Error), named once: the throw sites, the code that
// branches on them and the CLI's exit table use these constants; kAll lets a test check that every
// one has an exit rule. Besides these, the handshake passes on crypto's DH_* / PQ_* and tl's TL_*.
#pragma once

#include <array>
#include <string_view>

namespace tgs::mtproto::errc {

// --- The handshake (both roles) ---
/// A constructor not valid in the current state (or garbage).
inline constexpr const char* handshake_unexpected_message = "HANDSHAKE_UNEXPECTED_MESSAGE";
/// Bytes left after the TL object.
inline constexpr const char* handshake_trailing_data = "HANDSHAKE_TRAILING_DATA";
inline constexpr const char* handshake_nonce_mismatch = "HANDSHAKE_NONCE_MISMATCH";
/// server_nonce differs from the one in resPQ.
inline constexpr const char* handshake_server_nonce_mismatch = "HANDSHAKE_SERVER_NONCE_MISMATCH";
/// No offered or used fingerprint matches a key we have.
inline constexpr const char* handshake_no_known_rsa_key = "HANDSHAKE_NO_KNOWN_RSA_KEY";
/// (Server) p, q or pq differ from what was sent.
inline constexpr const char* handshake_pq_mismatch = "HANDSHAKE_PQ_MISMATCH";
/// encrypted_answer / encrypted_data is not a multiple of 16 bytes.
inline constexpr const char* handshake_encrypted_length_invalid =
    "HANDSHAKE_ENCRYPTED_LENGTH_INVALID";
/// The SHA1 in front of server_DH_inner_data / client_DH_inner_data does not cover exactly the
/// parsed object (plus under 16 bytes of padding).
inline constexpr const char* handshake_answer_hash_mismatch = "HANDSHAKE_ANSWER_HASH_MISMATCH";
/// (Server) req_DH_params' encrypted_data decrypts to nothing valid.
inline constexpr const char* handshake_inner_data_invalid = "HANDSHAKE_INNER_DATA_INVALID";
/// (Server) the dc in p_q_inner_data_dc is not served here (Telegram: transport error -444).
inline constexpr const char* handshake_dc_mismatch = "HANDSHAKE_DC_MISMATCH";
/// (Server) retry_id is not the previous auth_key_aux_hash.
inline constexpr const char* handshake_retry_id_mismatch = "HANDSHAKE_RETRY_ID_MISMATCH";
/// new_nonce_hash1/2/3 wrong.
inline constexpr const char* handshake_new_nonce_hash_mismatch =
    "HANDSHAKE_NEW_NONCE_HASH_MISMATCH";
/// The server answered server_DH_params_fail.
inline constexpr const char* handshake_dh_params_fail = "HANDSHAKE_DH_PARAMS_FAIL";
/// The server answered dh_gen_fail.
inline constexpr const char* handshake_dh_gen_fail = "HANDSHAKE_DH_GEN_FAIL";
/// dh_gen_retry more often than allowed.
inline constexpr const char* handshake_too_many_retries = "HANDSHAKE_TOO_MANY_RETRIES";
/// The unencrypted envelope is malformed (auth_key_id != 0, length).
inline constexpr const char* handshake_bad_envelope = "HANDSHAKE_BAD_ENVELOPE";

// --- Encrypted messages ---
inline constexpr const char* msg_bad_length = "MSG_BAD_LENGTH";
inline constexpr const char* msg_bad_padding = "MSG_BAD_PADDING";
inline constexpr const char* msg_key_mismatch = "MSG_KEY_MISMATCH";
/// The packet is for another auth key than this session's.
inline constexpr const char* msg_auth_key_id_mismatch = "MSG_AUTH_KEY_ID_MISMATCH";
/// (Server) no auth key with the packet's id (Telegram: transport error -404).
inline constexpr const char* msg_auth_key_unknown = "MSG_AUTH_KEY_UNKNOWN";
inline constexpr const char* msg_session_mismatch = "MSG_SESSION_MISMATCH";
inline constexpr const char* msg_id_parity = "MSG_ID_PARITY";
inline constexpr const char* msg_id_too_old = "MSG_ID_TOO_OLD";
inline constexpr const char* msg_id_too_new = "MSG_ID_TOO_NEW";
inline constexpr const char* msg_id_duplicate = "MSG_ID_DUPLICATE";
inline constexpr const char* msg_container_invalid = "MSG_CONTAINER_INVALID";
inline constexpr const char* msg_container_nested = "MSG_CONTAINER_NESTED";
inline constexpr const char* msg_container_too_large = "MSG_CONTAINER_TOO_LARGE";
inline constexpr const char* msg_gzip_invalid = "MSG_GZIP_INVALID";
/// gzip_packed would inflate beyond the packet's budget.
inline constexpr const char* msg_gzip_too_large = "MSG_GZIP_TOO_LARGE";

/// Every code above, for completeness tests (each needs a rule in the CLI's exit table).
inline constexpr std::array<std::string_view, 31> kAll{
    handshake_unexpected_message,
    handshake_trailing_data,
    handshake_nonce_mismatch,
    handshake_server_nonce_mismatch,
    handshake_no_known_rsa_key,
    handshake_pq_mismatch,
    handshake_encrypted_length_invalid,
    handshake_answer_hash_mismatch,
    handshake_inner_data_invalid,
    handshake_dc_mismatch,
    handshake_retry_id_mismatch,
    handshake_new_nonce_hash_mismatch,
    handshake_dh_params_fail,
    handshake_dh_gen_fail,
    handshake_too_many_retries,
    handshake_bad_envelope,
    msg_bad_length,
    msg_bad_padding,
    msg_key_mismatch,
    msg_auth_key_id_mismatch,
    msg_auth_key_unknown,
    msg_session_mismatch,
    msg_id_parity,
    msg_id_too_old,
    msg_id_too_new,
    msg_id_duplicate,
    msg_container_invalid,
    msg_container_nested,
    msg_container_too_large,
    msg_gzip_invalid,
    msg_gzip_too_large,
};

}  // namespace tgs::mtproto::errc
