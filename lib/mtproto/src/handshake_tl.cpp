// Hand-written serialization of the handshake TL objects (see handshake_tl.hpp).
#include "handshake_tl.hpp"

#include <cstdio>

#include "tgs/error.hpp"

namespace tgs::mtproto::hs {
namespace {

[[noreturn]] void unknown_id(std::uint32_t id, const char* expected) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "unexpected constructor 0x%08x (wanted %s)", id, expected);
    throw Error("TL_UNKNOWN_CONSTRUCTOR", buf);
}

void expect_id(tl::Reader& r, std::uint32_t id, const char* name) {
    const auto got = r.read_uint32();
    if (got != id) unknown_id(got, name);
}

// Fields shared by the four p_q_inner_data constructors, in wire order.
template <class T>
void write_pq_head(tl::Writer& w, const T& v) {
    w.write_uint32(T::ID);
    w.write_string(v.pq);
    w.write_string(v.p);
    w.write_string(v.q);
    w.write_int128(v.nonce);
    w.write_int128(v.server_nonce);
    w.write_int256(v.new_nonce);
}
template <class T>
void read_pq_head(tl::Reader& r, T& v) {
    v.pq = r.read_string();
    v.p = r.read_string();
    v.q = r.read_string();
    v.nonce = r.read_int128();
    v.server_nonce = r.read_int128();
    v.new_nonce = r.read_int256();
}

// nonce, server_nonce, hash — the shape of dh_gen_* and server_DH_params_fail.
template <class T, Int128 T::*Hash>
T read_three(tl::Reader& r) {
    T v;
    v.nonce = r.read_int128();
    v.server_nonce = r.read_int128();
    v.*Hash = r.read_int128();
    return v;
}

}  // namespace

void write(tl::Writer& w, const req_pq& v) {
    w.write_uint32(req_pq::ID);
    w.write_int128(v.nonce);
}
void write(tl::Writer& w, const req_pq_multi& v) {
    w.write_uint32(req_pq_multi::ID);
    w.write_int128(v.nonce);
}
void write(tl::Writer& w, const resPQ& v) {
    w.write_uint32(resPQ::ID);
    w.write_int128(v.nonce);
    w.write_int128(v.server_nonce);
    w.write_string(v.pq);
    w.write_vector_header(v.server_public_key_fingerprints.size());
    for (auto f : v.server_public_key_fingerprints) w.write_int64(f);
}
void write(tl::Writer& w, const p_q_inner_data& v) {
    write_pq_head(w, v);
}
void write(tl::Writer& w, const p_q_inner_data_dc& v) {
    write_pq_head(w, v);
    w.write_int32(v.dc);
}
void write(tl::Writer& w, const p_q_inner_data_temp& v) {
    write_pq_head(w, v);
    w.write_int32(v.expires_in);
}
void write(tl::Writer& w, const p_q_inner_data_temp_dc& v) {
    write_pq_head(w, v);
    w.write_int32(v.dc);
    w.write_int32(v.expires_in);
}
void write(tl::Writer& w, const req_DH_params& v) {
    w.write_uint32(req_DH_params::ID);
    w.write_int128(v.nonce);
    w.write_int128(v.server_nonce);
    w.write_string(v.p);
    w.write_string(v.q);
    w.write_int64(v.public_key_fingerprint);
    w.write_string(v.encrypted_data);
}
void write(tl::Writer& w, const server_DH_params_fail& v) {
    w.write_uint32(server_DH_params_fail::ID);
    w.write_int128(v.nonce);
    w.write_int128(v.server_nonce);
    w.write_int128(v.new_nonce_hash);
}
void write(tl::Writer& w, const server_DH_params_ok& v) {
    w.write_uint32(server_DH_params_ok::ID);
    w.write_int128(v.nonce);
    w.write_int128(v.server_nonce);
    w.write_string(v.encrypted_answer);
}
void write(tl::Writer& w, const server_DH_inner_data& v) {
    w.write_uint32(server_DH_inner_data::ID);
    w.write_int128(v.nonce);
    w.write_int128(v.server_nonce);
    w.write_int32(v.g);
    w.write_string(v.dh_prime);
    w.write_string(v.g_a);
    w.write_int32(v.server_time);
}
void write(tl::Writer& w, const client_DH_inner_data& v) {
    w.write_uint32(client_DH_inner_data::ID);
    w.write_int128(v.nonce);
    w.write_int128(v.server_nonce);
    w.write_int64(v.retry_id);
    w.write_string(v.g_b);
}
void write(tl::Writer& w, const set_client_DH_params& v) {
    w.write_uint32(set_client_DH_params::ID);
    w.write_int128(v.nonce);
    w.write_int128(v.server_nonce);
    w.write_string(v.encrypted_data);
}
void write(tl::Writer& w, const dh_gen_ok& v) {
    w.write_uint32(dh_gen_ok::ID);
    w.write_int128(v.nonce);
    w.write_int128(v.server_nonce);
    w.write_int128(v.new_nonce_hash1);
}
void write(tl::Writer& w, const dh_gen_retry& v) {
    w.write_uint32(dh_gen_retry::ID);
    w.write_int128(v.nonce);
    w.write_int128(v.server_nonce);
    w.write_int128(v.new_nonce_hash2);
}
void write(tl::Writer& w, const dh_gen_fail& v) {
    w.write_uint32(dh_gen_fail::ID);
    w.write_int128(v.nonce);
    w.write_int128(v.server_nonce);
    w.write_int128(v.new_nonce_hash3);
}

