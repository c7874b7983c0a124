// Seeds: real, valid inputs for every target, built with the library's own encoders.
#include <fstream>
#include <iterator>

#include "fuzz_fixtures.hpp"
#include "fuzz_targets.hpp"
#include "tgs/error.hpp"
#include "tgs/mtproto/container.hpp"
#include "tgs/session/store.hpp"
#include "tgs/session/strings.hpp"
#include "tgs/tl/api.hpp"
#include "tgs/tl/mt.hpp"
#include "tgs/tl/writer.hpp"
#include "tgs/transport/codec.hpp"

namespace tgs::fuzz {
namespace {

Bytes payload(std::size_t n, std::uint8_t salt) {
    Bytes p(n);
    for (std::size_t i = 0; i < n; ++i) p[i] = static_cast<std::uint8_t>(i * 13 + salt);
    return p;
}

std::vector<Bytes> transport_server_seeds() {
    std::vector<Bytes> out;
    for (int proto = 0; proto < 4; ++proto) {
        transport::CodecOptions o;
        o.random = counter_random(10);
        auto c = transport::make_codec(static_cast<transport::Protocol>(proto), o);
        Bytes stream;
        c->encode(payload(8, 1), stream);
        c->encode(payload(64, 2), stream, proto != 3);
        c->encode(payload(600, 3), stream);
        out.push_back(prefixed(static_cast<std::uint8_t>(proto * 17), stream));
    }
    for (auto proto : {transport::Protocol::Abridged, transport::Protocol::PaddedIntermediate}) {
        transport::Obfuscated2ClientParams p;
        p.protocol = proto;
        p.dc_id = 2;
        p.proxy_secret = proxy_secret();
        p.inner.random = counter_random(11);
        auto c = transport::Obfuscated2Codec::client(p, counter_random(12));
        Bytes stream;
        c->encode(payload(40, 4), stream);
        c->encode(payload(300, 5), stream);
        out.push_back(prefixed(63, stream));
    }
    return out;
}

std::vector<Bytes> transport_client_seeds() {
    std::vector<Bytes> out;
    for (int proto = 0; proto < 4; ++proto) {
        transport::CodecOptions o;
        o.role = transport::Role::Server;
        o.random = counter_random(13);
        auto c = transport::make_codec(static_cast<transport::Protocol>(proto), o);
        Bytes stream;
        c->encode(payload(24, 6), stream);
        if (proto != 3) c->encode_quick_ack(0x12345678, stream);
        c->encode_error(-404, stream);
        c->encode(payload(520, 7), stream);
        out.push_back(prefixed(static_cast<std::uint8_t>(proto | (5 << 2)), stream));
    }
    return out;
}

Bytes call(const Bytes& req) {
    return test_dc().handle(rpc_context(), req).body;
}

Bytes send_code_request() {
    tl::Writer w;
    w.write_uint32(0xa677244f);
    w.write_string("9996620001");
    w.write_int32(12345);
    w.write_string("0123456789abcdef0123456789abcdef");
    w.write_uint32(0xad253d78);  // codeSettings, no flags
    w.write_uint32(0);
    return w.take();
}

Bytes sign_in_request(const std::string& hash) {
    tl::Writer w;
    w.write_uint32(0x8d52a951);
    w.write_uint32(1);
    w.write_string("9996620001");
    w.write_string(hash);
    w.write_string("22222");
    return w.take();
}

Bytes id_only(std::uint32_t id) {
    tl::Writer w;
    w.write_uint32(id);
    return w.take();
}

Bytes get_users_self() {
    tl::Writer w;
    w.write_uint32(0x0d91a548);
    w.write_vector_header(1);
    w.write_uint32(0xf7c1b13f);  // inputUserSelf
    return w.take();
}

Bytes with_layer(const Bytes& query) {
    tl::Writer w;
    w.write_uint32(0xda9b0d0d);
    w.write_int32(198);
    w.write_uint32(0xc1cd5ea9);  // initConnection, no flags
    w.write_uint32(0);
    w.write_int32(12345);
    for (const char* s : {"PC 64bit", "Linux", "1.0", "en", "", "en"}) w.write_string(s);
    w.write_raw(query);
    return w.take();
}

std::vector<Bytes> rpc_seeds() {
    return {send_code_request(), sign_in_request("0000"), id_only(0xc4f9186b),
            id_only(0x548a30f5), get_users_self(),        with_layer(id_only(0xc4f9186b))};
}

// Answers of the test DC: sentCode, authorization, config, password, users.
std::vector<Bytes> tl_api_seeds() {
    std::vector<Bytes> out;
    const Bytes sent = call(send_code_request());
    out.push_back(prefixed(2, sent));
    tl::Reader r(sent);
    auto code = tl::api::read<tl::api::auth_SentCode>(r);
    const auto& sc = std::get<tl::api::auth_sentCode>(code);
    const Bytes auth = call(sign_in_request(sc.phone_code_hash));
    out.push_back(prefixed(1, auth));
    out.push_back(prefixed(3, call(id_only(0xc4f9186b))));
    out.push_back(prefixed(4, call(id_only(0x548a30f5))));
    const Bytes users = call(get_users_self());
    if (users.size() > 8) out.push_back(prefixed(0, ByteView(users).subspan(8)));
    out.push_back(prefixed(5, tl::api::serialize(tl::api::Updates{tl::api::updatesTooLong{}})));
    return out;
}

std::vector<Bytes> tl_mt_seeds() {
    const auto& flow = recorded_handshake();
    std::vector<Bytes> out = {prefixed(0, flow.replies[0]), prefixed(1, flow.replies[1]),
                              prefixed(2, flow.replies[2])};
    tl::mt::bad_server_salt bad;
    bad.bad_msg_id = 0x6553f10000000004;
    bad.error_code = 48;
    bad.new_server_salt = kServerSalt;
    out.push_back(prefixed(3, tl::mt::serialize(tl::mt::BadMsgNotification{bad})));
    tl::Writer w;
    w.write_uint32(0xf35c6d01);  // rpc_result req_msg_id result:Object
    w.write_int64(0x6553f10000000004);
    w.write_raw(id_only(0x997275b5));  // boolTrue
    out.push_back(prefixed(4, w.take()));
    return out;
}

// Inner ids a second before kUnixNow (they must be below the container's own id); `low` is 1
// for server messages, 0 for client ones.
Bytes sample_container(std::int64_t low = 1) {
    const std::int64_t base = (kUnixNow - 1) << 32;
    std::vector<mtproto::InnerMessage> msgs = {
        {base + 4 + low, 1, id_only(0x997275b5)},
        {base + 8 + low, 3, payload(16, 8)},
    };
    return mtproto::pack_container(msgs);
}

// Service messages and results a server sends.
std::vector<Bytes> client_body_seeds() {
    std::vector<Bytes> out;
    auto client = make_client_session();
    const auto req = client.wrap_request(kRequestBody);
    tl::Writer result;
    result.write_uint32(0xf35c6d01);
    result.write_int64(req.msg_id);
    result.write_raw(id_only(0x997275b5));
    out.push_back(result.take());
    tl::mt::bad_server_salt bad;
    bad.bad_msg_id = req.msg_id;
    bad.error_code = 48;
    bad.new_server_salt = 42;
    out.push_back(tl::mt::serialize(tl::mt::BadMsgNotification{bad}));
    out.push_back(sample_container());
    return out;
}

// Whole encrypted packets from a real server session answering the client.
std::vector<Bytes> client_packet_seeds() {
    auto client = make_client_session();
    auto server = make_server_session();
    const auto req = client.wrap_request(kRequestBody);
    (void)server.on_packet(req.packet);
    server.reply_result(req.msg_id, id_only(0x997275b5));
    std::vector<Bytes> out;
    if (auto p = server.flush()) out.push_back(*p);
    server.reply_error(req.msg_id, 420, "FLOOD_WAIT_3");
    if (auto p = server.flush()) out.push_back(*p);
    return out;
}

Bytes ping_body() {
    tl::Writer ping;
    ping.write_uint32(0x7abe77ec);
    ping.write_int64(77);
    return ping.take();
}

std::vector<Bytes> server_packet_seeds() {
    auto client = make_client_session();
    std::vector<Bytes> out = {client.wrap_request(kRequestBody).packet};
    std::vector<Bytes> batch = {kRequestBody, ping_body()};
    out.push_back(client.wrap_requests(batch).packet);
    return out;
}

std::vector<Bytes> server_body_seeds() {
    return {kRequestBody, ping_body(), sample_container(0)};
}

std::vector<Bytes> handshake_seeds() {
    const auto& flow = recorded_handshake();
    std::vector<Bytes> out;
    for (std::size_t i = 0; i < flow.replies.size(); ++i)
        out.push_back(prefixed(static_cast<std::uint8_t>(i), flow.replies[i]));
    out.push_back(prefixed(0x80, recorded_server_dh_inner()));
    return out;
}

std::vector<Bytes> session_string_seeds() {
    std::vector<Bytes> out;
    for (auto f : {session::Format::TelethonString, session::Format::GramjsString,
                   session::Format::PyrogramString}) {
        const std::string s = session::encode_string(sample_session(), f);
        out.emplace_back(s.begin(), s.end());
    }
    return out;
}

std::vector<Bytes> session_file_seeds() {
    std::vector<Bytes> out;
    int n = 0;
    for (auto f : {session::Format::Telethon, session::Format::Telethon2, session::Format::Pyrogram,
                   session::Format::Sealed, session::Format::TelethonString}) {
        const auto path = scratch_dir() / ("seed" + std::to_string(n++) + ".session");
        session::SaveOptions opts;
        opts.seal_key = seal_key();
        session::save(path, sample_session(), f, opts);
        std::ifstream in(path, std::ios::binary);
        out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return out;
}

}  // namespace

session::SessionData sample_session() {
    session::SessionData d;
    d.dc_id = 2;
    d.server_address = "149.154.167.51";
    d.port = 443;
    Bytes key(256);
    for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(i * 7 + 1);
    d.auth_key.emplace(key);
    d.user = session::SelfUser{777000123, 0x1122334455667788, "someuser", "15550001234", "Ann", "",
                               false};
    d.state = session::UpdateState{120, 7, 1700000000, 33, {}};
    return d;
}

std::vector<Bytes> make_seeds(std::string_view name) {
    if (name == "transport_server") return transport_server_seeds();
    if (name == "transport_client") return transport_client_seeds();
    if (name == "tl_api") return tl_api_seeds();
    if (name == "tl_mt") return tl_mt_seeds();
    if (name == "container") return {sample_container()};
    if (name == "client_packet") return client_packet_seeds();
    if (name == "client_body") return client_body_seeds();
    if (name == "server_packet") return server_packet_seeds();
    if (name == "server_body") return server_body_seeds();
    if (name == "handshake_client") return handshake_seeds();
    if (name == "session_string") return session_string_seeds();
    if (name == "session_file") return session_file_seeds();
    if (name == "rpc_handler") return rpc_seeds();
    if (auto seeds = format_seeds(name); !seeds.empty()) return seeds;
    throw Error("FUZZ_UNKNOWN_TARGET", std::string(name));
}

}  // namespace tgs::fuzz
