// Handshake TL objects (the auth-key part of the MTProto schema), hand-serialized with
// tl::Reader/Writer. The structs mirror what tools/tlgen generates for `tgs::tl::mt` (same names,
// fields and read/write free functions), so switching to the generated header is a namespace
// alias away. Kept private to the handshake sources.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "tgs/bytes.hpp"
#include "tgs/tl/reader.hpp"
#include "tgs/tl/writer.hpp"

namespace tgs::mtproto::hs {

struct req_pq {
    static constexpr std::uint32_t ID = 0x60469778;
    Int128 nonce{};
};
struct req_pq_multi {
    static constexpr std::uint32_t ID = 0xbe7e8ef1;
    Int128 nonce{};
};
struct resPQ {
    static constexpr std::uint32_t ID = 0x05162463;
    Int128 nonce{};
    Int128 server_nonce{};
    std::string pq;
    std::vector<std::int64_t> server_public_key_fingerprints;
};

// The four inner-data constructors a client may RSA-encrypt in req_DH_params.
struct p_q_inner_data {  // legacy, no dc (grammers still sends it)
    static constexpr std::uint32_t ID = 0x83c95aec;
    std::string pq, p, q;
    Int128 nonce{}, server_nonce{};
    Int256 new_nonce{};
};
struct p_q_inner_data_dc {
    static constexpr std::uint32_t ID = 0xa9f55f95;
    std::string pq, p, q;
    Int128 nonce{}, server_nonce{};
    Int256 new_nonce{};
    std::int32_t dc = 0;
};
struct p_q_inner_data_temp {
    static constexpr std::uint32_t ID = 0x3c6a84d4;
    std::string pq, p, q;
    Int128 nonce{}, server_nonce{};
    Int256 new_nonce{};
    std::int32_t expires_in = 0;
};
struct p_q_inner_data_temp_dc {
    static constexpr std::uint32_t ID = 0x56fddf88;
    std::string pq, p, q;
    Int128 nonce{}, server_nonce{};
    Int256 new_nonce{};
    std::int32_t dc = 0;
    std::int32_t expires_in = 0;
};
using P_Q_inner_data =
    std::variant<p_q_inner_data, p_q_inner_data_dc, p_q_inner_data_temp, p_q_inner_data_temp_dc>;

struct req_DH_params {
    static constexpr std::uint32_t ID = 0xd712e4be;
    Int128 nonce{}, server_nonce{};
    std::string p, q;
    std::int64_t public_key_fingerprint = 0;
    std::string encrypted_data;
};
struct server_DH_params_fail {
    static constexpr std::uint32_t ID = 0x79cb045d;
    Int128 nonce{}, server_nonce{}, new_nonce_hash{};
};
struct server_DH_params_ok {
    static constexpr std::uint32_t ID = 0xd0e8075c;
    Int128 nonce{}, server_nonce{};
    std::string encrypted_answer;
};
using Server_DH_Params = std::variant<server_DH_params_fail, server_DH_params_ok>;

struct server_DH_inner_data {
    static constexpr std::uint32_t ID = 0xb5890dba;
    Int128 nonce{}, server_nonce{};
    std::int32_t g = 0;
    std::string dh_prime, g_a;
    std::int32_t server_time = 0;
};
struct client_DH_inner_data {
    static constexpr std::uint32_t ID = 0x6643b654;
    Int128 nonce{}, server_nonce{};
    std::int64_t retry_id = 0;
    std::string g_b;
};
struct set_client_DH_params {
    static constexpr std::uint32_t ID = 0xf5045f1f;
    Int128 nonce{}, server_nonce{};
    std::string encrypted_data;
};
struct dh_gen_ok {
    static constexpr std::uint32_t ID = 0x3bcbf734;
    Int128 nonce{}, server_nonce{}, new_nonce_hash1{};
};
struct dh_gen_retry {
    static constexpr std::uint32_t ID = 0x46dc1fb9;
    Int128 nonce{}, server_nonce{}, new_nonce_hash2{};
};
struct dh_gen_fail {
    static constexpr std::uint32_t ID = 0xa69dae02;
    Int128 nonce{}, server_nonce{}, new_nonce_hash3{};
};
using Set_client_DH_params_answer = std::variant<dh_gen_ok, dh_gen_retry, dh_gen_fail>;

// Boxed writers (constructor id + fields).
void write(tl::Writer& w, const req_pq& v);
void write(tl::Writer& w, const req_pq_multi& v);
void write(tl::Writer& w, const resPQ& v);
void write(tl::Writer& w, const p_q_inner_data& v);
void write(tl::Writer& w, const p_q_inner_data_dc& v);
void write(tl::Writer& w, const p_q_inner_data_temp& v);
void write(tl::Writer& w, const p_q_inner_data_temp_dc& v);
void write(tl::Writer& w, const req_DH_params& v);
void write(tl::Writer& w, const server_DH_params_fail& v);
void write(tl::Writer& w, const server_DH_params_ok& v);
void write(tl::Writer& w, const server_DH_inner_data& v);
void write(tl::Writer& w, const client_DH_inner_data& v);
void write(tl::Writer& w, const set_client_DH_params& v);
void write(tl::Writer& w, const dh_gen_ok& v);
void write(tl::Writer& w, const dh_gen_retry& v);
void write(tl::Writer& w, const dh_gen_fail& v);

template <class T>
Bytes serialize(const T& v) {
    tl::Writer w;
    write(w, v);
    return w.take();
}

/// Reads a boxed object; the id must be T's (or one of the variant's), else
/// tgs::Error("TL_UNKNOWN_CONSTRUCTOR").
template <class T>
T read(tl::Reader& r);

// Blob helpers that work whether a TL `string` field is std::string or tgs::Bytes.
inline ByteView view(const std::string& s) {
    return as_bytes(s);
}
inline ByteView view(const Bytes& b) {
    return b;
}
inline std::string to_blob(ByteView b) {
    return std::string(b.begin(), b.end());
}

}  // namespace tgs::mtproto::hs