template <>
req_pq read<req_pq>(tl::Reader& r) {
    expect_id(r, req_pq::ID, "req_pq");
    return {r.read_int128()};
}
template <>
req_pq_multi read<req_pq_multi>(tl::Reader& r) {
    expect_id(r, req_pq_multi::ID, "req_pq_multi");
    return {r.read_int128()};
}
template <>
resPQ read<resPQ>(tl::Reader& r) {
    expect_id(r, resPQ::ID, "resPQ");
    resPQ v;
    v.nonce = r.read_int128();
    v.server_nonce = r.read_int128();
    v.pq = r.read_string();
    const auto n = r.read_vector_header();
    v.server_public_key_fingerprints.reserve(n);
    for (std::size_t i = 0; i < n; ++i) v.server_public_key_fingerprints.push_back(r.read_int64());
    return v;
}
template <>
P_Q_inner_data read<P_Q_inner_data>(tl::Reader& r) {
    const auto id = r.read_uint32();
    switch (id) {
        case p_q_inner_data::ID: {
            p_q_inner_data v;
            read_pq_head(r, v);
            return v;
        }
        case p_q_inner_data_dc::ID: {
            p_q_inner_data_dc v;
            read_pq_head(r, v);
            v.dc = r.read_int32();
            return v;
        }
        case p_q_inner_data_temp::ID: {
            p_q_inner_data_temp v;
            read_pq_head(r, v);
            v.expires_in = r.read_int32();
            return v;
        }
        case p_q_inner_data_temp_dc::ID: {
            p_q_inner_data_temp_dc v;
            read_pq_head(r, v);
            v.dc = r.read_int32();
            v.expires_in = r.read_int32();
            return v;
        }
        default:
            unknown_id(id, "P_Q_inner_data");
    }
}
template <>
req_DH_params read<req_DH_params>(tl::Reader& r) {
    expect_id(r, req_DH_params::ID, "req_DH_params");
    req_DH_params v;
    v.nonce = r.read_int128();
    v.server_nonce = r.read_int128();
    v.p = r.read_string();
    v.q = r.read_string();
    v.public_key_fingerprint = r.read_int64();
    v.encrypted_data = r.read_string();
    return v;
}
template <>
Server_DH_Params read<Server_DH_Params>(tl::Reader& r) {
    const auto id = r.read_uint32();
    if (id == server_DH_params_fail::ID) {
        return read_three<server_DH_params_fail, &server_DH_params_fail::new_nonce_hash>(r);
    }
    if (id != server_DH_params_ok::ID) unknown_id(id, "Server_DH_Params");
    server_DH_params_ok v;
    v.nonce = r.read_int128();
    v.server_nonce = r.read_int128();
    v.encrypted_answer = r.read_string();
    return v;
}
template <>
server_DH_inner_data read<server_DH_inner_data>(tl::Reader& r) {
    expect_id(r, server_DH_inner_data::ID, "server_DH_inner_data");
    server_DH_inner_data v;
    v.nonce = r.read_int128();
    v.server_nonce = r.read_int128();
    v.g = r.read_int32();
    v.dh_prime = r.read_string();
    v.g_a = r.read_string();
    v.server_time = r.read_int32();
    return v;
}
template <>
client_DH_inner_data read<client_DH_inner_data>(tl::Reader& r) {
    expect_id(r, client_DH_inner_data::ID, "client_DH_inner_data");
    client_DH_inner_data v;
    v.nonce = r.read_int128();
    v.server_nonce = r.read_int128();
    v.retry_id = r.read_int64();
    v.g_b = r.read_string();
    return v;
}
template <>
set_client_DH_params read<set_client_DH_params>(tl::Reader& r) {
    expect_id(r, set_client_DH_params::ID, "set_client_DH_params");
    set_client_DH_params v;
    v.nonce = r.read_int128();
    v.server_nonce = r.read_int128();
    v.encrypted_data = r.read_string();
    return v;
}
template <>
Set_client_DH_params_answer read<Set_client_DH_params_answer>(tl::Reader& r) {
    const auto id = r.read_uint32();
    switch (id) {
        case dh_gen_ok::ID:
            return read_three<dh_gen_ok, &dh_gen_ok::new_nonce_hash1>(r);
        case dh_gen_retry::ID:
            return read_three<dh_gen_retry, &dh_gen_retry::new_nonce_hash2>(r);
        case dh_gen_fail::ID:
            return read_three<dh_gen_fail, &dh_gen_fail::new_nonce_hash3>(r);
        default:
            unknown_id(id, "Set_client_DH_params_answer");
    }
}

}  // namespace tgs::mtproto::hs
