// Helpers for driving the RpcHandler directly: build requests, decode answers by hand.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "tgs/error.hpp"
#include "tgs/testdc/rpc_handler.hpp"
#include "tgs/tl/reader.hpp"
#include "tgs/tl/writer.hpp"

namespace tgs::testdc::test {

inline crypto::RandomSource counter_random() {
    auto counter = std::make_shared<std::uint8_t>(1);
    return [counter](MutableByteView out) {
        for (auto& b : out) b = (*counter)++;
    };
}

inline ClusterOptions three_dcs() {
    ClusterOptions o;
    for (int i = 1; i <= 3; ++i) o.dcs.push_back({i, "127.0.0.1", 40000 + i});
    return o;
}

/// One client "connection": an auth key on a DC, with the clock under test control.
struct Client {
    RpcHandler& handler;
    std::uint64_t key_id;
    int dc;
    std::int64_t now = 1'700'000'000;

    Reply call(const Bytes& req) {
        CallContext ctx;
        ctx.dc_id = dc;
        ctx.auth_key_id = key_id;
        ctx.msg_id = 0x1234;
        ctx.client_ip = "127.0.0.1";
        ctx.now = now;
        return handler.handle(ctx, req);
    }
};

inline Client make_client(RpcHandler& h, ClusterState& st, std::uint64_t key_id, int dc,
                          std::int32_t layer = 0) {
    auto& rec = st.add_auth_key(key_id, Bytes(256, 7), dc, 1'700'000'000);
    rec.layer = layer;
    return Client{h, key_id, dc};
}

inline std::uint32_t ctor(const Reply& r) {
    tl::Reader rd(r.body);
    return rd.read_uint32();
}

inline std::string error_of(const Reply& r) {
    return r.error.value_or("");
}

// Request builders.
inline Bytes send_code(const std::string& phone) {
    tl::Writer w;
    w.write_uint32(0xa677244f);
    w.write_string(phone);
    w.write_int32(12345);
    w.write_string("0123456789abcdef0123456789abcdef");
    w.write_uint32(0xad253d78);  // codeSettings, no flags
    w.write_uint32(0);
    return w.take();
}

inline Bytes sign_in(const std::string& phone, const std::string& hash, const std::string& code) {
    tl::Writer w;
    w.write_uint32(0x8d52a951);
    w.write_uint32(code.empty() ? 0 : 1);
    w.write_string(phone);
    w.write_string(hash);
    if (!code.empty()) w.write_string(code);
    return w.take();
}

inline Bytes sign_in_144(const std::string& phone, const std::string& hash,
                         const std::string& code) {
    tl::Writer w;
    w.write_uint32(0xbcd51581);
    w.write_string(phone);
    w.write_string(hash);
    w.write_string(code);
    return w.take();
}

inline Bytes plain(std::uint32_t id) {
    tl::Writer w;
    w.write_uint32(id);
    return w.take();
}

inline Bytes get_users_self() {
    tl::Writer w;
    w.write_uint32(0x0d91a548);
    w.write_vector_header(1);
    w.write_uint32(0xf7c1b13f);
    return w.take();
}

inline Bytes import_bot(const std::string& token) {
    tl::Writer w;
    w.write_uint32(0x67a3ff2c);
    w.write_int32(0);
    w.write_int32(12345);
    w.write_string("0123456789abcdef0123456789abcdef");
    w.write_string(token);
    return w.take();
}

inline Bytes with_layer(std::int32_t layer, const Bytes& query) {
    tl::Writer w;
    w.write_uint32(0xda9b0d0d);
    w.write_int32(layer);
    w.write_uint32(0xc1cd5ea9);  // initConnection
    w.write_uint32(0);
    w.write_int32(12345);
    w.write_string("PC 64bit");
    w.write_string("Linux 6.1");
    w.write_string("1.0");
    w.write_string("en");
    w.write_string("");
    w.write_string("en");
    w.write_raw(query);
    return w.take();
}

/// sentCode → phone_code_hash.
inline std::string sent_code_hash(const Reply& r) {
    tl::Reader rd(r.body);
    EXPECT_EQ(rd.read_uint32(), 0x5e002502u);
    rd.read_uint32();  // flags
    rd.read_uint32();  // type
    rd.read_int32();   // length
    return rd.read_string();
}

/// Logs `phone` in on `c` with its convention/file code; returns the last reply.
inline Reply login(Client& c, const std::string& phone, const std::string& code) {
    auto sent = c.call(send_code(phone));
    EXPECT_FALSE(sent.error) << error_of(sent);
    return c.call(sign_in(phone, sent_code_hash(sent), code));
}

}  // namespace tgs::testdc::test
